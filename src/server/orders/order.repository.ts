import type { Insertable, Kysely, UpdateObject } from 'kysely';
import { sql } from 'kysely';
import type {
  Database,
  JsonObject,
  MachineStatus,
  NewOrder,
  OrderEventType,
  OrderEventsTable,
} from '../db/schema.js';

export type OrderChanges = UpdateObject<Database, 'production_orders'>;
/** The database's clock, for the times an action sets. */
export const NOW = sql<Date>`now()`;

/** Writes of orders, their events, and the order-driven parts of machines. */

export function insertOrder(db: Kysely<Database>, row: NewOrder) {
  return db.insertInto('production_orders').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Applies the changes and bumps the version (every change does). */
export async function updateOrder(
  db: Kysely<Database>,
  id: number,
  changes: OrderChanges,
): Promise<void> {
  await db
    .updateTable('production_orders')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Adds `add` to the produced quantity in exact numeric arithmetic. */
export async function addProduced(db: Kysely<Database>, id: number, add: number): Promise<string> {
  const row = await db
    .updateTable('production_orders')
    .set((eb) => ({
      produced_quantity: sql<string>`produced_quantity + ${String(add)}::numeric`,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .returning('produced_quantity')
    .executeTakeFirstOrThrow();
  return row.produced_quantity;
}

export interface OrderEventEntry {
  orderId: number;
  type: OrderEventType;
  userId: number;
  data: JsonObject;
}

/** The order_events row of a line in an order's timeline. */
export function orderEventRow(e: OrderEventEntry): Insertable<OrderEventsTable> {
  return { order_id: e.orderId, event_type: e.type, user_id: e.userId, data: e.data };
}

/** A line in the order's timeline (the orders, stops and waste features all write here). */
export async function insertOrderEvent(db: Kysely<Database>, e: OrderEventEntry): Promise<void> {
  await db.insertInto('order_events').values(orderEventRow(e)).execute();
}

/** Locks the machine row (starts and stops on one machine run one at a time). */
export function lockMachine(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('machines')
    .select(['id', 'code', 'name', 'status', 'retired_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export type LockedMachine = NonNullable<Awaited<ReturnType<typeof lockMachine>>>;

export async function setMachineStatus(
  db: Kysely<Database>,
  id: number,
  status: MachineStatus,
): Promise<void> {
  await db
    .updateTable('machines')
    .set((eb) => ({ status, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '<>', status)
    .execute();
}

export function findStopReason(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('stop_reasons as r')
    .leftJoin('stop_reasons as c', 'c.id', 'r.parent_id')
    .select(['r.id', 'r.name', 'r.parent_id', 'r.active', 'c.name as category_name'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export function findProduct(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('products')
    .select(['id', 'name', 'unit', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function environmentExists(db: Kysely<Database>, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('environments')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export async function shiftExists(db: Kysely<Database>, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('shift_pattern')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}
