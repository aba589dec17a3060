import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/schema.js';

/** What the stop list filters on; every value is bound as a parameter. */
export interface StopFilter {
  machineId?: number;
  environmentId?: number;
  reasonId?: number;
  categoryId?: number;
  orderId?: number;
  open?: boolean;
  from?: Date;
  to?: Date;
  /** Id of the last stop of the previous page. */
  afterId?: number;
  limit: number;
}

/** A stop with its machine, order, reason, category and reporter; duration computed here. */
function stopViews(db: Kysely<Database>) {
  return db
    .selectFrom('stops as s')
    .innerJoin('machines as m', 'm.id', 's.machine_id')
    .leftJoin('production_orders as o', 'o.id', 's.order_id')
    .leftJoin('stop_reasons as r', 'r.id', 's.reason_id')
    .leftJoin('stop_reasons as c', 'c.id', 'r.parent_id')
    .leftJoin('users as u', 'u.id', 's.reported_by')
    .select([
      's.id',
      's.machine_id',
      'm.code as machine_code',
      'm.name as machine_name',
      'm.environment_id',
      's.order_id',
      'o.order_number',
      's.reason_id',
      'r.code as reason_code',
      'r.name as reason_name',
      'c.id as category_id',
      'c.code as category_code',
      'c.name as category_name',
      'c.planned as category_planned',
      'c.oee_loss as category_oee_loss',
      's.notes',
      's.reported_by',
      'u.display_name as reporter_name',
      's.started_at',
      's.ended_at',
      sql<number>`floor(extract(epoch from
        coalesce(s.ended_at, greatest(now(), s.started_at)) - s.started_at))::bigint`.as(
        'duration_seconds',
      ),
    ]);
}

export type StopViewRow = NonNullable<Awaited<ReturnType<typeof findStopView>>>;

export function findStopView(db: Kysely<Database>, id: number) {
  return stopViews(db).where('s.id', '=', id).executeTakeFirst();
}

/** Newest first; one row more than the limit tells the caller there is a next page. */
export function listStopViews(db: Kysely<Database>, f: StopFilter) {
  let q = stopViews(db);
  if (f.machineId !== undefined) q = q.where('s.machine_id', '=', f.machineId);
  if (f.environmentId !== undefined) q = q.where('m.environment_id', '=', f.environmentId);
  if (f.reasonId !== undefined) q = q.where('s.reason_id', '=', f.reasonId);
  if (f.categoryId !== undefined) q = q.where('r.parent_id', '=', f.categoryId);
  if (f.orderId !== undefined) q = q.where('s.order_id', '=', f.orderId);
  if (f.open !== undefined) q = q.where('s.ended_at', f.open ? 'is' : 'is not', null);
  if (f.to !== undefined) q = q.where('s.started_at', '<', f.to);
  if (f.from !== undefined) {
    const from = f.from;
    q = q.where((eb) => eb.or([eb('s.ended_at', 'is', null), eb('s.ended_at', '>', from)]));
  }
  if (f.afterId !== undefined) {
    q = q.where(
      sql<boolean>`(s.started_at, s.id) <
        (select cur.started_at, cur.id from stops cur where cur.id = ${f.afterId})`,
    );
  }
  return q
    .orderBy('s.started_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}
