import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, MachineTypesTable } from '../db/schema.js';

export type MachineTypeRow = Selectable<MachineTypesTable>;

export function listMachineTypes(db: Kysely<Database>) {
  return db.selectFrom('machine_types').selectAll().orderBy('name').orderBy('id').execute();
}

export function findMachineType(db: Kysely<Database>, id: number, forUpdate = false) {
  let q = db.selectFrom('machine_types').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function insertMachineType(db: Kysely<Database>, row: Insertable<MachineTypesTable>) {
  return db.insertInto('machine_types').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateMachineType(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<MachineTypesTable>,
) {
  return db
    .updateTable('machine_types')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** How many machines (retired ones included) are of this type. */
export async function countMachinesOfType(db: Kysely<Database>, id: number): Promise<number> {
  const r = await db
    .selectFrom('machines')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('machine_type_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function deleteMachineType(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('machine_types').where('id', '=', id).execute();
}
