import { sql, type Kysely } from 'kysely';

/**
 * 0003: indexes behind GET /api/orders (keyset pagination over 200,000+ orders).
 *
 * - Per sort key, an index on (sort expression, id) over the orders that are not archived (the
 *   list's default, and the small set) and one over all orders (for archived=true, the large
 *   set, and archived=all): `WHERE … AND (key, id) > ($1, $2) ORDER BY key, id LIMIT n` reads
 *   about n index entries. The expressions must stay identical to SORTS in
 *   src/server/orders/order-query.repository.ts (order-list.test.ts checks the plans use them).
 * - Trigram indexes for the text search (`ILIKE '%q%'` on order number and product name) when
 *   the pg_trgm extension is available and may be created; without it the search still works,
 *   only by scanning.
 */
const DUE = `(coalesce(due_date, 'infinity'::date))`;
const PRIORITY = `(CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END)`;
const STATUS = `(CASE status WHEN 'draft' THEN 0 WHEN 'pending' THEN 1 WHEN 'in_progress' THEN 2
  WHEN 'paused' THEN 3 WHEN 'completed' THEN 4 ELSE 5 END)`;
const KEYS: [string, string][] = [
  ['due', DUE],
  ['created', 'created_at'],
  ['priority', PRIORITY],
  ['number', 'order_number'],
  ['status', STATUS],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, key] of KEYS) {
    await sql
      .raw(
        `CREATE INDEX production_orders_active_${name}_idx ON production_orders (${key}, id)
           WHERE archived_at IS NULL;
         CREATE INDEX production_orders_all_${name}_idx ON production_orders (${key}, id);`,
      )
      .execute(db);
  }
  await sql`
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE 'pg_trgm not created (%): order search will scan', SQLERRM;
    END;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX production_orders_number_trgm_idx ON production_orders
      USING gin (order_number gin_trgm_ops);
    CREATE INDEX production_orders_product_name_trgm_idx ON production_orders
      USING gin (product_name gin_trgm_ops);
  END IF;
END
$$;
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
DROP INDEX IF EXISTS production_orders_product_name_trgm_idx;
DROP INDEX IF EXISTS production_orders_number_trgm_idx;
`.execute(db);
  for (const [name] of KEYS) {
    await sql
      .raw(
        `DROP INDEX production_orders_active_${name}_idx; DROP INDEX production_orders_all_${name}_idx;`,
      )
      .execute(db);
  }
}
