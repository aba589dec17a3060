import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAll, type SignedIn } from '../../../test/support/actors.js';
import {
  allowedActions,
  canApply,
  ORDER_ACTIONS,
  ORDER_STATUSES,
  statusAfter,
  type OrderAction,
  type OrderStatus,
} from '../../common/order-lifecycle.js';
import type { Order } from '../../common/api/orders.js';
import { addMachine, addOrder, seedPlant, type Plant } from './order.fixtures.js';

/**
 * Every action from every state through the HTTP API, table-driven from the lifecycle module:
 * allowed → 200 with the new state (and the machine following); forbidden → 409 naming the
 * current status and the allowed actions, and nothing changed.
 */
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

async function call(action: OrderAction, id: number, body: Record<string, unknown>) {
  return action === 'release'
    ? t.app.inject({
        method: 'PATCH',
        url: `/api/orders/${id}`,
        headers: { cookie: u.supervisor.cookie },
        payload: { draft: false, ...body },
      })
    : t.app.inject({
        method: 'POST',
        url: `/api/orders/${id}/${action}`,
        headers: { cookie: u.supervisor.cookie },
        payload: body,
      });
}

async function validBody(action: OrderAction): Promise<Record<string, unknown>> {
  switch (action) {
    case 'start':
      return { machineId: await addMachine(t.database.db, plant.environmentId) };
    case 'pause':
      return { reasonId: plant.reasonId, notes: 'jam at the filler' };
    case 'count':
      return { add: 5 };
    case 'complete':
      return { producedQuantity: 120, rejectedQuantity: 2.5 };
    case 'cancel':
      return { reason: 'customer withdrew' };
    case 'release':
    case 'resume':
    case 'archive':
    case 'restore':
      return {};
  }
}

const machineStatus = async (id: number) =>
  (
    await t.database.db
      .selectFrom('machines')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;

const openStops = async (machineId: number) =>
  (
    await t.database.db
      .selectFrom('stops')
      .select('id')
      .where('machine_id', '=', machineId)
      .where('ended_at', 'is', null)
      .execute()
  ).length;

const states = ORDER_STATUSES.flatMap((status): { status: OrderStatus; archived: boolean }[] =>
  status === 'completed' || status === 'cancelled'
    ? [
        { status, archived: false },
        { status, archived: true },
      ]
    : [{ status, archived: false }],
);
const cases = states.flatMap((s) =>
  ORDER_ACTIONS.map((action) => ({
    ...s,
    state: s.archived ? `${s.status}+archived` : s.status,
    action,
    allowed: canApply(action, s.status, s.archived),
  })),
);

describe('order lifecycle over HTTP', () => {
  it.each(cases.filter((c) => c.allowed))(
    '$state: $action is allowed',
    async ({ status, archived, action }) => {
      const o = await addOrder(t.database.db, plant, { status, archived });
      const body = await validBody(action);
      const res = await call(action, o.id, { ...body, version: 1 });
      expect(res.statusCode, res.body).toBe(200);
      const order = res.json<Order>();
      const archivedAfter = action === 'archive' ? true : action === 'restore' ? false : archived;
      expect(order.status).toBe(statusAfter(action, status));
      expect(order.archived).toBe(archivedAfter);
      expect(order.version).toBe(2);
      expect(order.allowedActions).toEqual(allowedActions(order.status, archivedAfter));

      // The machine follows its order; pausing opens a stop, leaving the pause closes it.
      const machineId = action === 'start' ? (body.machineId as number) : o.machineId;
      if (machineId !== null) {
        const expected: Record<string, string> = {
          in_progress: 'in_use',
          paused: 'paused',
          completed: 'available',
          cancelled: 'available',
        };
        expect(order.machine?.id).toBe(machineId);
        expect(await machineStatus(machineId)).toBe(expected[order.status]);
        expect(await openStops(machineId)).toBe(order.status === 'paused' ? 1 : 0);
      }
      if (action === 'count') expect(order.producedQuantity).toBe(5);
      if (action === 'complete') {
        expect(order.producedQuantity).toBe(120);
        expect(order.rejectedQuantity).toBe(2.5);
        expect(order.overProduced).toBe(true);
        expect(order.completedAt).toMatch(/\+02:00$/);
      }
      if (action === 'start') expect(order.startedAt).toMatch(/\+02:00$/);
      if (action === 'archive') expect(order.archivedAt).toMatch(/\+02:00$/);
      if (action === 'restore') expect(order.archivedAt).toBeNull();

      const events = await t.database.db
        .selectFrom('order_events')
        .select(['event_type', 'user_id'])
        .where('order_id', '=', o.id)
        .execute();
      expect(events).toHaveLength(1);
      expect(events[0]?.user_id).toBe(u.supervisor.id);
    },
  );

  it.each(cases.filter((c) => !c.allowed))(
    '$state: $action is refused with 409',
    async ({ status, archived, action }) => {
      const o = await addOrder(t.database.db, plant, { status, archived });
      const machineBefore = o.machineId === null ? null : await machineStatus(o.machineId);
      const res = await call(action, o.id, await validBody(action));
      expect(res.statusCode, res.body).toBe(409);
      const error = res.json<{ error: Record<string, unknown> }>().error;
      expect(error.code).toBe('conflict');
      expect(error.currentStatus).toBe(status);
      expect(error.allowedActions).toEqual(allowedActions(status, archived));
      expect(error.message).toContain(o.orderNumber);

      const row = await t.database.db
        .selectFrom('production_orders')
        .select(['status', 'version', 'archived_at'])
        .where('id', '=', o.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status, version: 1 });
      expect(row.archived_at !== null).toBe(archived);
      if (o.machineId !== null) expect(await machineStatus(o.machineId)).toBe(machineBefore);
      const events = await t.database.db
        .selectFrom('order_events')
        .select('id')
        .where('order_id', '=', o.id)
        .execute();
      expect(events).toHaveLength(0);
    },
  );
});
