import { sql, type Kysely } from 'kysely';
import { foundationSql } from './0001_domain/foundation.sql.js';
import { ordersSql } from './0001_domain/orders.sql.js';
import { plantSql } from './0001_domain/plant.sql.js';
import { shiftsSql } from './0001_domain/shifts.sql.js';

/**
 * The first form of the whole domain. The SQL lives in ./0001_domain/*.sql.ts as constant
 * strings (nothing interpolated from outside); each part is one multi-statement query, and the
 * migrator runs the whole migration in one transaction.
 *
 * Conventions: integer identity ids (BY DEFAULT, so the legacy importer can keep ids), every time
 * a timestamptz, every day a date, enums as text + CHECK (a new value is an ALTER of the CHECK),
 * explicit ON DELETE on every foreign key (RESTRICT for anything that is history), an index on
 * every foreign key, and updated_at maintained by the set_updated_at() trigger.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const part of [foundationSql, plantSql, ordersSql, shiftsSql]) {
    await sql.raw(part).execute(db);
  }
}

/** Children before parents; no CASCADE, so an object a later migration left behind is an error. */
const TABLES_DEPENDENTS_FIRST = [
  'maturation_checks',
  'maturation_batches',
  'shift_handovers',
  'attendance',
  'labour_assignments',
  'waste',
  'stops',
  'stop_reasons',
  'order_events',
  'production_orders',
  'crew_members',
  'crews',
  'employees',
  'products',
  'machines',
  'machine_types',
  'environments',
  'event_outbox',
  'audit_log',
  'login_attempts',
  'sessions',
  'users',
  'shift_pattern',
  'plant_settings',
];

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES_DEPENDENTS_FIRST) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
  await sql`DROP FUNCTION notify_event_outbox()`.execute(db);
  await sql`DROP FUNCTION set_updated_at()`.execute(db);
}
