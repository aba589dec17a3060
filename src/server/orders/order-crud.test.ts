import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAll, type SignedIn } from '../../../test/support/actors.js';
import type { Order, OrderDetail } from '../../common/api/orders.js';
import { addMachine, addOrder, seedPlant, type Plant } from './order.fixtures.js';

/** POST/PATCH/GET of orders, the detail view, and abuse of every order route. */
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

let seq = 0;
const number = () => `NEW-${++seq}`;
const create = (extra: Record<string, unknown> = {}) =>
  send('POST', '/api/orders', {
    orderNumber: number(),
    productName: 'Chicken spice',
    quantity: 500,
    environmentId: plant.environmentId,
    ...extra,
  });

describe('POST /api/orders', () => {
  it('creates a pending order with defaults, an event and an audit record', async () => {
    const res = await create({ dueDate: '2026-03-01', notes: '  rush  ' });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json<Order>();
    expect(o).toMatchObject({
      productId: null,
      productName: 'Chicken spice',
      quantity: 500,
      producedQuantity: 0,
      rejectedQuantity: 0,
      overProduced: false,
      unit: 'units',
      priority: 'normal',
      dueDate: '2026-03-01',
      environment: { id: plant.environmentId, code: 'blending', name: 'Blending' },
      machine: null,
      notes: 'rush',
      status: 'pending',
      archived: false,
      createdBy: { id: u.supervisor.id, displayName: 'Test supervisor' },
      version: 1,
      allowedActions: ['start', 'cancel'],
    });
    expect(o.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+02:00$/);
    const ev = await t.database.db
      .selectFrom('order_events')
      .selectAll()
      .where('order_id', '=', o.id)
      .execute();
    expect(ev).toMatchObject([
      { event_type: 'created', user_id: u.supervisor.id, data: { status: 'pending' } },
    ]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'order')
      .where('entity_id', '=', String(o.id))
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'create', user_id: u.supervisor.id, before: null });
    expect(audit.after).toMatchObject({ orderNumber: o.orderNumber, status: 'pending' });
  });

  it('draft: true makes a draft; from the catalogue the name and unit default', async () => {
    const res = await send('POST', '/api/orders', {
      orderNumber: number(),
      productId: plant.productId,
      quantity: 12.5,
      environmentId: plant.environmentId,
      draft: true,
      priority: 'urgent',
      scheduledStart: '2026-03-01T06:00:00+02:00',
      scheduledEnd: '2026-03-01T16:00:00Z',
      scheduledShift: 'D',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'draft',
      productId: plant.productId,
      productName: 'Chicken spice',
      unit: 'kg',
      quantity: 12.5,
      priority: 'urgent',
      scheduledStart: '2026-03-01T06:00:00.000+02:00',
      scheduledEnd: '2026-03-01T18:00:00.000+02:00',
      scheduledShift: 'D',
      allowedActions: ['release'],
    });
  });

  it('refuses a duplicate order number with 409 naming orderNumber', async () => {
    const first = await create({ orderNumber: 'DUP-1' });
    expect(first.statusCode).toBe(201);
    const again = await create({ orderNumber: 'DUP-1' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toEqual({ orderNumber: 'is already taken' });
  });

  it.each([
    [{ productName: undefined }, 'productName'],
    [{ quantity: 0 }, 'quantity'],
    [{ quantity: -5 }, 'quantity'],
    [{ quantity: 1.2345 }, 'quantity'],
    [{ quantity: '500' }, 'quantity'],
    [{ quantity: 1e12 }, 'quantity'],
    [{ environmentId: 2147483000 }, 'environmentId'],
    [{ environmentId: 'blending' }, 'environmentId'],
    [{ productId: 2147483000 }, 'productId'],
    [{ scheduledShift: 'X' }, 'scheduledShift'],
    [
      { scheduledStart: '2026-03-01T10:00:00+02:00', scheduledEnd: '2026-03-01T09:00:00+02:00' },
      'scheduledEnd',
    ],
    [{ scheduledStart: '2026-03-01 10:00' }, 'scheduledStart'],
    [{ dueDate: '2026-02-30' }, 'dueDate'],
    [{ priority: 'medium' }, 'priority'],
    [{ orderNumber: '' }, 'orderNumber'],
    [{ orderNumber: 'x'.repeat(65) }, 'orderNumber'],
    [{ productName: 'y'.repeat(100_000) }, 'productName'],
    [{ notes: 'z'.repeat(4001) }, 'notes'],
    [{ status: 'completed' }, 'status'],
    [{ createdBy: 1 }, 'createdBy'],
    [{ 'name; DROP TABLE production_orders': 1 }, 'name; DROP TABLE production_orders'],
  ])('refuses %j with 400 naming %s', async (extra, field) => {
    const res = await create(extra);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(Object.keys(res.json().error.fields ?? {})).toContain(field);
  });

  it('stores SQL-looking text as text', async () => {
    const res = await create({
      orderNumber: "PO'); DROP TABLE production_orders; --",
      productName: "Robert'); DELETE FROM users; --",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().productName).toBe("Robert'); DELETE FROM users; --");
  });

  it('malformed JSON and an empty body are 400', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { cookie: u.supervisor.cookie, 'content-type': 'application/json' },
      payload: '{"orderNumber": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('malformed_json');
    const arr = await send('POST', '/api/orders', [1, 2]);
    expect(arr.statusCode).toBe(400);
  });

  it('operators and viewers may not create', async () => {
    expect((await send('POST', '/api/orders', {}, u.operator)).statusCode).toBe(403);
    expect((await send('POST', '/api/orders', {}, u.viewer)).statusCode).toBe(403);
  });
});

describe('PATCH /api/orders/:id', () => {
  it('changes planned fields while pending, recording what changed', async () => {
    const o = await addOrder(t.database.db, plant);
    const res = await send('PATCH', `/api/orders/${o.id}`, {
      quantity: 750,
      priority: 'high',
      environmentId: plant.otherEnvironmentId,
      productName: 'Chicken spice',
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      quantity: 750,
      priority: 'high',
      environment: { id: plant.otherEnvironmentId },
      version: 2,
    });
    const ev = await t.database.db
      .selectFrom('order_events')
      .select(['event_type', 'data', 'user_id'])
      .where('order_id', '=', o.id)
      .executeTakeFirstOrThrow();
    expect(ev).toEqual({
      event_type: 'updated',
      user_id: u.supervisor.id,
      data: {
        changes: {
          quantity: { from: 100, to: 750 },
          priority: { from: 'normal', to: 'high' },
          environmentId: { from: plant.environmentId, to: plant.otherEnvironmentId },
        },
      },
    });
  });

  it('a patch that changes nothing keeps the version and writes nothing', async () => {
    const o = await addOrder(t.database.db, plant);
    const res = await send('PATCH', `/api/orders/${o.id}`, { priority: 'normal' });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(1);
    const ev = await t.database.db
      .selectFrom('order_events')
      .select('id')
      .where('order_id', '=', o.id)
      .execute();
    expect(ev).toHaveLength(0);
  });

  it('while running only notes, priority and due date change', async () => {
    const o = await addOrder(t.database.db, plant, { status: 'paused' });
    const ok = await send('PATCH', `/api/orders/${o.id}`, {
      notes: 'short of labels',
      priority: 'urgent',
      dueDate: '2026-04-01',
      orderNumber: o.orderNumber, // unchanged: fine
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ notes: 'short of labels', priority: 'urgent' });
    const refused = await send('PATCH', `/api/orders/${o.id}`, { quantity: 1, notes: 'x' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'conflict',
      currentStatus: 'paused',
      fields: { quantity: 'cannot change while the order is paused' },
    });
  });

  it('nothing changes once completed or archived', async () => {
    const done = await addOrder(t.database.db, plant, { status: 'completed' });
    const res = await send('PATCH', `/api/orders/${done.id}`, { notes: 'late note' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual({
      notes: 'cannot change while the order is completed',
    });
    const archived = await addOrder(t.database.db, plant, { status: 'cancelled', archived: true });
    const res2 = await send('PATCH', `/api/orders/${archived.id}`, { priority: 'low' });
    expect(res2.statusCode).toBe(409);
    expect(res2.json().error.allowedActions).toEqual(['restore']);
  });

  it('draft: false releases a draft; on a pending order it is a 409', async () => {
    const d = await addOrder(t.database.db, plant, { status: 'draft' });
    const res = await send('PATCH', `/api/orders/${d.id}`, { draft: false, notes: 'go' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'pending', notes: 'go', version: 2 });
    const again = await send('PATCH', `/api/orders/${d.id}`, { draft: false });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.currentStatus).toBe('pending');
    const asTrue = await send('PATCH', `/api/orders/${d.id}`, { draft: true });
    expect(asTrue.statusCode).toBe(400);
  });

  it('checks the schedule against the stored other end', async () => {
    const o = await addOrder(t.database.db, plant, {
      scheduled_start: '2026-03-01T06:00:00+02:00',
      scheduled_end: '2026-03-01T18:00:00+02:00',
    });
    const res = await send('PATCH', `/api/orders/${o.id}`, {
      scheduledStart: '2026-03-01T19:00:00+02:00',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ scheduledEnd: 'must be after scheduledStart' });
    const ok = await send('PATCH', `/api/orders/${o.id}`, { scheduledEnd: null });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().scheduledEnd).toBeNull();
  });

  it('a new catalogue product brings its name; a taken number is a 409', async () => {
    const o = await addOrder(t.database.db, plant, { product_name: 'Free text' });
    const res = await send('PATCH', `/api/orders/${o.id}`, { productId: plant.productId });
    expect(res.json()).toMatchObject({ productId: plant.productId, productName: 'Chicken spice' });
    const other = await addOrder(t.database.db, plant);
    const dup = await send('PATCH', `/api/orders/${o.id}`, { orderNumber: other.orderNumber });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual({ orderNumber: 'is already taken' });
  });

  it('unknown and malformed ids', async () => {
    expect((await send('PATCH', '/api/orders/2147483000', { notes: 'x' })).statusCode).toBe(404);
    for (const id of ['abc', '-1', '0', '1.5', '99999999999', '1%20OR%201=1']) {
      const res = await send('PATCH', `/api/orders/${id}`, { notes: 'x' });
      expect(res.statusCode, id).toBe(400);
    }
  });
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

describe('OpenAPI', () => {
  it('documents every order route with its schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
    for (const action of ['start', 'pause', 'resume', 'count', 'complete', 'cancel', 'archive']) {
      expect(paths[`/api/orders/{id}/${action}`]?.post, action).toBeDefined();
    }
    expect(paths['/api/orders']?.get).toMatchObject({
      parameters: expect.arrayContaining([expect.objectContaining({ name: 'status' })]),
    });
    expect(paths['/api/orders/{id}']?.patch).toBeDefined();
  });
});
