import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signIn, signInAll, type SignedIn } from '../../../test/support/actors.js';
import type { Order } from '../../common/api/orders.js';
import { addMachine, addOrder, seedPlant, type Plant } from './order.fixtures.js';

/** Races for real against PostgreSQL, optimistic versions, and what every change writes. */
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

const post = (url: string, payload: object, who: SignedIn = u.operator) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: who.cookie }, payload });

const ROUNDS = 10;

describe('races', () => {
  it('two people pressing start on one order at once: exactly one wins', async () => {
    const other = await signIn(t.app, t.database.db, 'operator');
    for (let round = 0; round < ROUNDS; round++) {
      const o = await addOrder(t.database.db, plant);
      const m1 = await addMachine(t.database.db, plant.environmentId);
      const m2 = await addMachine(t.database.db, plant.environmentId);
      const [a, b] = await Promise.all([
        post(`/api/orders/${o.id}/start`, { machineId: m1 }),
        post(`/api/orders/${o.id}/start`, { machineId: m2 }, other),
      ]);
      const codes = [a!.statusCode, b!.statusCode].sort();
      expect(codes, `${a!.body} ${b!.body}`).toEqual([200, 409]);
      const loser = a!.statusCode === 409 ? a! : b!;
      expect(loser.json().error).toMatchObject({ code: 'conflict', currentStatus: 'in_progress' });
      const winner = (a!.statusCode === 200 ? a! : b!).json<Order>();
      const machines = await t.database.db
        .selectFrom('machines')
        .select(['id', 'status'])
        .where('id', 'in', [m1, m2])
        .execute();
      const loserMachine = winner.machine?.id === m1 ? m2 : m1;
      expect(machines.find((m) => m.id === winner.machine?.id)?.status).toBe('in_use');
      expect(machines.find((m) => m.id === loserMachine)?.status).toBe('available');
      const started = await t.database.db
        .selectFrom('order_events')
        .select('id')
        .where('order_id', '=', o.id)
        .where('event_type', '=', 'started')
        .execute();
      expect(started).toHaveLength(1);
    }
  });

  it('two orders started on one machine at once: exactly one wins', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const o1 = await addOrder(t.database.db, plant);
      const o2 = await addOrder(t.database.db, plant);
      const m = await addMachine(t.database.db, plant.environmentId);
      const [a, b] = await Promise.all([
        post(`/api/orders/${o1.id}/start`, { machineId: m }),
        post(`/api/orders/${o2.id}/start`, { machineId: m }),
      ]);
      expect([a!.statusCode, b!.statusCode].sort(), `${a!.body} ${b!.body}`).toEqual([200, 409]);
      const loser = a!.statusCode === 409 ? a! : b!;
      expect(loser.json().error.fields).toHaveProperty('machineId');
      const running = await t.database.db
        .selectFrom('production_orders')
        .select(['id', 'status'])
        .where('machine_id', '=', m)
        .where('status', '=', 'in_progress')
        .execute();
      expect(running).toHaveLength(1);
      const pending = await t.database.db
        .selectFrom('production_orders')
        .select('id')
        .where('id', 'in', [o1.id, o2.id])
        .where('status', '=', 'pending')
        .execute();
      expect(pending).toHaveLength(1);
    }
  });

  it('the database backs it: a machine wrongly marked available still runs one order', async () => {
    const running = await addOrder(t.database.db, plant, { status: 'in_progress' });
    await t.database.db
      .updateTable('machines')
      .set({ status: 'available' })
      .where('id', '=', running.machineId)
      .execute();
    const o = await addOrder(t.database.db, plant);
    const res = await post(`/api/orders/${o.id}/start`, { machineId: running.machineId! });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.fields).toEqual({ machineId: 'already runs another order' });
  });

  it('counting in parallel loses no count', async () => {
    const o = await addOrder(t.database.db, plant, { status: 'in_progress' });
    const res = await Promise.all(
      Array.from({ length: 20 }, () => post(`/api/orders/${o.id}/count`, { add: 1.5 })),
    );
    expect(res.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    const row = await t.database.db
      .selectFrom('production_orders')
      .select(['produced_quantity', 'version'])
      .where('id', '=', o.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ produced_quantity: '30.0', version: 21 });
  });

  it('pause and complete at once: both apply in some order, the machine ends free', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const o = await addOrder(t.database.db, plant, { status: 'in_progress' });
      const [p, c] = await Promise.all([
        post(`/api/orders/${o.id}/pause`, { reasonId: plant.reasonId }),
        post(`/api/orders/${o.id}/complete`, { producedQuantity: 90 }),
      ]);
      expect(c!.statusCode, c!.body).toBe(200);
      expect([200, 409]).toContain(p!.statusCode);
      const m = await t.database.db
        .selectFrom('machines')
        .select('status')
        .where('id', '=', o.machineId)
        .executeTakeFirstOrThrow();
      expect(m.status).toBe('available');
      const open = await t.database.db
        .selectFrom('stops')
        .select('id')
        .where('machine_id', '=', o.machineId)
        .where('ended_at', 'is', null)
        .execute();
      expect(open).toHaveLength(0);
    }
  });
});

describe('optimistic concurrency', () => {
  it('a stale version gets 409 with the current order; the right one goes through', async () => {
    const o = await addOrder(t.database.db, plant, { status: 'in_progress' });
    const first = await post(`/api/orders/${o.id}/count`, { add: 10, version: 1 });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await post(`/api/orders/${o.id}/count`, { add: 10, version: 1 });
    expect(stale.statusCode).toBe(409);
    const error = stale.json().error;
    expect(error).toMatchObject({
      code: 'conflict',
      currentStatus: 'in_progress',
      fields: { version: 'is stale' },
      current: { id: o.id, version: 2, producedQuantity: 10, status: 'in_progress' },
    });
    expect(error.allowedActions).toEqual(['pause', 'count', 'complete']);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/orders/${o.id}`,
      headers: { cookie: u.supervisor.cookie },
      payload: { notes: 'late', version: 1 },
    });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().error.current.version).toBe(2);
    const ok = await post(`/api/orders/${o.id}/count`, { add: 10, version: 2 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 3, producedQuantity: 20 });
  });

  it('the same version sent twice at once: one wins', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const o = await addOrder(t.database.db, plant, { status: 'in_progress' });
      const res = await Promise.all([
        post(`/api/orders/${o.id}/count`, { producedQuantity: 5, version: 1 }),
        post(`/api/orders/${o.id}/count`, { producedQuantity: 7, version: 1 }),
      ]);
      expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    }
  });
});

describe('what every change writes', () => {
  it('an order event, an audit record and a live event, with the session user', async () => {
    const o = await addOrder(t.database.db, plant);
    const m = await addMachine(t.database.db, plant.environmentId);
    const res = await post(`/api/orders/${o.id}/start`, { machineId: m });
    expect(res.statusCode).toBe(200);
    const ev = await t.database.db
      .selectFrom('order_events')
      .selectAll()
      .where('order_id', '=', o.id)
      .executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ event_type: 'started', user_id: u.operator.id });
    expect(ev.data).toMatchObject({ machineId: m });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'order')
      .where('entity_id', '=', String(o.id))
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'start', user_id: u.operator.id });
    expect(audit.before).toMatchObject({ status: 'pending', version: 1, machine: null });
    expect(audit.after).toMatchObject({ status: 'in_progress', version: 2, machine: { id: m } });
    expect(audit.request_id).toBe(res.headers['x-request-id']);
    const outbox = await t.database.db
      .selectFrom('event_outbox')
      .select(['topic', 'payload'])
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(outbox.map((e) => e.topic).sort()).toEqual(['machine.updated', 'order.updated']);
    expect(outbox.find((e) => e.topic === 'order.updated')?.payload).toMatchObject({
      id: o.id,
      status: 'in_progress',
      previousStatus: 'pending',
      machineId: m,
      action: 'start',
    });
    expect(outbox.find((e) => e.topic === 'machine.updated')?.payload).toEqual({
      id: m,
      status: 'in_use',
      orderId: o.id,
    });
  });

  it('the user in the body is ignored: strict bodies refuse it', async () => {
    const o = await addOrder(t.database.db, plant, { status: 'in_progress' });
    const res = await post(`/api/orders/${o.id}/count`, { add: 1, userId: u.admin.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ userId: 'is not a known field' });
  });

  it('a failed action writes nothing', async () => {
    const o = await addOrder(t.database.db, plant, { status: 'in_progress' });
    const before = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await post(`/api/orders/${o.id}/count`, { add: -1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ add: 'would make the produced quantity negative' });
    const after = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
