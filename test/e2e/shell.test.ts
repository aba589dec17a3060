import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadyResponse } from '../../src/common/api/system.js';
import { launchBrowser, openPage, VIEWPORTS, type Viewport } from '../support/browser.js';
import { startTestServer } from '../support/server.js';

const WEB_INDEX = fileURLToPath(new URL('../../dist/web/index.html', import.meta.url));
/** The README's screenshot is refreshed on request only (UPDATE_SCREENSHOTS=1), so runs leave the tree clean. */
const SCREENSHOT = process.env.UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL('../../docs/screenshots/home.png', import.meta.url))
  : join(tmpdir(), `shopfloor-home-${process.pid}.png`);
/** A browser far from the plant: New York is 7 hours behind Johannesburg. */
const BROWSER_ZONE = 'America/New_York';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

async function fetchReady(baseUrl: string): Promise<ReadyResponse> {
  const response = await fetch(`${baseUrl}/api/ready`);
  expect(response.status).toBe(200);
  return ReadyResponse.parse(await response.json());
}

/** Minutes since plant midnight of an instant, computed here (Node) in the plant's zone. */
function plantMinuteOfDay(iso: string, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(Date.parse(iso));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return part('hour') * 60 + part('minute');
}

/** Reads "HH:MM:SS" from the page's big plant clock as minutes since midnight. */
async function shownMinuteOfDay(page: Page): Promise<number> {
  const text = (await page.getByTestId('plant-clock').innerText()).trim();
  const match = /^(\d{2}):(\d{2}):(\d{2})$/.exec(text);
  expect(match, `plant clock shows "${text}"`).not.toBeNull();
  return Number(match?.[1]) * 60 + Number(match?.[2]);
}

/** Distance between two minutes-of-day, across midnight. */
function minuteDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 1440;
  return Math.min(d, 1440 - d);
}

async function expectPlantHome(page: Page, baseUrl: string): Promise<ReadyResponse> {
  const ready = await fetchReady(baseUrl);
  const { plant } = ready;
  await expect.poll(() => page.getByTestId('plant-name').innerText()).toBe(plant.name);

  const shown = await shownMinuteOfDay(page);
  expect(minuteDistance(shown, plantMinuteOfDay(plant.now, plant.timeZone))).toBeLessThanOrEqual(1);

  await expect.poll(() => page.getByTestId('plant-zone').innerText()).toContain(plant.timeZone);
  if (plant.shift) {
    expect((await page.getByTestId('shift-code').innerText()).trim()).toBe(plant.shift.code);
    expect((await page.getByTestId('shift-name').innerText()).trim()).toBe(plant.shift.name);
    if (plant.shift.crew) {
      expect(await page.getByTestId('shift-crew').innerText()).toContain(plant.shift.crew);
    }
  } else {
    await page.getByTestId('shift-none').waitFor();
  }
  return ready;
}

async function clickNav(page: Page, label: string, viewport: Viewport): Promise<void> {
  if (viewport.width < 768) {
    // Phone: the navbar is collapsed behind the burger.
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
  }
  await page.getByRole('navigation').getByRole('link', { name: label, exact: true }).click();
}

describe('web shell', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(WEB_INDEX)) {
      throw new Error(`${WEB_INDEX} is missing: build the web app first (npm run build:web).`);
    }
    [server, browser] = await Promise.all([startTestServer({ seedDemo: true }), launchBrowser()]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()]);
  });

  it.each([
    { name: 'tablet', viewport: VIEWPORTS.tablet, mobile: false },
    { name: 'phone', viewport: VIEWPORTS.phone, mobile: true },
  ])(
    'shows plant time, not the browser’s, on a $name in another zone',
    async ({ viewport, mobile }) => {
      const { context, page, errors } = await openPage(browser, `${server.baseUrl}/`, {
        viewport,
        mobile,
        timezoneId: BROWSER_ZONE,
      });
      try {
        expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
          BROWSER_ZONE,
        );
        await expectPlantHome(page, server.baseUrl);

        // The clock ticks.
        const before = await page.getByTestId('plant-clock').innerText();
        await expect.poll(() => page.getByTestId('plant-clock').innerText()).not.toBe(before);

        await clickNav(page, 'Orders', viewport);
        await page.waitForURL(`${server.baseUrl}/orders`);
        await expect
          .poll(() => page.getByTestId('placeholder').innerText())
          .toBe('Coming with the next release');

        await clickNav(page, 'Home', viewport);
        await page.waitForURL(`${server.baseUrl}/`);
        await expectPlantHome(page, server.baseUrl);

        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    60_000,
  );

  it('serves the app at a deep link (SPA fallback)', async () => {
    const { context, page } = await openPage(browser, `${server.baseUrl}/reports`, {
      timezoneId: BROWSER_ZONE,
    });
    try {
      await expect
        .poll(() => page.getByTestId('placeholder').innerText())
        .toBe('Coming with the next release');
      await expect
        .poll(() => page.getByTestId('header-clock').innerText())
        .toMatch(/^\d{2}:\d{2}:\d{2}$/);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('takes the README screenshot', async () => {
    const { context, page } = await openPage(browser, `${server.baseUrl}/`, {
      viewport: VIEWPORTS.screenshot,
      timezoneId: BROWSER_ZONE,
    });
    try {
      await expectPlantHome(page, server.baseUrl);
      await mkdir(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe('web shell in another plant zone', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ plantZone: 'Asia/Kathmandu' }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()]);
  });

  it('follows the plant’s zone (UTC+05:45), whatever the browser’s', async () => {
    const { context, page } = await openPage(browser, `${server.baseUrl}/`, {
      timezoneId: BROWSER_ZONE,
    });
    try {
      const ready = await expectPlantHome(page, server.baseUrl);
      expect(ready.plant.timeZone).toBe('Asia/Kathmandu');
      expect(ready.plant.utcOffset).toBe('+05:45');
      await expect.poll(() => page.getByTestId('plant-zone').innerText()).toContain('UTC+05:45');
    } finally {
      await context.close();
    }
  }, 60_000);
});
