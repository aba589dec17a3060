import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database, MachineStatus, MachinesTable } from '../db/schema.js';

export type MachineTableRow = Selectable<MachinesTable>;

export interface MachineFilter {
  id?: number;
  environmentId?: number;
  environmentCode?: string;
  status?: MachineStatus;
  includeRetired?: boolean;
}

/**
 * Machines with their environment, type, running order and open stop, in one query: a machine
 * runs at most one order and has at most one open stop (both unique indexes), so the left joins
 * never repeat a machine.
 */
export function findMachines(db: Kysely<Database>, f: MachineFilter) {
  let q = db
    .selectFrom('machines as m')
    .innerJoin('environments as e', 'e.id', 'm.environment_id')
    .leftJoin('machine_types as t', 't.id', 'm.machine_type_id')
    .leftJoin('production_orders as o', (j) =>
      j.onRef('o.machine_id', '=', 'm.id').on('o.status', 'in', ['in_progress', 'paused']),
    )
    .leftJoin('stops as s', (j) =>
      j.onRef('s.machine_id', '=', 'm.id').on('s.ended_at', 'is', null),
    )
    .leftJoin('stop_reasons as r', 'r.id', 's.reason_id')
    .leftJoin('stop_reasons as c', 'c.id', 'r.parent_id')
    .selectAll('m')
    .select([
      'e.code as env_code',
      'e.name as env_name',
      'e.colour as env_colour',
      't.code as type_code',
      't.name as type_name',
      'o.id as order_id',
      'o.order_number',
      'o.product_name',
      'o.status as order_status',
      'o.quantity as order_quantity',
      'o.produced_quantity',
      'o.unit as order_unit',
      'o.started_at as order_started_at',
      's.id as stop_id',
      's.order_id as stop_order_id',
      's.started_at as stop_started_at',
      's.notes as stop_notes',
      'r.id as reason_id',
      'r.code as reason_code',
      'r.name as reason_name',
      'c.name as category_name',
      'c.planned as category_planned',
    ]);
  if (f.id !== undefined) q = q.where('m.id', '=', f.id);
  if (f.environmentId !== undefined) q = q.where('m.environment_id', '=', f.environmentId);
  if (f.environmentCode !== undefined) q = q.where('e.code', '=', f.environmentCode);
  if (f.status !== undefined) q = q.where('m.status', '=', f.status);
  if (!f.includeRetired && f.id === undefined) q = q.where('m.retired_at', 'is', null);
  return q.orderBy('e.sort_order').orderBy('e.name').orderBy('m.code').orderBy('m.id').execute();
}

export type MachineRow = Awaited<ReturnType<typeof findMachines>>[number];

/** The machine's own row, locked for the rest of the transaction. */
export function lockMachine(db: Kysely<Database>, id: number) {
  return db.selectFrom('machines').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertMachine(db: Kysely<Database>, row: Insertable<MachinesTable>) {
  return db.insertInto('machines').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Applies the changes and bumps the version. */
export function updateMachine(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<MachinesTable>,
) {
  return db
    .updateTable('machines')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Retires (retired now, offline) or brings back (available) the machine; bumps the version. */
export function setRetired(db: Kysely<Database>, id: number, retired: boolean) {
  return db
    .updateTable('machines')
    .set((eb) => ({
      retired_at: retired ? sql<Date>`now()` : null,
      status: retired ? 'offline' : 'available',
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteMachine(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('machines').where('id', '=', id).execute();
}

/** The order in progress or paused on the machine, if any. */
export function runningOrderOn(db: Kysely<Database>, machineId: number) {
  return db
    .selectFrom('production_orders')
    .select(['id', 'order_number', 'status'])
    .where('machine_id', '=', machineId)
    .where('status', 'in', ['in_progress', 'paused'])
    .executeTakeFirst();
}

/** True when any order, stop or labour assignment names the machine. */
export async function machineHasHistory(db: Kysely<Database>, id: number): Promise<boolean> {
  const r = await db
    .selectNoFrom((eb) => [
      eb
        .or([
          eb.exists(eb.selectFrom('production_orders').select('id').where('machine_id', '=', id)),
          eb.exists(eb.selectFrom('stops').select('id').where('machine_id', '=', id)),
          eb.exists(eb.selectFrom('labour_assignments').select('id').where('machine_id', '=', id)),
        ])
        .as('used'),
    ])
    .executeTakeFirstOrThrow();
  return r.used === true;
}

export async function environmentExists(db: Kysely<Database>, id: number): Promise<boolean> {
  const r = await db
    .selectFrom('environments')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return r !== undefined;
}

export async function machineTypeExists(db: Kysely<Database>, id: number): Promise<boolean> {
  const r = await db
    .selectFrom('machine_types')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return r !== undefined;
}
