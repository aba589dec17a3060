import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/server/users/user.service.js';
import { launchBrowser, openPage, VIEWPORTS, type OpenedPage } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

const WEB_INDEX = fileURLToPath(new URL('../../dist/web/index.html', import.meta.url));
const PASSWORD = 'admin-e2e-password';
const PLANT_ZONE = 'Africa/Johannesburg';
/** The browser is far from the plant: what the pages show must still be plant time. */
const BROWSER_ZONE = 'America/New_York';
const MACHINE_CODE = 'PK-09';

/** Screenshots for the docs only with UPDATE_SCREENSHOTS=1, so test runs leave the tree clean. */
async function screenshot(page: Page, name: string): Promise<void> {
  const path = process.env.UPDATE_SCREENSHOTS
    ? fileURLToPath(new URL(`../../docs/screenshots/${name}.png`, import.meta.url))
    : join(tmpdir(), `shopfloor-${name}-${process.pid}.png`);
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path });
}

/** Page errors, minus the answers the test provokes on purpose (401 before sign-in, 409). */
function realErrors(errors: string[]): string[] {
  return errors.filter((e) => !/status of (401|409)/.test(e));
}

/** Opens `path`, is sent to the sign-in page, signs in there and comes back. */
async function signedInPage(
  browser: Browser,
  server: TestServer,
  username: string,
  path: string,
): Promise<OpenedPage> {
  const opened = await openPage(browser, `${server.baseUrl}${path}`, {
    viewport: VIEWPORTS.screenshot,
    timezoneId: BROWSER_ZONE,
  });
  const { page } = opened;
  await page.waitForURL(/\/sign-in/);
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await page.waitForURL(`${server.baseUrl}${path}`);
  return opened;
}

/** The plant calendar day of an instant, "2026-11-24". */
function plantDay(epochMs: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: PLANT_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(epochMs);
}

/** Picks `option` in the Mantine select whose input has `testId`. */
async function pick(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Creates and starts an order on `machineCode` through the API, with the page's session. */
async function runOrder(page: Page, machineCode: string): Promise<void> {
  const base = new URL(page.url()).origin;
  const machines = (await (await page.request.get(`${base}/api/machines`)).json()) as {
    items: { id: number; code: string; environment: { id: number } }[];
  };
  const machine = machines.items.find((m) => m.code === machineCode)!;
  const created = await page.request.post(`${base}/api/orders`, {
    data: {
      orderNumber: 'E2E-ADMIN-1',
      productName: 'Rooibos natural 80 bags',
      quantity: 5000,
      environmentId: machine.environment.id,
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  const started = await page.request.post(`${base}/api/orders/${id}/start`, {
    data: { machineId: machine.id },
  });
  expect(started.status()).toBe(200);
  const counted = await page.request.post(`${base}/api/orders/${id}/count`, {
    data: { producedQuantity: 1830 },
  });
  expect(counted.status()).toBe(200);
}

describe('admin pages and machines board', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(WEB_INDEX)) {
      throw new Error(`${WEB_INDEX} is missing: build the web app first (npm run build:web).`);
    }
    [server, browser] = await Promise.all([startTestServer({ seedDemo: true }), launchBrowser()]);
    for (const role of ['admin', 'supervisor'] as const) {
      await createUser(server.database.db, {
        username: `e2e-${role}`,
        displayName: role === 'admin' ? 'Ayanda Admin' : 'Sipho Supervisor',
        role,
        password: PASSWORD,
      });
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()]);
  });

  const db = () => server.database.db;
  const machineRow = () =>
    db()
      .selectFrom('machines')
      .innerJoin('environments', 'environments.id', 'machines.environment_id')
      .leftJoin('machine_types', 'machine_types.id', 'machines.machine_type_id')
      .select([
        'machines.id',
        'machines.name',
        'machines.status',
        'machines.rated_speed',
        'machines.staffing',
        'environments.code as environment',
        'machine_types.code as type',
      ])
      .where('machines.code', '=', MACHINE_CODE)
      .executeTakeFirst();

  it('an admin adds a machine with staffing and a stop reason; both show where they are used', async () => {
    const { context, page, errors } = await signedInPage(
      browser,
      server,
      'e2e-admin',
      '/admin/machines',
    );
    try {
      // A taken code: the server's 409 is shown next to the field, and nothing is saved.
      await page.getByTestId('add-machine').click();
      await page.getByTestId('machine-code').fill('BL-01');
      await page.getByTestId('machine-name').fill('Duplicate');
      await pick(page, 'machine-environment', 'Packaging');
      await page.getByTestId('form-submit').click();
      await page.getByText('is already taken').waitFor();

      // The real machine.
      await page.getByTestId('machine-code').fill(MACHINE_CODE);
      await page.getByTestId('machine-name').fill('Stick packer 9');
      await pick(page, 'machine-type', 'Packing machine');
      await page.getByTestId('machine-rated-speed').fill('2400');
      await page.getByTestId('staffing-operator').fill('2');
      await page.getByTestId('staffing-packer').fill('3');
      await page.getByTestId('staffing-forklift_driver').fill('1');
      await page.getByTestId('form-submit').click();
      const row = page.getByTestId(`machine-row-${MACHINE_CODE}`);
      await row.waitFor();
      expect(await row.innerText()).toContain('2 operators, 3 packers, 1 forklift driver');

      const saved = await machineRow();
      expect(saved).toMatchObject({
        name: 'Stick packer 9',
        status: 'available',
        environment: 'packaging',
        type: 'packer',
      });
      expect(Number(saved?.rated_speed)).toBe(2400);
      expect(saved?.staffing).toMatchObject({ operator: 2, packer: 3, forklift_driver: 1 });
      await screenshot(page, 'admin');

      // It is on the machines board, in its environment, available.
      await page.goto(`${server.baseUrl}/machines`);
      const card = page
        .getByTestId('machine-group-packaging')
        .getByTestId(`machine-card-${MACHINE_CODE}`);
      await card.waitFor();
      expect(await card.getAttribute('data-status')).toBe('available');
      expect(await card.getByTestId('machine-status').innerText()).toMatch(/available/i);

      // A new reason under the Mechanical category.
      await page.goto(`${server.baseUrl}/admin/stop-reasons`);
      await page.getByTestId('add-reason-MECH').click();
      await page.getByTestId('reason-code').fill('belt');
      await page.getByTestId('reason-name').fill('Belt snapped');
      await page.getByTestId('form-submit').click();
      await page.getByTestId('reason-category-MECH').getByTestId('reason-row-BELT').waitFor();
      const reason = await db()
        .selectFrom('stop_reasons as r')
        .innerJoin('stop_reasons as c', 'c.id', 'r.parent_id')
        .select(['r.name', 'r.active', 'c.code as category'])
        .where('r.code', '=', 'BELT')
        .executeTakeFirstOrThrow();
      expect(reason).toEqual({ name: 'Belt snapped', active: true, category: 'MECH' });

      expect(realErrors(errors)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('a supervisor puts the machine into maintenance from the board', async () => {
    const { context, page, errors } = await signedInPage(
      browser,
      server,
      'e2e-supervisor',
      '/machines',
    );
    try {
      const card = page.getByTestId(`machine-card-${MACHINE_CODE}`);
      await card.getByTestId('set-status').click();
      await page.getByTestId('set-status-maintenance').click();
      await expect.poll(() => card.getAttribute('data-status')).toBe('maintenance');
      expect(await card.getByTestId('machine-status').innerText()).toMatch(/maintenance/i);
      expect((await machineRow())?.status).toBe('maintenance');
      await expect.poll(() => page.getByTestId('summary-maintenance').innerText()).toMatch(/^1 /);

      // An order-less stop on an idle machine, with the reason the admin just added.
      const idle = page.getByTestId('machine-card-BL-03');
      await idle.getByTestId('open-stop').click();
      await pick(page, 'reason-picker', 'Belt snapped');
      await page.getByTestId('stop-dialog-submit').click();
      await expect
        .poll(() => idle.getByTestId('machine-stop-reason').innerText())
        .toBe('Belt snapped · Mechanical');
      const ticking = await idle.getByTestId('machine-stop-duration').innerText();
      await expect
        .poll(() => idle.getByTestId('machine-stop-duration').innerText(), { timeout: 5_000 })
        .not.toBe(ticking);
      const stop = await db()
        .selectFrom('stops')
        .innerJoin('machines', 'machines.id', 'stops.machine_id')
        .innerJoin('stop_reasons', 'stop_reasons.id', 'stops.reason_id')
        .innerJoin('users', 'users.id', 'stops.reported_by')
        .select([
          'stops.id',
          'stops.order_id',
          'stops.ended_at',
          'stop_reasons.code',
          'users.username',
        ])
        .where('machines.code', '=', 'BL-03')
        .executeTakeFirstOrThrow();
      expect(stop).toMatchObject({
        order_id: null,
        ended_at: null,
        code: 'BELT',
        username: 'e2e-supervisor',
      });

      // An order running on BL-01 too, for the board's picture.
      await runOrder(page, 'BL-01');
      await page.reload();
      await page.getByTestId('machine-card-BL-01').getByTestId('machine-order').waitFor();
      await screenshot(page, 'machines');

      await idle.getByTestId('close-stop').click();
      await page.getByTestId('stop-dialog-submit').click();
      await idle.getByTestId('machine-stop').waitFor({ state: 'detached' });
      const closed = await db()
        .selectFrom('stops')
        .select('ended_at')
        .where('id', '=', stop.id)
        .executeTakeFirstOrThrow();
      expect(closed.ended_at).not.toBeNull();

      // Supervisors see no admin pages.
      await page.goto(`${server.baseUrl}/admin`);
      await page.getByTestId('no-access').waitFor();
      expect(realErrors(errors)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a supervisor starts a maturation batch, records its check and finds it overdue', async () => {
    const today = plantDay(Date.now());
    const started = plantDay(Date.now() - 20 * 86_400_000);
    const { context, page, errors } = await signedInPage(
      browser,
      server,
      'e2e-supervisor',
      '/maturation',
    );
    try {
      await page.getByTestId('new-batch').click();
      await page.getByTestId('batch-number').fill('MAT-E2E-1');
      await page.getByTestId('batch-blend').fill('Rooibos natural');
      await page.getByTestId('batch-quantity').fill('1200');
      await page.getByTestId('batch-started-on').fill(started);
      await page.getByTestId('batch-expected-days').fill('14');
      await page.getByTestId('form-submit').click();
      const row = page.getByTestId('batch-row-MAT-E2E-1');
      await row.getByTestId('batch-overdue').waitFor();
      await row.getByTestId('batch-check-due').waitFor();

      await row.click();
      await page.getByTestId('record-check').click();
      await page.getByTestId('check-temperature').fill('22.5');
      await page.getByTestId('check-humidity').fill('61');
      await page.getByTestId('check-ph').fill('5.2');
      await page.getByTestId('check-submit').click();
      await page.getByTestId(`check-row-${today}`).waitFor();
      const check = await db()
        .selectFrom('maturation_checks')
        .innerJoin('maturation_batches', 'maturation_batches.id', 'maturation_checks.batch_id')
        .innerJoin('users', 'users.id', 'maturation_checks.checked_by')
        .select([
          'maturation_batches.started_on',
          'maturation_checks.check_date',
          'maturation_checks.temperature',
          'maturation_checks.ph',
          'users.username',
        ])
        .where('maturation_batches.batch_number', '=', 'MAT-E2E-1')
        .executeTakeFirstOrThrow();
      expect(check).toMatchObject({
        started_on: started,
        check_date: today,
        username: 'e2e-supervisor',
      });
      expect(Number(check.temperature)).toBe(22.5);
      expect(Number(check.ph)).toBe(5.2);

      // Checked today, but still past its ready date: on the overdue tab for that reason only.
      await page.keyboard.press('Escape');
      await page.getByTestId('tab-overdue').click();
      const overdue = page.getByTestId('batch-row-MAT-E2E-1');
      await expect.poll(() => overdue.innerText()).toContain('Past its ready date');
      expect(await overdue.innerText()).not.toContain('Not checked today');
      await page.getByRole('tab', { name: 'In the room' }).click();
      await screenshot(page, 'maturation');
      expect(realErrors(errors)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
