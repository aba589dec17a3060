import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, StopReasonsTable } from '../db/schema.js';

export type StopReasonRow = Selectable<StopReasonsTable>;

/** Every node, categories and reasons, in display order. */
export function listStopReasons(db: Kysely<Database>, includeInactive: boolean) {
  let q = db.selectFrom('stop_reasons').selectAll();
  if (!includeInactive) q = q.where('active', '=', true);
  return q.orderBy('sort_order').orderBy('name').orderBy('id').execute();
}

export function findStopReason(db: Kysely<Database>, id: number, forUpdate = false) {
  let q = db.selectFrom('stop_reasons').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function insertStopReason(db: Kysely<Database>, row: Insertable<StopReasonsTable>) {
  return db.insertInto('stop_reasons').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateStopReason(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<StopReasonsTable>,
) {
  return db
    .updateTable('stop_reasons')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** How many reasons a category has and how many stops name a node. */
export async function usageOf(db: Kysely<Database>, id: number) {
  const r = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('stop_reasons')
        .select(eb.fn.countAll<string>().as('n'))
        .where('parent_id', '=', id)
        .as('reasons'),
      eb
        .selectFrom('stops')
        .select(eb.fn.countAll<string>().as('n'))
        .where('reason_id', '=', id)
        .as('stops'),
    ])
    .executeTakeFirstOrThrow();
  return { reasons: Number(r.reasons ?? 0), stops: Number(r.stops ?? 0) };
}

export async function deleteStopReason(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('stop_reasons').where('id', '=', id).execute();
}
