import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAll, type SignedIn } from '../../../test/support/actors.js';
import { Machine } from '../../common/api/machines.js';
import type { Role } from '../../common/roles.js';

let t: TestApp;
let users: Record<Role, SignedIn>;
let env: number;

beforeAll(async () => {
  t = await createTestApp();
  users = await signInAll(t.app, t.database.db);
  env = (
    await t.database.db
      .insertInto('environments')
      .values({ code: 'beverage', name: 'Beverage' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t.close();
});

const call = (method: 'POST' | 'DELETE', url: string, payload?: unknown, who: Role = 'admin') =>
  t.app.inject({
    method,
    url,
    headers: { cookie: users[who].cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

let seq = 0;
async function machine(): Promise<Machine> {
  const res = await call('POST', '/api/machines', {
    code: `BV-${++seq}`,
    name: `Filler ${seq}`,
    environmentId: env,
  });
  expect(res.statusCode, res.body).toBe(201);
  return Machine.parse(res.json());
}

async function runOrderOn(machineId: number, status: 'in_progress' | 'paused' = 'in_progress') {
  return t.database.db
    .insertInto('production_orders')
    .values({
      order_number: `PO-${machineId}-${++seq}`,
      product_name: 'Cola 2 l',
      quantity: 500,
      environment_id: env,
      machine_id: machineId,
      status,
      started_at: '2026-03-02T06:00:00+02:00',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

const auditActions = async (id: number) =>
  (
    await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'machine')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute()
  ).map((a) => a.action);

describe('POST /api/machines/:id/status', () => {
  it('lets a supervisor set maintenance, offline and available, audited with an event', async () => {
    const m = await machine();
    const res = await call(
      'POST',
      `/api/machines/${m.id}/status`,
      { status: 'maintenance', version: 1 },
      'supervisor',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'maintenance', version: 2 });
    const off = await call(
      'POST',
      `/api/machines/${m.id}/status`,
      { status: 'offline' },
      'supervisor',
    );
    expect(off.json()).toMatchObject({ status: 'offline', version: 3 });
    const same = await call('POST', `/api/machines/${m.id}/status`, { status: 'offline' });
    expect(same.json()).toMatchObject({ status: 'offline', version: 3 });
    await call('POST', `/api/machines/${m.id}/status`, { status: 'available' }, 'supervisor');
    expect(await auditActions(m.id)).toEqual(['create', 'status', 'status', 'status']);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['before', 'after', 'user_id'])
      .where('entity_type', '=', 'machine')
      .where('entity_id', '=', String(m.id))
      .where('action', '=', 'status')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      before: { status: 'available' },
      after: { status: 'maintenance' },
      user_id: users.supervisor.id,
    });
    const events = await t.database.db
      .selectFrom('event_outbox')
      .select('payload')
      .where('topic', '=', 'machine.updated')
      .execute();
    expect(events.map((e) => e.payload)).toContainEqual(
      expect.objectContaining({ action: 'status', machineId: m.id, status: 'maintenance' }),
    );
  });

  it('never sets in_use or paused by hand (400) and refuses operators (403)', async () => {
    const m = await machine();
    for (const status of ['in_use', 'paused', 'broken', '', null, 1]) {
      const res = await call('POST', `/api/machines/${m.id}/status`, { status }, 'supervisor');
      expect(res.statusCode, String(status)).toBe(400);
      expect(res.json().error.fields).toHaveProperty('status');
    }
    const op = await call(
      'POST',
      `/api/machines/${m.id}/status`,
      { status: 'offline' },
      'operator',
    );
    expect(op.statusCode).toBe(403);
    const extra = await call('POST', `/api/machines/${m.id}/status`, {
      status: 'offline',
      "status'; --": 'x',
    });
    expect(extra.statusCode).toBe(400);
  });

  it('refuses while an order runs or is paused on the machine (409)', async () => {
    const m = await machine();
    const order = await runOrderOn(m.id, 'paused');
    const res = await call('POST', `/api/machines/${m.id}/status`, { status: 'maintenance' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'conflict',
      orderId: order.id,
    });
    expect(res.json().error.message).toMatch(
      /is paused on machine BV-\d+: its status follows the order/,
    );
  });

  it('refuses a stale version (409 with the current machine) and unknown machines (404)', async () => {
    const m = await machine();
    await call('POST', `/api/machines/${m.id}/status`, { status: 'offline' });
    const stale = await call('POST', `/api/machines/${m.id}/status`, {
      status: 'available',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ id: m.id, status: 'offline', version: 2 });
    const missing = await call('POST', '/api/machines/99999/status', { status: 'offline' });
    expect(missing.statusCode).toBe(404);
  });
});

describe('retire and unretire', () => {
  it('retires (offline, off the default list) and brings back (available), audited', async () => {
    const m = await machine();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/machines/${m.id}/retire`,
      headers: { cookie: users.admin.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const retired = Machine.parse(res.json());
    expect(retired).toMatchObject({ status: 'offline', version: 2 });
    expect(retired.retiredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+02:00$/);
    expect(Math.abs(Date.parse(retired.retiredAt!) - Date.now())).toBeLessThan(60_000);

    const board = await t.app.inject({
      url: '/api/machines',
      headers: { cookie: users.viewer.cookie },
    });
    expect(board.json().items.map((x: Machine) => x.id)).not.toContain(m.id);

    const again = await call('POST', `/api/machines/${m.id}/retire`, {});
    expect(again.statusCode).toBe(409);
    const status = await call('POST', `/api/machines/${m.id}/status`, { status: 'available' });
    expect(status.statusCode).toBe(409);
    expect(status.json().error.message).toMatch(/retired; unretire it first/);

    const back = await call('POST', `/api/machines/${m.id}/unretire`, { version: 2 });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'available', retiredAt: null, version: 3 });
    expect((await call('POST', `/api/machines/${m.id}/unretire`, {})).statusCode).toBe(409);
    expect(await auditActions(m.id)).toEqual(['create', 'retire', 'unretire']);
  });

  it('does not retire a machine with a running order or an open stop', async () => {
    const busy = await machine();
    await runOrderOn(busy.id);
    const res = await call('POST', `/api/machines/${busy.id}/retire`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/complete or cancel it before retiring/);

    const stopped = await machine();
    await t.database.db
      .insertInto('stops')
      .values({ machine_id: stopped.id, started_at: '2026-03-02T06:00:00+02:00' })
      .execute();
    const res2 = await call('POST', `/api/machines/${stopped.id}/retire`, {});
    expect(res2.statusCode).toBe(409);
    expect(res2.json().error.message).toMatch(/has an open stop/);
    expect(await auditActions(stopped.id)).toEqual(['create']);
  });

  it('refuses stale versions, unknown fields, unknown ids and non-admins', async () => {
    const m = await machine();
    expect((await call('POST', `/api/machines/${m.id}/retire`, { version: 7 })).statusCode).toBe(
      409,
    );
    const extra = await call('POST', `/api/machines/${m.id}/retire`, { force: true });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.fields).toEqual({ force: 'is not a known field' });
    expect((await call('POST', `/api/machines/${m.id}/retire`, { version: 'x' })).statusCode).toBe(
      400,
    );
    expect((await call('POST', '/api/machines/424242/unretire', {})).statusCode).toBe(404);
    expect((await call('POST', `/api/machines/${m.id}/retire`, {}, 'supervisor')).statusCode).toBe(
      403,
    );
  });
});

describe('DELETE /api/machines/:id', () => {
  it('deletes a machine with no history, audited with an event', async () => {
    const m = await machine();
    const res = await call('DELETE', `/api/machines/${m.id}`);
    expect(res.statusCode).toBe(204);
    expect((await call('DELETE', `/api/machines/${m.id}`)).statusCode).toBe(404);
    expect(await auditActions(m.id)).toEqual(['create', 'delete']);
    const events = await t.database.db
      .selectFrom('event_outbox')
      .select('payload')
      .where('topic', '=', 'machine.updated')
      .execute();
    expect(events.map((e) => e.payload)).toContainEqual(
      expect.objectContaining({ action: 'delete', machineId: m.id }),
    );
  });

  it('refuses a machine with orders or stops (409 telling to retire it)', async () => {
    const withOrder = await machine();
    const order = await runOrderOn(withOrder.id);
    await t.database.db
      .updateTable('production_orders')
      .set({ status: 'completed', completed_at: '2026-03-02T08:00:00+02:00' })
      .where('id', '=', order.id)
      .execute();
    const res = await call('DELETE', `/api/machines/${withOrder.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(
      `Machine ${withOrder.code} has history (orders, stops or labour assignments) and cannot be deleted; retire it instead`,
    );

    const withStop = await machine();
    await t.database.db
      .insertInto('stops')
      .values({
        machine_id: withStop.id,
        started_at: '2026-03-02T06:00:00+02:00',
        ended_at: '2026-03-02T06:05:00+02:00',
      })
      .execute();
    expect((await call('DELETE', `/api/machines/${withStop.id}`)).statusCode).toBe(409);
    expect((await call('POST', `/api/machines/${withStop.id}/retire`, {})).statusCode).toBe(200);
  });

  it('answers 400 for malformed ids and 403 for supervisors', async () => {
    const m = await machine();
    expect((await call('DELETE', '/api/machines/x')).statusCode).toBe(400);
    expect(
      (await call('DELETE', `/api/machines/${m.id}`, undefined, 'supervisor')).statusCode,
    ).toBe(403);
  });
});
