import { sql, type Kysely } from 'kysely';

/**
 * 0006: the board's "pending orders of my area, by due date" was planned as if status and area
 * were independent (3% × 3% of 200,000 → 115 rows), so the planner preferred a bitmap scan and a
 * sort of every pending order of the area (10 ms) to 0005's open-order index (0.4 ms). Orders of
 * one area share a status mix of their own: multivariate statistics tell the planner so.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE STATISTICS production_orders_status_environment (mcv)
    ON status, environment_id FROM production_orders`.execute(db);
  await sql`ANALYZE production_orders`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP STATISTICS production_orders_status_environment`.execute(db);
}
