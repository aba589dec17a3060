import type { Kysely } from 'kysely';
import type { Order } from '../../common/api/orders.js';
import type { RequestContext } from '../auth/actor.js';
import { auditRow, outboxRow, publishEvent } from '../audit/audit.repository.js';
import { translateDbError } from '../db/db-errors.js';
import type { Database, JsonObject, MachineStatus, OrderEventType } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { assertVersion } from './order-lifecycle.js';
import { presentOrder } from './order.presenter.js';
import { findOrderView, type OrderViewRow } from './order-query.repository.js';
import { orderEventRow } from './order.repository.js';

export interface OrderDeps {
  db: Kysely<Database>;
  timeZone: string;
}

/** What an applied change tells the timeline, the audit log and the live boards. */
export interface AppliedChange {
  event: OrderEventType;
  /** The audit action ('start', 'update', …). */
  action: string;
  data: JsonObject;
  /** The machine whose status the change set, if any. */
  machine?: { id: number; status: MachineStatus };
}

export const orderNotFound = (id: number) =>
  new AppError('not_found', `Order ${id} does not exist`);

/**
 * One change to one order, in one transaction: lock the order row (FOR UPDATE: a concurrent
 * change waits, then sees the result), check the client's version, `apply` (which checks the
 * lifecycle, writes the order, bumping its version, and its machine and stops), then write the
 * order event, the audit record (before/after) and the live-board event. `apply` returning null
 * means nothing changed: the order is returned as it is.
 */
export async function changeOrder(
  deps: OrderDeps,
  ctx: RequestContext,
  id: number,
  version: number | undefined,
  apply: (trx: Kysely<Database>, before: OrderViewRow) => Promise<AppliedChange | null>,
): Promise<Order> {
  const tz = deps.timeZone;
  return deps.db
    .transaction()
    .execute(async (trx) => {
      const beforeRow = await findOrderView(trx, id, true);
      if (!beforeRow) throw orderNotFound(id);
      assertVersion(beforeRow, version, tz);
      const before = presentOrder(beforeRow, tz);
      const change = await apply(trx, beforeRow);
      if (!change) return before;
      const afterRow = await findOrderView(trx, id);
      if (!afterRow) throw orderNotFound(id);
      const after = presentOrder(afterRow, tz);
      await recordOrderChange(trx, ctx, { id, change, before, after });
      return after;
    })
    .catch(translateOrderError);
}

/**
 * The order event, the audit record and the live-board events of one change, in one statement
 * (data-modifying CTEs): one round trip instead of three or four, inside the change's transaction.
 */
async function recordOrderChange(
  trx: Kysely<Database>,
  ctx: RequestContext,
  c: { id: number; change: AppliedChange; before: Order; after: Order },
): Promise<void> {
  await trx
    .with('order_event', (db) =>
      db.insertInto('order_events').values(
        orderEventRow({
          orderId: c.id,
          type: c.change.event,
          userId: ctx.actor.id,
          data: c.change.data,
        }),
      ),
    )
    .with('audit', (db) =>
      db.insertInto('audit_log').values(
        auditRow(ctx, {
          action: c.change.action,
          entityType: 'order',
          entityId: c.id,
          before: c.before,
          after: c.after,
        }),
      ),
    )
    .insertInto('event_outbox')
    .values(
      outboxEvents(c.after, c.change.action, c.before.status, c.change.machine).map((e) =>
        outboxRow(e.topic, e.payload),
      ),
    )
    .execute();
}

/** The live-board events of an order change: the order, and its machine when that changed. */
function outboxEvents(
  o: Order,
  action: string,
  previousStatus: string | null,
  machine?: { id: number; status: MachineStatus },
): { topic: string; payload: JsonObject }[] {
  const events: { topic: string; payload: JsonObject }[] = [
    {
      topic: 'order.updated',
      payload: {
        id: o.id,
        orderNumber: o.orderNumber,
        action,
        status: o.status,
        previousStatus,
        archived: o.archived,
        machineId: o.machine?.id ?? null,
        environmentId: o.environment.id,
        producedQuantity: o.producedQuantity,
        version: o.version,
      },
    },
  ];
  if (machine) {
    events.push({
      topic: 'machine.updated',
      payload: { id: machine.id, status: machine.status, orderId: o.id },
    });
  }
  return events;
}

export async function publishOrderEvent(
  trx: Kysely<Database>,
  o: Order,
  action: string,
  previousStatus: string | null,
  machine?: { id: number; status: MachineStatus },
): Promise<void> {
  for (const e of outboxEvents(o, action, previousStatus, machine)) {
    await publishEvent(trx, e.topic, e.payload);
  }
}

interface PgError {
  code?: string;
  constraint?: string;
}

const UNIQUE_CONFLICTS: Record<string, { message: string; fields: Record<string, string> }> = {
  production_orders_one_running_per_machine: {
    message: 'The machine already runs another order',
    fields: { machineId: 'already runs another order' },
  },
  production_orders_order_number_key: {
    message: 'An order with this orderNumber already exists',
    fields: { orderNumber: 'is already taken' },
  },
  stops_one_open_per_machine: {
    message: 'The machine already has an open stop; close it first',
    fields: { machineId: 'already has an open stop' },
  },
};

/** Constraint violations of orders as the API's answers; anything else as translateDbError. */
export function translateOrderError(e: unknown): never {
  if (e instanceof AppError) throw e;
  const pg = e as PgError;
  const unique = pg.code === '23505' ? UNIQUE_CONFLICTS[pg.constraint ?? ''] : undefined;
  if (unique) throw new AppError('conflict', unique.message, unique.fields);
  if (pg.code === '23514' && pg.constraint === 'production_orders_produced_quantity_check') {
    throw new AppError('validation_failed', 'The produced quantity cannot go below 0', {
      add: 'would make the produced quantity negative',
    });
  }
  if (pg.code === '40P01' || pg.code === '40001') {
    throw new AppError('conflict', 'Someone changed this at the same moment; try again');
  }
  return translateDbError(e, 'order');
}
