import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type {
  Database,
  MaturationBatchesTable,
  MaturationChecksTable,
  MaturationStatus,
} from '../db/schema.js';

export type BatchRow = Selectable<MaturationBatchesTable>;
export type CheckRow = Selectable<MaturationChecksTable>;

const ACTIVE = sql`('maturing', 'ready', 'quality_check')`;

/**
 * Batches with what the room needs to know, computed against `today` (the plant day):
 * ready_on = started_on + expected_days; overdue = past ready_on and still maturing or in quality
 * check; check_due = still in the room and not checked today.
 */
function batchViews(db: Kysely<Database>, today: string) {
  return db
    .selectFrom('maturation_batches as b')
    .leftJoin('products as p', 'p.id', 'b.product_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('maturation_checks as c')
          .select((e) => e.fn.max('c.check_date').as('last_check_date'))
          .whereRef('c.batch_id', '=', 'b.id')
          .as('lc'),
      (join) => join.onTrue(),
    )
    .selectAll('b')
    .select([
      'p.code as product_code',
      'p.name as product_name',
      'lc.last_check_date',
      sql<string>`b.started_on + b.expected_days`.as('ready_on'),
      sql<number>`${today}::date - b.started_on`.as('days_in'),
      sql<boolean>`b.status in ('maturing', 'quality_check')
        and b.started_on + b.expected_days < ${today}::date`.as('overdue'),
      sql<boolean>`b.status in ${ACTIVE}
        and lc.last_check_date is distinct from ${today}::date`.as('check_due'),
    ]);
}

export type BatchViewRow = NonNullable<Awaited<ReturnType<typeof findBatchView>>>;

export function findBatchView(db: Kysely<Database>, id: number, today: string) {
  return batchViews(db, today).where('b.id', '=', id).executeTakeFirst();
}

export interface BatchFilter {
  status?: MaturationStatus;
  active?: boolean;
  q?: string;
}

function filtered(db: Kysely<Database>, f: BatchFilter) {
  let q = db.selectFrom('maturation_batches as b');
  if (f.status !== undefined) q = q.where('b.status', '=', f.status);
  if (f.active !== undefined) {
    q = q.where(
      f.active ? sql<boolean>`b.status in ${ACTIVE}` : sql<boolean>`b.status not in ${ACTIVE}`,
    );
  }
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('b.batch_number', 'ilike', pattern), eb('b.blend_name', 'ilike', pattern)]),
    );
  }
  return q;
}

/** Newest start first. */
export async function listBatchViews(
  db: Kysely<Database>,
  f: BatchFilter & { limit: number; offset: number },
  today: string,
) {
  const ids = filtered(db, f).select('b.id');
  const [rows, count] = await Promise.all([
    batchViews(db, today)
      .where('b.id', 'in', ids)
      .orderBy('b.started_on', 'desc')
      .orderBy('b.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Still in the room and either past ready_on or not checked today; oldest ready_on first. */
export function listOverdueViews(db: Kysely<Database>, today: string) {
  return batchViews(db, today)
    .where(sql<boolean>`b.status in ${ACTIVE}`)
    .where(
      sql<boolean>`((b.status in ('maturing', 'quality_check')
          and b.started_on + b.expected_days < ${today}::date)
        or lc.last_check_date is distinct from ${today}::date)`,
    )
    .orderBy(sql`b.started_on + b.expected_days`)
    .orderBy('b.id')
    .execute();
}

export function findBatch(db: Kysely<Database>, id: number, forUpdate = false) {
  let q = db.selectFrom('maturation_batches').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function findBatchByNumber(db: Kysely<Database>, batchNumber: string) {
  return db
    .selectFrom('maturation_batches')
    .select('id')
    .where('batch_number', '=', batchNumber)
    .executeTakeFirst();
}

export function findProduct(db: Kysely<Database>, id: number) {
  return db.selectFrom('products').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export function insertBatch(db: Kysely<Database>, row: Insertable<MaturationBatchesTable>) {
  return db.insertInto('maturation_batches').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateBatch(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<MaturationBatchesTable>,
) {
  return db
    .updateTable('maturation_batches')
    .set({ ...changes, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

function checkViews(db: Kysely<Database>) {
  return db
    .selectFrom('maturation_checks as c')
    .leftJoin('users as u', 'u.id', 'c.checked_by')
    .selectAll('c')
    .select('u.display_name as checker_name');
}

export type CheckViewRow = Awaited<ReturnType<typeof listCheckViews>>[number];

/** Newest first. */
export function listCheckViews(db: Kysely<Database>, batchId: number) {
  return checkViews(db)
    .where('c.batch_id', '=', batchId)
    .orderBy('c.check_date', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

export function findCheckView(db: Kysely<Database>, id: number) {
  return checkViews(db).where('c.id', '=', id).executeTakeFirstOrThrow();
}

export function findCheckOn(db: Kysely<Database>, batchId: number, day: string) {
  return db
    .selectFrom('maturation_checks')
    .select('id')
    .where('batch_id', '=', batchId)
    .where('check_date', '=', day)
    .executeTakeFirst();
}

export async function firstCheckDate(db: Kysely<Database>, batchId: number) {
  const r = await db
    .selectFrom('maturation_checks')
    .select((eb) => eb.fn.min('check_date').as('first'))
    .where('batch_id', '=', batchId)
    .executeTakeFirst();
  return r?.first ?? null;
}

export function insertCheck(db: Kysely<Database>, row: Insertable<MaturationChecksTable>) {
  return db.insertInto('maturation_checks').values(row).returningAll().executeTakeFirstOrThrow();
}
