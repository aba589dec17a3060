import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/schema.js';

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
