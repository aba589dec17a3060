import { sql, type Kysely } from 'kysely';

/**
 * 0005: the boards ask for open orders (draft, pending, running, paused) sorted by due date or
 * priority. Open orders are a few hundred among hundreds of thousands of completed ones, and
 * pending orders are due later than the history, so walking 0003's indexes in due order reads
 * the whole history before the first match. These partial indexes hold only open orders; the
 * planner uses them whenever the status filter is a subset of the open statuses. The sort
 * expressions are 0003's (and order-query.repository.ts's).
 */
const OPEN = `status IN ('draft', 'pending', 'in_progress', 'paused')`;
const KEYS: [string, string][] = [
  ['due', `(coalesce(due_date, 'infinity'::date))`],
  [
    'priority',
    `(CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END)`,
  ],
  ['created', 'created_at'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, key] of KEYS) {
    await sql
      .raw(
        `CREATE INDEX production_orders_open_${name}_idx ON production_orders (${key}, id) WHERE ${OPEN}`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of KEYS) {
    await sql.raw(`DROP INDEX production_orders_open_${name}_idx`).execute(db);
  }
}
