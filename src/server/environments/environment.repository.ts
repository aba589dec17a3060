import type { Kysely, Selectable, Insertable, Updateable } from 'kysely';
import type { Database, EnvironmentsTable } from '../db/schema.js';

export type EnvironmentRow = Selectable<EnvironmentsTable>;

export function listEnvironments(db: Kysely<Database>) {
  return db.selectFrom('environments').selectAll().orderBy('sort_order').orderBy('name').execute();
}

export function findEnvironment(db: Kysely<Database>, id: number, forUpdate = false) {
  let q = db.selectFrom('environments').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function insertEnvironment(db: Kysely<Database>, row: Insertable<EnvironmentsTable>) {
  return db.insertInto('environments').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateEnvironment(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<EnvironmentsTable>,
) {
  return db
    .updateTable('environments')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteEnvironment(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('environments').where('id', '=', id).execute();
}
