import type { Kysely, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Database, StopsTable } from '../db/schema.js';

/** Opens a stop on a machine (and the order running there, if any). One open stop per machine. */
export function openStop(
  db: Kysely<Database>,
  s: {
    machineId: number;
    orderId: number | null;
    reasonId: number | null;
    notes: string | null;
    reportedBy: number;
  },
) {
  return db
    .insertInto('stops')
    .values({
      machine_id: s.machineId,
      order_id: s.orderId,
      reason_id: s.reasonId,
      notes: s.notes,
      started_at: sql<Date>`now()`,
      reported_by: s.reportedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Closes the machine's open stop, if it has one; returns it. */
export function closeOpenStop(db: Kysely<Database>, machineId: number, closedBy: number) {
  return db
    .updateTable('stops')
    .set({ ended_at: sql<Date>`greatest(now(), started_at)`, updated_by: closedBy })
    .where('machine_id', '=', machineId)
    .where('ended_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export type StopRow = Selectable<StopsTable>;

/** The database's clock: "now" for every rule about the future. */
export async function databaseNow(db: Kysely<Database>): Promise<Date> {
  const r = await sql<{ now: Date }>`select now() as now`.execute(db);
  return r.rows[0]!.now;
}

export function findStop(db: Kysely<Database>, id: number, forUpdate = false) {
  let q = db.selectFrom('stops').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Locks the machine row: stop changes on one machine run one at a time. */
export function lockMachine(db: Kysely<Database>, machineId: number) {
  return db
    .selectFrom('machines')
    .select(['id', 'code', 'name', 'retired_at'])
    .where('id', '=', machineId)
    .forUpdate()
    .executeTakeFirst();
}

/** The order in progress or paused on the machine, if any. */
export function findRunningOrder(db: Kysely<Database>, machineId: number) {
  return db
    .selectFrom('production_orders')
    .select(['id', 'order_number', 'status'])
    .where('machine_id', '=', machineId)
    .where('status', 'in', ['in_progress', 'paused'])
    .executeTakeFirst();
}

export function findOrderStatus(db: Kysely<Database>, orderId: number) {
  return db
    .selectFrom('production_orders')
    .select(['id', 'order_number', 'status'])
    .where('id', '=', orderId)
    .executeTakeFirst();
}

export function findOpenStopOnMachine(db: Kysely<Database>, machineId: number) {
  return db
    .selectFrom('stops')
    .select(['id', 'order_id', 'started_at'])
    .where('machine_id', '=', machineId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

export function findReason(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('stop_reasons')
    .select(['id', 'is_category', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Another stop on the machine whose interval overlaps [start, end) (end null = still open). */
export function findOverlappingStop(
  db: Kysely<Database>,
  s: { machineId: number; excludeId: number; start: Date; end: Date | null },
) {
  return db
    .selectFrom('stops')
    .select(['id', 'started_at', 'ended_at'])
    .where('machine_id', '=', s.machineId)
    .where('id', '<>', s.excludeId)
    .where(
      sql<boolean>`tstzrange(started_at, coalesce(ended_at, 'infinity'::timestamptz))
        && tstzrange(${s.start}::timestamptz, coalesce(${s.end}::timestamptz, 'infinity'))`,
    )
    .orderBy('started_at')
    .limit(1)
    .executeTakeFirst();
}

/** Ends the stop now (never before it started), with the changes given. */
export function closeStop(db: Kysely<Database>, id: number, changes: Updateable<StopsTable>) {
  return db
    .updateTable('stops')
    .set({ ...changes, ended_at: sql<Date>`greatest(now(), started_at)` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateStop(db: Kysely<Database>, id: number, changes: Updateable<StopsTable>) {
  return db
    .updateTable('stops')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
