import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadyResponse } from '../../src/common/api/system.js';
import { launchBrowser, openPage, VIEWPORTS, type Viewport } from '../support/browser.js';
import { startTestServer } from '../support/server.js';
import { createUser } from '../../src/server/users/user.service.js';

const WEB_INDEX = fileURLToPath(new URL('../../dist/web/index.html', import.meta.url));
/** The README's screenshot is refreshed on request only (UPDATE_SCREENSHOTS=1), so runs leave the tree clean. */
const SCREENSHOT = process.env.UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL('../../docs/screenshots/home.png', import.meta.url))
  : join(tmpdir(), `shopfloor-home-${process.pid}.png`);
/** A browser far from the plant: New York is 7 hours behind Johannesburg. */
const BROWSER_ZONE = 'America/New_York';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const PASSWORD = 'shell-test-password';

/** A viewer who can see the home page; every page but sign-in needs a session. */
async function createViewer(server: TestServer): Promise<string> {
  const username = `shell-viewer-${process.pid}`;
  await createUser(server.database.db, {
    username,
    displayName: 'Shell Viewer',
    role: 'viewer',
    password: PASSWORD,
  });
  return username;
}

/** Signs the browser context in through the API (the cookie lands in the context's jar). */
async function signInContext(context: BrowserContext, baseUrl: string, username: string) {
  const response = await context.request.post(`${baseUrl}/api/auth/login`, {
    data: { username, password: PASSWORD },
  });
  expect(response.status()).toBe(200);
}

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
  let username: string;

  beforeAll(async () => {
    if (!existsSync(WEB_INDEX)) {
      throw new Error(`${WEB_INDEX} is missing: build the web app first (npm run build:web).`);
    }
    [server, browser] = await Promise.all([startTestServer({ seedDemo: true }), launchBrowser()]);
    username = await createViewer(server);
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
      const { context, page, errors } = await openPage(browser, undefined, {
        viewport,
        mobile,
        timezoneId: BROWSER_ZONE,
      });
      try {
        await signInContext(context, server.baseUrl, username);
        await page.goto(`${server.baseUrl}/`);
        expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
          BROWSER_ZONE,
        );
        await expectPlantHome(page, server.baseUrl);

        // The clock ticks.
        const before = await page.getByTestId('plant-clock').innerText();
        await expect.poll(() => page.getByTestId('plant-clock').innerText()).not.toBe(before);

        await clickNav(page, 'Orders', viewport);
        await page.waitForURL(`${server.baseUrl}/orders`);
        // The demo plant has no orders yet.
        await page.getByTestId('orders-empty').waitFor();
        // A viewer sees no admin section and no create button.
        expect(await page.getByTestId('order-create').count()).toBe(0);

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

  it('sends a visitor without a session to sign-in, and back after it', async () => {
    const { context, page } = await openPage(browser, `${server.baseUrl}/orders?status=pending`, {
      timezoneId: BROWSER_ZONE,
    });
    try {
      await page.waitForURL(
        `${server.baseUrl}/sign-in?next=${encodeURIComponent('/orders?status=pending')}`,
      );
      await page.getByTestId('sign-in-username').fill(username);
      await page.getByTestId('sign-in-password').fill('not-the-password');
      await page.getByTestId('sign-in-submit').click();
      await expect
        .poll(() => page.getByTestId('sign-in-error').innerText())
        .toBe('Wrong user name or password');

      await page.getByTestId('sign-in-password').fill(PASSWORD);
      await page.getByTestId('sign-in-submit').click();
      await page.waitForURL(`${server.baseUrl}/orders?status=pending`);
      await page.getByTestId('orders-empty').waitFor();

      // The navigation shows only what a viewer may use; the user menu says who is signed in.
      const nav = page.getByRole('navigation');
      expect(await nav.getByRole('link', { name: 'Admin', exact: true }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Operator', exact: true }).count()).toBe(0);
      await page.getByTestId('user-menu').click();
      await page.getByTestId('sign-out').click();
      await page.waitForURL(`${server.baseUrl}/sign-in`);
      const me = await context.request.get(`${server.baseUrl}/api/auth/me`);
      expect(me.status()).toBe(401);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('serves the app at a deep link (SPA fallback)', async () => {
    const { context, page } = await openPage(browser, undefined, { timezoneId: BROWSER_ZONE });
    try {
      await signInContext(context, server.baseUrl, username);
      await page.goto(`${server.baseUrl}/reports`);
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
    const { context, page } = await openPage(browser, undefined, {
      viewport: VIEWPORTS.screenshot,
      timezoneId: BROWSER_ZONE,
    });
    try {
      await signInContext(context, server.baseUrl, username);
      await page.goto(`${server.baseUrl}/`);
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
  let username: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ plantZone: 'Asia/Kathmandu' }),
      launchBrowser(),
    ]);
    username = await createViewer(server);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()]);
  });

  it('follows the plant’s zone (UTC+05:45), whatever the browser’s', async () => {
    const { context, page } = await openPage(browser, undefined, { timezoneId: BROWSER_ZONE });
    try {
      await signInContext(context, server.baseUrl, username);
      await page.goto(`${server.baseUrl}/`);
      const ready = await expectPlantHome(page, server.baseUrl);
      expect(ready.plant.timeZone).toBe('Asia/Kathmandu');
      expect(ready.plant.utcOffset).toBe('+05:45');
      await expect.poll(() => page.getByTestId('plant-zone').innerText()).toContain('UTC+05:45');
    } finally {
      await context.close();
    }
  }, 60_000);
});
