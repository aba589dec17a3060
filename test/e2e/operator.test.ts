import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/common/roles.js';
import { createUser } from '../../src/server/users/user.service.js';
import { formatDateTime } from '../../src/web/components/orders/format.js';
import { launchBrowser, openPage, VIEWPORTS } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

const WEB_INDEX = fileURLToPath(new URL('../../dist/web/index.html', import.meta.url));
const PASSWORD = 'operator-test-password';
const PLANT_ZONE = 'Africa/Johannesburg';
/** A tablet set to a zone far from the plant: everything shown must still be plant time. */
const BROWSER_ZONE = 'America/New_York';
const ORDER_NUMBER = 'E2E-0001';
const MACHINE_CODE = 'BL-02';

/** Screenshots for the docs only with UPDATE_SCREENSHOTS=1, so test runs leave the tree clean. */
function screenshotPath(name: string): string {
  return process.env.UPDATE_SCREENSHOTS
    ? fileURLToPath(new URL(`../../docs/screenshots/${name}.png`, import.meta.url))
    : join(tmpdir(), `shopfloor-${name}-${process.pid}.png`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  const path = screenshotPath(name);
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path });
}

/** Page errors, minus the 401 of /api/auth/me that every visit without a session starts with. */
function realErrors(errors: string[]): string[] {
  return errors.filter((e) => !/status of 401/.test(e));
}

async function signInThroughPage(page: Page, username: string): Promise<void> {
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
}

/** Creates orders through the API as a supervisor would (events, audit and all). */
async function apiAs(server: TestServer, username: string) {
  const login = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  return async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    expect(response.ok, `${method} ${path}: ${text}`).toBe(true);
    return text === '' ? null : (JSON.parse(text) as unknown);
  };
}

async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().innerText()).trim();
}

describe('operator station and orders board', () => {
  let server: TestServer;
  let browser: Browser;
  const users: Partial<Record<Role, { id: number; username: string }>> = {};
  let environmentId: number;
  let machineId: number;
  let orderId: number;

  beforeAll(async () => {
    if (!existsSync(WEB_INDEX)) {
      throw new Error(`${WEB_INDEX} is missing: build the web app first (npm run build:web).`);
    }
    [server, browser] = await Promise.all([startTestServer({ seedDemo: true }), launchBrowser()]);
    const { db } = server.database;
    for (const role of ['operator', 'supervisor'] as const) {
      const user = await createUser(db, {
        username: `e2e-${role}`,
        displayName: role === 'operator' ? 'Thandi Operator' : 'Sipho Supervisor',
        role,
        password: PASSWORD,
      });
      users[role] = { id: user.id, username: user.username };
    }
    const blending = await db
      .selectFrom('environments')
      .select('id')
      .where('code', '=', 'blending')
      .executeTakeFirstOrThrow();
    environmentId = blending.id;
    const machine = await db
      .selectFrom('machines')
      .select('id')
      .where('code', '=', MACHINE_CODE)
      .executeTakeFirstOrThrow();
    machineId = machine.id;

    // The order the operator will run, plus a few others so the board has something to show.
    const call = await apiAs(server, users.supervisor!.username);
    const order = (await call('POST', '/api/orders', {
      orderNumber: ORDER_NUMBER,
      productName: 'Chicken stock powder 1 kg',
      quantity: 500,
      unit: 'kg',
      priority: 'urgent',
      dueDate: '2026-11-24',
      environmentId,
    })) as { id: number };
    orderId = order.id;
    const others = [
      ['E2E-0002', 'Beef spice blend', 1200, 'high', 'packaging'],
      ['E2E-0003', 'Orange juice 1 L', 2400, 'normal', 'beverage'],
      ['E2E-0004', 'Peri-peri seasoning 200 g', 800, 'low', 'packaging'],
    ] as const;
    const created: number[] = [];
    for (const [orderNumber, productName, quantity, priority, env] of others) {
      const { id } = await db
        .selectFrom('environments')
        .select('id')
        .where('code', '=', env)
        .executeTakeFirstOrThrow();
      const other = (await call('POST', '/api/orders', {
        orderNumber,
        productName,
        quantity,
        priority,
        dueDate: '2026-11-27',
        environmentId: id,
      })) as { id: number };
      created.push(other.id);
    }
    // One of them running elsewhere, one paused, so the board shows every colour.
    const machineIdOf = async (code: string) =>
      (
        await db
          .selectFrom('machines')
          .select('id')
          .where('code', '=', code)
          .executeTakeFirstOrThrow()
      ).id;
    await call('POST', `/api/orders/${created[0]}/start`, {
      machineId: await machineIdOf('PK-01'),
    });
    await call('POST', `/api/orders/${created[0]}/count`, { producedQuantity: 300 });
    await call('POST', `/api/orders/${created[1]}/start`, {
      machineId: await machineIdOf('BV-01'),
    });
    const changeover = await db
      .selectFrom('stop_reasons')
      .select('id')
      .where('parent_id', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await call('POST', `/api/orders/${created[1]}/pause`, { reasonId: changeover.id });
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()]);
  });

  const orderRow = () =>
    server.database.db
      .selectFrom('production_orders')
      .selectAll()
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
  const machineRow = () =>
    server.database.db
      .selectFrom('machines')
      .select(['status'])
      .where('id', '=', machineId)
      .executeTakeFirstOrThrow();

  it('runs an order from start to completion on a tablet; the supervisor sees it done', async () => {
    const operator = await openPage(browser, `${server.baseUrl}/operator`, {
      viewport: VIEWPORTS.tablet,
      timezoneId: BROWSER_ZONE,
    });
    let supervisor: { context: BrowserContext; page: Page; errors: string[] } | undefined;
    const page = operator.page;
    try {
      // Sign in: the station asks for a session and comes back to /operator.
      await page.waitForURL(`${server.baseUrl}/sign-in?next=%2Foperator`);
      await signInThroughPage(page, users.operator!.username);
      await page.waitForURL(`${server.baseUrl}/operator`);

      // Pick the machine; the station remembers only its id.
      await page.getByTestId('machine-picker').waitFor();
      await page
        .locator(`[data-testid="machine-tile"][data-machine-code="${MACHINE_CODE}"]`)
        .click();
      await page.getByTestId('operator-station').waitFor();
      expect(await page.evaluate(() => ({ ...window.localStorage }))).toEqual({
        'shopfloor.operator.machineId': String(machineId),
      });

      // Start the order from the pending list.
      await page
        .locator(`[data-testid="pending-order"][data-order-number="${ORDER_NUMBER}"]`)
        .click();
      await page.getByTestId('confirm-start').click();
      await page
        .locator(`[data-testid="running-order"][data-order-number="${ORDER_NUMBER}"]`)
        .waitFor();
      await expect.poll(() => textOf(page, 'operator-machine-status')).toBe('Running');
      let order = await orderRow();
      expect(order).toMatchObject({ status: 'in_progress', machine_id: machineId });
      expect((await machineRow()).status).toBe('in_use');

      // Count: +100, +10, then type 380 more.
      await page.getByTestId('count-add-100').click();
      await expect.poll(() => textOf(page, 'running-produced')).toMatch(/^100\b/);
      await page.getByTestId('count-add-10').click();
      await expect.poll(() => textOf(page, 'running-produced')).toMatch(/^110\b/);
      await page.getByTestId('count-amount').fill('380');
      await page.getByTestId('count-add').click();
      await expect.poll(() => textOf(page, 'running-produced')).toMatch(/^490\b/);
      expect(Number((await orderRow()).produced_quantity)).toBe(490);

      // Pause with a reason: category tile, then reason tile, then confirm.
      await page.getByTestId('op-pause').click();
      await page.getByTestId('reason-category-MECH').click();
      await page.getByTestId('reason-JAM').click();
      await page.getByTestId('confirm-pause').click();
      await page.getByTestId('open-stop').waitFor();
      expect(await textOf(page, 'open-stop-reason')).toBe('Jam / blockage');
      expect(await textOf(page, 'open-stop-duration')).toMatch(/^\d{2}:\d{2}$/);
      await expect.poll(() => textOf(page, 'operator-machine-status')).toBe('Stopped');
      const stop = await server.database.db
        .selectFrom('stops')
        .innerJoin('stop_reasons as r', 'r.id', 'stops.reason_id')
        .select(['stops.ended_at', 'stops.reported_by', 'stops.machine_id', 'r.code'])
        .where('stops.order_id', '=', orderId)
        .executeTakeFirstOrThrow();
      expect(stop).toMatchObject({
        ended_at: null,
        reported_by: users.operator!.id,
        machine_id: machineId,
        code: 'JAM',
      });
      expect((await orderRow()).status).toBe('paused');
      expect((await machineRow()).status).toBe('paused');
      await screenshot(page, 'operator');

      // Resume closes the stop.
      await page.getByTestId('op-resume').click();
      await page.getByTestId('op-pause').waitFor();
      await expect.poll(() => page.getByTestId('open-stop').count()).toBe(0);
      const closed = await server.database.db
        .selectFrom('stops')
        .select(['ended_at'])
        .where('order_id', '=', orderId)
        .executeTakeFirstOrThrow();
      expect(closed.ended_at).not.toBeNull();
      expect((await orderRow()).status).toBe('in_progress');

      // Complete: more than planned (flagged, allowed), some rejects, one waste line.
      await page.getByTestId('op-complete').click();
      await page.getByTestId('complete-sheet').waitFor();
      await page.getByTestId('complete-produced').fill('520');
      await page.getByTestId('complete-rejected').fill('5');
      await page.getByTestId('over-production').waitFor();
      await page.getByTestId('add-waste-line').click();
      await page.getByTestId('waste-line-type').click();
      await page.getByRole('option', { name: 'Raw material' }).click();
      await page.getByTestId('waste-line-quantity').fill('2.5');
      await page.getByTestId('waste-line-unit').fill('kg');
      await page.getByTestId('waste-line-reason').fill('Spilled at the hopper');
      await page.getByTestId('confirm-complete').click();
      await expect
        .poll(() => textOf(page, 'operator-completed'))
        .toBe(`${ORDER_NUMBER} completed.`);
      await expect.poll(() => textOf(page, 'operator-machine-status')).toBe('Available');

      order = await orderRow();
      expect(order).toMatchObject({ status: 'completed', machine_id: machineId });
      expect(Number(order.produced_quantity)).toBe(520);
      expect(Number(order.rejected_quantity)).toBe(5);
      expect(order.completed_at).not.toBeNull();
      expect((await machineRow()).status).toBe('available');
      const waste = await server.database.db
        .selectFrom('waste')
        .selectAll()
        .where('order_id', '=', orderId)
        .execute();
      expect(waste).toHaveLength(1);
      expect(waste[0]).toMatchObject({
        waste_type: 'raw_material',
        unit: 'kg',
        reason: 'Spilled at the hopper',
        recorded_by: users.operator!.id,
      });
      expect(Number(waste[0]!.quantity)).toBe(2.5);
      const events = await server.database.db
        .selectFrom('order_events')
        .select(['event_type', 'user_id'])
        .where('order_id', '=', orderId)
        .orderBy('id')
        .execute();
      expect(events.map((e) => e.event_type)).toEqual([
        'created',
        'started',
        'count_updated',
        'count_updated',
        'count_updated',
        'paused',
        'resumed',
        'waste_recorded',
        'completed',
      ]);
      expect(events.slice(1).every((e) => e.user_id === users.operator!.id)).toBe(true);
      expect(realErrors(operator.errors)).toEqual([]);

      // A supervisor, in another browser, sees the order completed on the board.
      supervisor = await openPage(browser, `${server.baseUrl}/orders`, {
        viewport: VIEWPORTS.screenshot,
        timezoneId: BROWSER_ZONE,
      });
      const board = supervisor.page;
      await board.waitForURL(/\/sign-in\?next=%2Forders$/);
      await signInThroughPage(board, users.supervisor!.username);
      await board.waitForURL(`${server.baseUrl}/orders`);
      const row = board.locator(`[data-testid="order-row"][data-order-number="${ORDER_NUMBER}"]`);
      await row.waitFor();
      await expect
        .poll(() => row.getByTestId('order-status').getAttribute('data-status'))
        .toBe('completed');
      expect((await row.getByTestId('order-progress').innerText()).trim()).toBe('520 / 500');
      expect((await row.getByTestId('order-machine').innerText()).trim()).toBe(MACHINE_CODE);
      // A completed order offers no start/pause/complete; the supervisor may archive it.
      expect(await row.getByTestId('action-start').count()).toBe(0);
      expect(await row.getByTestId('action-complete').count()).toBe(0);
      await screenshot(board, 'orders');

      // Its detail shows the stop, the waste and the timeline, times in plant time.
      await row.getByTestId('order-link').click();
      await board.waitForURL(`${server.baseUrl}/orders/${orderId}`);
      await board.getByTestId('order-detail').waitFor();
      const wasteRow = board.getByTestId('waste-row');
      await wasteRow.waitFor();
      expect(await wasteRow.count()).toBe(1);
      expect((await wasteRow.getByTestId('waste-type').innerText()).trim()).toBe('Raw material');
      expect((await wasteRow.getByTestId('waste-quantity').innerText()).trim()).toBe('2.5 kg');
      expect((await wasteRow.getByTestId('waste-reason').innerText()).trim()).toBe(
        'Spilled at the hopper',
      );
      expect((await board.getByTestId('stop-reason').innerText()).trim()).toBe('Jam / blockage');
      const started = order.started_at as Date;
      expect((await board.getByTestId('detail-started').innerText()).trim()).toBe(
        formatDateTime(started.toISOString(), PLANT_ZONE),
      );
      const types = await board
        .getByTestId('timeline-event')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-event-type')));
      expect(types).toEqual(events.map((e) => e.event_type));
      expect(realErrors(supervisor.errors)).toEqual([]);
    } finally {
      await Promise.all([operator.context.close(), supervisor?.context.close()]);
    }
  }, 120_000);

  it('remembers the machine on the tablet and refuses an operator the admin pages', async () => {
    const { context, page } = await openPage(browser, undefined, {
      viewport: VIEWPORTS.phone,
      mobile: true,
      timezoneId: BROWSER_ZONE,
    });
    try {
      await page.goto(`${server.baseUrl}/sign-in?next=%2Foperator`);
      await page.evaluate(
        (id) => window.localStorage.setItem('shopfloor.operator.machineId', id),
        String(machineId),
      );
      await signInThroughPage(page, users.operator!.username);
      await page.waitForURL(`${server.baseUrl}/operator`);
      await page
        .locator(`[data-testid="operator-machine"][data-machine-code="${MACHINE_CODE}"]`)
        .waitFor();
      // The order is done: nothing pending is left for Blending.
      await page.getByTestId('no-pending').waitFor();

      await page.goto(`${server.baseUrl}/admin`);
      await page.getByTestId('no-access').waitFor();
    } finally {
      await context.close();
    }
  }, 60_000);
});
