import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAll, type SignedIn } from '../../../test/support/actors.js';
import type { OrderWasteList, Waste, WasteList } from '../../common/api/waste.js';
import type { OrderStatus } from '../db/schema.js';

let t: TestApp;
let u: Record<'viewer' | 'operator' | 'supervisor' | 'admin', SignedIn>;
const env = { blending: 0, packaging: 0 };
const order: Record<OrderStatus, number> = {
  draft: 0,
  pending: 0,
  in_progress: 0,
  paused: 0,
  completed: 0,
  cancelled: 0,
};
let packOrder = 0;

beforeAll(async () => {
  t = await createTestApp();
  u = await signInAll(t.app, t.database.db);
  const db = t.database.db;
  for (const code of ['blending', 'packaging'] as const) {
    env[code] = (
      await db
        .insertInto('environments')
        .values({ code, name: code })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  const machine = async (code: string) =>
    (
      await db
        .insertInto('machines')
        .values({ code, name: code, environment_id: env.blending })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const insert = async (n: string, status: OrderStatus, environment_id = env.blending) =>
    (
      await db
        .insertInto('production_orders')
        .values({
          order_number: n,
          product_name: `Product ${n}`,
          quantity: 500,
          environment_id,
          status,
          machine_id: status === 'in_progress' || status === 'paused' ? await machine(n) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  for (const s of Object.keys(order) as OrderStatus[]) order[s] = await insert(`PO-${s}`, s);
  packOrder = await insert('PO-PACK', 'completed', env.packaging);
});
afterAll(async () => {
  await t.close();
});

const call = (
  who: SignedIn | null,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) =>
  t.app.inject({
    method,
    url,
    headers: who ? { cookie: who.cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

describe('recording waste on an order', () => {
  it('records decimals, free-text reasons and cost, with an order event and an audit record', async () => {
    const res = await call(u.operator, 'POST', `/api/orders/${order.in_progress}/waste`, {
      wasteType: 'raw_material',
      quantity: 12.75,
      unit: 'kg',
      reason: '2',
      cost: 310.5,
    });
    expect(res.statusCode, res.body).toBe(201);
    const w = res.json<Waste>();
    expect(w).toMatchObject({
      order: {
        id: order.in_progress,
        number: 'PO-in_progress',
        productName: 'Product PO-in_progress',
      },
      wasteType: 'raw_material',
      quantity: 12.75,
      unit: 'kg',
      reason: '2',
      cost: 310.5,
      recordedBy: { id: u.operator.id, displayName: 'Test operator' },
    });
    expect(w.recordedAt).toMatch(/\+02:00$/);

    const db = t.database.db;
    const stored = await db
      .selectFrom('waste')
      .selectAll()
      .where('id', '=', w.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ quantity: '12.75', cost: '310.5', reason: '2' });
    const event = await db
      .selectFrom('order_events')
      .selectAll()
      .where('order_id', '=', order.in_progress)
      .where('event_type', '=', 'waste_recorded')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ user_id: u.operator.id });
    expect(event.data).toMatchObject({ wasteId: w.id, quantity: 12.75, unit: 'kg' });
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'waste')
      .where('entity_id', '=', String(w.id))
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'create', user_id: u.operator.id });
  });

  it('accepts paused and completed orders; refuses draft, pending and cancelled with 409', async () => {
    const body = { wasteType: 'packaging', quantity: 3, unit: 'units' };
    for (const s of ['paused', 'completed'] as const) {
      const res = await call(u.operator, 'POST', `/api/orders/${order[s]}/waste`, body);
      expect(res.statusCode, s).toBe(201);
      expect(res.json<Waste>()).toMatchObject({ reason: null, cost: null });
    }
    for (const s of ['draft', 'pending', 'cancelled'] as const) {
      const res = await call(u.operator, 'POST', `/api/orders/${order[s]}/waste`, body);
      expect(res.statusCode, s).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'conflict', status: s });
    }
    const missing = await call(u.operator, 'POST', '/api/orders/2000000/waste', body);
    expect(missing.statusCode).toBe(404);
    const viewer = await call(u.viewer, 'POST', `/api/orders/${order.paused}/waste`, body);
    expect(viewer.statusCode).toBe(403);
  });

  it("lists an order's waste oldest first with totals per type and unit", async () => {
    const id = order.completed;
    for (const [wasteType, quantity, unit, cost] of [
      ['blend', 1.5, 'kg', 10],
      ['blend', 2.25, 'kg', null],
      ['blend', 4, 'units', 1.25],
    ] as const) {
      const res = await call(u.operator, 'POST', `/api/orders/${id}/waste`, {
        wasteType,
        quantity,
        unit,
        cost,
      });
      expect(res.statusCode).toBe(201);
    }
    const res = await call(u.viewer, 'GET', `/api/orders/${id}/waste`);
    expect(res.statusCode).toBe(200);
    const l = res.json<OrderWasteList>();
    expect(l.items.map((w) => [w.wasteType, w.quantity, w.unit])).toEqual([
      ['packaging', 3, 'units'],
      ['blend', 1.5, 'kg'],
      ['blend', 2.25, 'kg'],
      ['blend', 4, 'units'],
    ]);
    expect(l.totals).toEqual([
      { wasteType: 'blend', unit: 'kg', quantity: 3.75, cost: 10, count: 2 },
      { wasteType: 'blend', unit: 'units', quantity: 4, cost: 1.25, count: 1 },
      { wasteType: 'packaging', unit: 'units', quantity: 3, cost: null, count: 1 },
    ]);
    expect((await call(u.viewer, 'GET', '/api/orders/2000000/waste')).statusCode).toBe(404);
  });
});

describe('GET /api/waste', () => {
  it('filters by order, environment, type and time, totals everything, pages', async () => {
    const db = t.database.db;
    await db.deleteFrom('waste').execute();
    const add = async (orderId: number, wasteType: 'blend' | 'other', at: string, q: number) =>
      (
        await db
          .insertInto('waste')
          .values({
            order_id: orderId,
            waste_type: wasteType,
            quantity: q,
            unit: 'kg',
            recorded_at: at,
            recorded_by: u.operator.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const a = await add(order.in_progress, 'blend', '2026-03-10T05:59:59+02:00', 1);
    const b = await add(order.in_progress, 'other', '2026-03-10T06:00:00+02:00', 2);
    const c = await add(packOrder, 'blend', '2026-03-10T12:00:00+02:00', 4);
    const list = async (q: string) => {
      const res = await call(u.viewer, 'GET', `/api/waste${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<WasteList>();
    };
    const idsOf = (l: WasteList) => l.items.map((w) => w.id);
    expect(idsOf(await list(''))).toEqual([c, b, a]);
    expect(idsOf(await list(`?orderId=${order.in_progress}`))).toEqual([b, a]);
    expect(idsOf(await list(`?environmentId=${env.packaging}`))).toEqual([c]);
    expect(idsOf(await list('?wasteType=blend'))).toEqual([c, a]);
    // from is inclusive, to exclusive; the plant's day shift 06:00-18:00.
    const shift = await list('?from=2026-03-10T06:00:00%2B02:00&to=2026-03-10T18:00:00%2B02:00');
    expect(idsOf(shift)).toEqual([c, b]);
    expect(shift.totals).toEqual([
      { wasteType: 'blend', unit: 'kg', quantity: 4, cost: null, count: 1 },
      { wasteType: 'other', unit: 'kg', quantity: 2, cost: null, count: 1 },
    ]);
    const p1 = await list('?limit=2');
    expect(idsOf(p1)).toEqual([c, b]);
    expect(p1.totals.reduce((s, x) => s + x.count, 0)).toBe(3);
    const p2 = await list(`?limit=2&cursor=${p1.nextCursor}`);
    expect(idsOf(p2)).toEqual([a]);
    expect(p2.nextCursor).toBeNull();
    expect(p2.items[0]!.recordedAt).toBe('2026-03-10T05:59:59.000+02:00');
  });
});

describe('supervisors correct and remove waste', () => {
  it('patches and deletes with audit records', async () => {
    const created = await call(u.operator, 'POST', `/api/orders/${order.paused}/waste`, {
      wasteType: 'finished_product',
      quantity: 5,
      unit: 'units',
      reason: 'Dented cans',
    });
    const id = created.json<Waste>().id;
    const byOperator = await call(u.operator, 'PATCH', `/api/waste/${id}`, { quantity: 1 });
    expect(byOperator.statusCode).toBe(403);
    const res = await call(u.supervisor, 'PATCH', `/api/waste/${id}`, {
      quantity: 4.5,
      cost: 0,
      reason: '',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Waste>()).toMatchObject({
      quantity: 4.5,
      cost: 0,
      reason: null,
      unit: 'units',
    });
    const noop = await call(u.supervisor, 'PATCH', `/api/waste/${id}`, {});
    expect(noop.statusCode).toBe(200);
    expect(noop.json<Waste>().quantity).toBe(4.5);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('entity_type', '=', 'waste')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ quantity: '5', reason: 'Dented cans' });
    expect(audit.after).toMatchObject({ quantity: '4.5', reason: null, cost: '0' });

    const del = await call(u.supervisor, 'DELETE', `/api/waste/${id}`);
    expect(del.statusCode).toBe(204);
    expect((await call(u.supervisor, 'DELETE', `/api/waste/${id}`)).statusCode).toBe(404);
    expect((await call(u.supervisor, 'PATCH', `/api/waste/${id}`, { unit: 'kg' })).statusCode).toBe(
      404,
    );
    const gone = await t.database.db
      .selectFrom('audit_log')
      .select('before')
      .where('entity_type', '=', 'waste')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'delete')
      .executeTakeFirstOrThrow();
    expect(gone.before).toMatchObject({ wasteType: 'finished_product' });
  });
});

describe('abuse', () => {
  it('answers 400 naming the field, never 500', async () => {
    const url = `/api/orders/${order.in_progress}/waste`;
    const ok = { wasteType: 'blend', quantity: 1, unit: 'kg' };
    const cases: [unknown, string][] = [
      [{ ...ok, quantity: 0 }, 'quantity'],
      [{ ...ok, quantity: -2.5 }, 'quantity'],
      [{ ...ok, quantity: '3' }, 'quantity'],
      [{ ...ok, quantity: 1e12 }, 'quantity'],
      [{ ...ok, cost: -0.01 }, 'cost'],
      [{ ...ok, wasteType: 'plastic' }, 'wasteType'],
      [{ ...ok, wasteType: "blend'; DROP TABLE waste; --" }, 'wasteType'],
      [{ ...ok, unit: '' }, 'unit'],
      [{ ...ok, unit: 'k'.repeat(33) }, 'unit'],
      [{ ...ok, reason: 2 }, 'reason'],
      [{ ...ok, reason: '2\u0000' }, 'reason'],
      [{ ...ok, unit: 'k\u0000g' }, 'unit'],
      [{ ...ok, reason: 'r'.repeat(100_000) }, 'reason'],
      [{ ...ok, recordedBy: u.admin.id }, 'recordedBy'],
      [{ ...ok, 'name; DROP TABLE waste': 1 }, 'name; DROP TABLE waste'],
      [{ wasteType: 'blend', unit: 'kg' }, 'quantity'],
    ];
    for (const [body, field] of cases) {
      const res = await call(u.operator, 'POST', url, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(Object.keys(res.json().error.fields)).toContain(field);
    }
    const sqlText = "2'); DELETE FROM waste; --";
    const stored = await call(u.operator, 'POST', url, { ...ok, reason: sqlText });
    expect(stored.statusCode).toBe(201);
    expect(stored.json<Waste>().reason).toBe(sqlText);

    for (const bad of ['abc', '0', '-3', '2.5', '99999999999']) {
      expect((await call(u.viewer, 'GET', `/api/orders/${bad}/waste`)).statusCode, bad).toBe(400);
      expect((await call(u.supervisor, 'DELETE', `/api/waste/${bad}`)).statusCode, bad).toBe(400);
    }
    for (const q of [
      '?wasteType=plastic',
      '?orderId=1%20OR%201%3D1',
      '?from=2026-03-10',
      '?limit=-1',
      '?cursor=0',
      '?unknown=1',
    ]) {
      const res = await call(u.viewer, 'GET', `/api/waste${q}`);
      expect(res.statusCode, q).toBe(400);
    }
    const patch = await call(u.supervisor, 'PATCH', `/api/waste/${stored.json<Waste>().id}`, {
      orderId: order.completed,
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.fields).toEqual({ orderId: 'is not a known field' });
  });
});
