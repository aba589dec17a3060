import { sql, type Kysely } from 'kysely';

/**
 * 0008: the row map's table names compare byte by byte (COLLATE "C"). They are identifiers, never
 * shown sorted to a person, and its key and target index are built over every source row at the
 * end of an import: under the database's linguistic collation each comparison of two equal
 * names went through the locale (measured at 1,000,000 orders, C.UTF-8: the key's build 7.4 s
 * → 5.9 s; slower locales such as en_ZA.UTF-8 gain more).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
ALTER TABLE legacy_row_map
  ALTER COLUMN source_table TYPE text COLLATE "C",
  ALTER COLUMN target_table TYPE text COLLATE "C";
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
ALTER TABLE legacy_row_map
  ALTER COLUMN source_table TYPE text COLLATE "default",
  ALTER COLUMN target_table TYPE text COLLATE "default";
`.execute(db);
}
