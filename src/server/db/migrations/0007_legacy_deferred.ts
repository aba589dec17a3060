import { sql, type Kysely } from 'kysely';

/**
 * 0007: a first legacy import loads its big tables (orders, events, stops, waste, audit log) the
 * way pg_restore does: without their secondary indexes and foreign keys, which are rebuilt (and
 * the keys validated over the whole table) once every row is in. `legacy_deferred` holds the
 * definitions of what is set aside, written in the same transaction that drops it, so a killed
 * import finds them on resume and nothing is ever dropped without a record; a finished import
 * leaves it empty, and the import report fails while it is not.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
CREATE TABLE legacy_deferred (
  run_id integer NOT NULL REFERENCES legacy_runs (id) ON DELETE CASCADE,
  table_name text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('index', 'foreign_key')),
  definition text NOT NULL CHECK (length(definition) > 0),
  PRIMARY KEY (run_id, table_name, name)
);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE legacy_deferred`.execute(db);
}
