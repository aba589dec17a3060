import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAll, type SignedIn } from '../../../test/support/actors.js';
import type { OrderDetail } from '../../common/api/orders.js';
import { addMachine, addOrder, seedPlant, type Plant } from './order.fixtures.js';

/** GET /api/orders/:id (timeline, stops, waste) and the actions' validation and abuse cases. */
let t: TestApp;
let u: Record<'viewer' | 'operator' | 'supervisor' | 'admin', SignedIn>;
let plant: Plant;

beforeAll(async () => {
  t = await createTestApp();
  u = await signInAll(t.app, t.database.db);
  plant = await seedPlant(t.database.db);
});
afterAll(async () => {
  await t.close();
});

const send = (
  method: 'POST' | 'PATCH' | 'GET',
  url: string,
  payload?: unknown,
  who: SignedIn = u.supervisor,
) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: who.cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

describe('GET /api/orders/:id', () => {
  it('the order with its timeline, stops and waste, names for people', async () => {
    const o = await addOrder(t.database.db, plant);
    const m = await addMachine(t.database.db, plant.environmentId);
    const op = (url: string, body: object) => send('POST', url, body, u.operator);
    expect((await op(`/api/orders/${o.id}/start`, { machineId: m })).statusCode).toBe(200);
    expect(
      (await op(`/api/orders/${o.id}/pause`, { reasonId: plant.reasonId, notes: 'jam' }))
        .statusCode,
    ).toBe(200);
    await t.database.db
      .insertInto('waste')
      .values({
        order_id: o.id,
        waste_type: 'packaging',
        quantity: '2.5',
        unit: 'kg',
        reason: 'torn film',
        cost: '12.40',
        recorded_by: u.operator.id,
      })
      .execute();
    const res = await send('GET', `/api/orders/${o.id}`, undefined, u.viewer);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<OrderDetail>();
    expect(d).toMatchObject({ id: o.id, status: 'paused', machine: { id: m } });
    expect(d.events.map((e) => e.type)).toEqual(['started', 'paused']);
    expect(d.events[1]).toMatchObject({
      user: { id: u.operator.id, displayName: 'Test operator' },
      data: { reasonId: plant.reasonId, reasonName: 'Jam', categoryName: 'Mechanical' },
    });
    expect(d.stops).toHaveLength(1);
    expect(d.stops[0]).toMatchObject({
      machine: { id: m },
      reasonId: plant.reasonId,
      reasonName: 'Jam',
      categoryName: 'Mechanical',
      endedAt: null,
      open: true,
      notes: 'jam',
      reportedBy: { id: u.operator.id, displayName: 'Test operator' },
    });
    expect(d.stops[0]?.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(d.waste).toEqual([
      expect.objectContaining({
        wasteType: 'packaging',
        quantity: 2.5,
        unit: 'kg',
        reason: 'torn film',
        cost: 12.4,
        recordedBy: { id: u.operator.id, displayName: 'Test operator' },
      }),
    ]);
    // No contact details of anybody in the detail.
    expect(res.body).not.toMatch(/email|phone|username/);
    const resumed = await op(`/api/orders/${o.id}/resume`, {});
    expect(resumed.statusCode).toBe(200);
    const after = (await send('GET', `/api/orders/${o.id}`)).json<OrderDetail>();
    expect(after.stops[0]).toMatchObject({ open: false });
    expect(after.stops[0]?.endedAt).toMatch(/\+02:00$/);
    expect(after.events.at(-1)).toMatchObject({
      type: 'resumed',
      data: { stopId: d.stops[0]?.id },
    });
  });

  it('404 for an unknown id, 400 for a malformed one', async () => {
    const res = await send('GET', '/api/orders/2147483000');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect((await send('GET', '/api/orders/abc')).statusCode).toBe(400);
  });
});

describe('actions: validation and abuse', () => {
  const act = (id: number, action: string, body: unknown, who: SignedIn = u.operator) =>
    send('POST', `/api/orders/${id}/${action}`, body, who);

  it('start needs an existing, available, not retired machine', async () => {
    const o = await addOrder(t.database.db, plant);
    const missing = await act(o.id, 'start', { machineId: 2147483000 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual({ machineId: 'does not exist' });
    const maint = await addMachine(t.database.db, plant.environmentId, { status: 'maintenance' });
    const r1 = await act(o.id, 'start', { machineId: maint });
    expect(r1.statusCode).toBe(409);
    expect(r1.json().error.fields).toEqual({ machineId: 'is maintenance, not available' });
    const retired = await addMachine(t.database.db, plant.environmentId, { retired: true });
    const r2 = await act(o.id, 'start', { machineId: retired });
    expect(r2.statusCode).toBe(409);
    expect(r2.json().error.fields).toEqual({ machineId: 'is retired' });
    expect((await act(o.id, 'start', {})).statusCode).toBe(400);
    expect((await act(o.id, 'start', { machineId: '1' })).statusCode).toBe(400);
  });

  it('pause needs a reason of the tree, not a category or a retired reason', async () => {
    const o = await addOrder(t.database.db, plant, { status: 'in_progress' });
    for (const [reasonId, why] of [
      [plant.categoryId, 'is a category; choose one of its reasons'],
      [plant.inactiveReasonId, 'is no longer in use'],
      [2147483000, 'does not exist'],
    ] as const) {
      const res = await act(o.id, 'pause', { reasonId });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual({ reasonId: why });
    }
    expect((await act(o.id, 'pause', {})).statusCode).toBe(400);
  });

  it('pause when the machine already has an open stop: 409', async () => {
    const o = await addOrder(t.database.db, plant, { status: 'in_progress' });
    await t.database.db
      .insertInto('stops')
      .values({ machine_id: o.machineId!, order_id: null })
      .execute();
    const res = await act(o.id, 'pause', { reasonId: plant.reasonId });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual({ machineId: 'already has an open stop' });
  });

  it('count: total or increment, never below 0, decimals up to 3', async () => {
    const o = await addOrder(t.database.db, plant, { status: 'in_progress' });
    expect((await act(o.id, 'count', { producedQuantity: 10.125 })).json().producedQuantity).toBe(
      10.125,
    );
    expect((await act(o.id, 'count', { add: -0.125 })).json().producedQuantity).toBe(10);
    const neg = await act(o.id, 'count', { add: -10.001 });
    expect(neg.statusCode).toBe(400);
    for (const body of [
      { producedQuantity: -1 },
      { producedQuantity: 1.0001 },
      { add: 1, producedQuantity: 1 },
      {},
      { add: 'ten' },
      { add: null },
    ]) {
      expect((await act(o.id, 'count', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    const over = await act(o.id, 'count', { producedQuantity: 150 });
    expect(over.json()).toMatchObject({ producedQuantity: 150, overProduced: true });
  });

  it('complete refuses negatives, keeps counts when none given, flags over-production', async () => {
    const o = await addOrder(t.database.db, plant, {
      status: 'in_progress',
      produced_quantity: 40,
    });
    expect((await act(o.id, 'complete', { producedQuantity: -1 })).statusCode).toBe(400);
    expect((await act(o.id, 'complete', { rejectedQuantity: -0.5 })).statusCode).toBe(400);
    const res = await act(o.id, 'complete', {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'completed',
      producedQuantity: 40,
      rejectedQuantity: 0,
      overProduced: false,
    });
  });

  it('cancel needs a reason and a supervisor; the reason lands in the timeline', async () => {
    const o = await addOrder(t.database.db, plant, { status: 'paused' });
    expect((await act(o.id, 'cancel', { reason: 'x' })).statusCode).toBe(403);
    expect((await act(o.id, 'cancel', {}, u.supervisor)).statusCode).toBe(400);
    expect((await act(o.id, 'cancel', { reason: '   ' }, u.supervisor)).statusCode).toBe(400);
    const res = await act(o.id, 'cancel', { reason: 'no packaging' }, u.supervisor);
    expect(res.statusCode).toBe(200);
    const d = (await send('GET', `/api/orders/${o.id}`)).json<OrderDetail>();
    expect(d.events.at(-1)).toMatchObject({
      type: 'cancelled',
      data: { reason: 'no packaging', fromStatus: 'paused' },
    });
    expect(d.stops.every((s) => !s.open)).toBe(true);
  });

  it('resume refuses while the machine is in maintenance', async () => {
    const o = await addOrder(t.database.db, plant, { status: 'paused' });
    await t.database.db
      .updateTable('machines')
      .set({ status: 'maintenance' })
      .where('id', '=', o.machineId)
      .execute();
    const res = await act(o.id, 'resume', {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual({ machineId: 'is maintenance' });
  });

  it('actions without a body, unknown fields, SQL keys, unknown and malformed ids', async () => {
    const o = await addOrder(t.database.db, plant, { status: 'paused' });
    const noBody = await t.app.inject({
      method: 'POST',
      url: `/api/orders/${o.id}/resume`,
      headers: { cookie: u.operator.cookie },
    });
    expect(noBody.statusCode, noBody.body).toBe(200);
    const unknown = await act(o.id, 'count', { add: 1, 'x; DROP TABLE stops': 1 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual({ 'x; DROP TABLE stops': 'is not a known field' });
    expect((await act(o.id, 'count', { add: 1, version: 0 })).statusCode).toBe(400);
    expect((await act(o.id, 'count', { add: 1, version: 'one' })).statusCode).toBe(400);
    expect((await act(2147483000, 'count', { add: 1 })).statusCode).toBe(404);
    const bad = await send('POST', '/api/orders/abc/count', { add: 1 }, u.operator);
    expect(bad.statusCode).toBe(400);
    const huge = await act(o.id, 'pause', { reasonId: plant.reasonId, notes: 'n'.repeat(300_000) });
    expect([400, 413]).toContain(huge.statusCode);
    expect((await act(o.id, 'start', { machineId: 1 }, u.viewer)).statusCode).toBe(403);
  });
});
