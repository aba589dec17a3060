import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Database, WasteTable, WasteType } from '../db/schema.js';

export type WasteRow = Selectable<WasteTable>;

export interface WasteFilter {
  orderId?: number;
  environmentId?: number;
  wasteType?: WasteType;
  from?: Date;
  to?: Date;
}

/** The order waste is recorded against; FOR SHARE so it cannot change status meanwhile. */
export function findOrderForWaste(db: Kysely<Database>, id: number, lock = false) {
  let q = db
    .selectFrom('production_orders')
    .select(['id', 'order_number', 'status'])
    .where('id', '=', id);
  if (lock) q = q.forShare();
  return q.executeTakeFirst();
}

export function findWaste(db: Kysely<Database>, id: number, forUpdate = false) {
  let q = db.selectFrom('waste').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function insertWaste(db: Kysely<Database>, row: Insertable<WasteTable>) {
  return db.insertInto('waste').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateWaste(db: Kysely<Database>, id: number, changes: Updateable<WasteTable>) {
  return db
    .updateTable('waste')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteWaste(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('waste').where('id', '=', id).execute();
}

/** Waste joined to its order, with the filters applied (every value a bound parameter). */
function filtered(db: Kysely<Database>, f: WasteFilter) {
  let q = db.selectFrom('waste as w').innerJoin('production_orders as o', 'o.id', 'w.order_id');
  if (f.orderId !== undefined) q = q.where('w.order_id', '=', f.orderId);
  if (f.environmentId !== undefined) q = q.where('o.environment_id', '=', f.environmentId);
  if (f.wasteType !== undefined) q = q.where('w.waste_type', '=', f.wasteType);
  if (f.from !== undefined) q = q.where('w.recorded_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('w.recorded_at', '<', f.to);
  return q;
}

function views(db: Kysely<Database>, f: WasteFilter) {
  return filtered(db, f)
    .leftJoin('users as u', 'u.id', 'w.recorded_by')
    .select([
      'w.id',
      'w.order_id',
      'o.order_number',
      'o.product_name',
      'w.waste_type',
      'w.quantity',
      'w.unit',
      'w.reason',
      'w.cost',
      'w.recorded_at',
      'w.recorded_by',
      'u.display_name as recorder_name',
    ]);
}

export type WasteViewRow = NonNullable<Awaited<ReturnType<typeof findWasteView>>>;

export function findWasteView(db: Kysely<Database>, id: number) {
  return views(db, {}).where('w.id', '=', id).executeTakeFirst();
}

/** Oldest first (an order's own list). */
export function listOrderWasteViews(db: Kysely<Database>, orderId: number) {
  return views(db, { orderId }).orderBy('w.recorded_at').orderBy('w.id').execute();
}

/** Newest first; one row more than the limit tells the caller there is a next page. */
export function listWasteViews(
  db: Kysely<Database>,
  f: WasteFilter & { afterId?: number; limit: number },
) {
  let q = views(db, f);
  if (f.afterId !== undefined) {
    q = q.where(
      sql<boolean>`(w.recorded_at, w.id) <
        (select cur.recorded_at, cur.id from waste cur where cur.id = ${f.afterId})`,
    );
  }
  return q
    .orderBy('w.recorded_at', 'desc')
    .orderBy('w.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Sums per type and unit over every matching record. */
export function wasteTotals(db: Kysely<Database>, f: WasteFilter) {
  return filtered(db, f)
    .select((eb) => [
      'w.waste_type',
      'w.unit',
      sql<string>`sum(w.quantity)::text`.as('quantity'),
      sql<string | null>`sum(w.cost)::text`.as('cost'),
      eb.fn.countAll<string>().as('count'),
    ])
    .groupBy(['w.waste_type', 'w.unit'])
    .orderBy('w.waste_type')
    .orderBy('w.unit')
    .execute();
}
