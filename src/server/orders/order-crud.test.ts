import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAll, type SignedIn } from '../../../test/support/actors.js';
import type { Order } from '../../common/api/orders.js';
import { addOrder, seedPlant, type Plant } from './order.fixtures.js';

/** POST and PATCH of orders: defaults, rules, what they write, and abuse. */
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
    [{ scheduledShift: 'd; --' }, 'scheduledShift'],
    [{ orderNumber: 'PO-\u0000-1' }, 'orderNumber'],
    [{ notes: 'a\u0000b' }, 'notes'],
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
