import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

export const MIGRATION_TABLE = 'kysely_migration';
/** Arbitrary constant: "shopfl" as a key for pg_advisory_lock. */
const ADVISORY_LOCK_KEY = 0x73686f70666c;

/** The database holds migrations this code does not know: it was migrated by a newer Shopfloor. */
export class DatabaseNewerThanCodeError extends Error {
  override readonly name = 'DatabaseNewerThanCodeError';
  constructor(readonly unknown: string[]) {
    super(
      `The database was migrated by a newer version of Shopfloor (unknown migrations: ${unknown.join(', ')}); ` +
        'upgrade Shopfloor or point DATABASE_URL at another database. Nothing was changed.',
    );
  }
}

export class MigrationFailedError extends Error {
  override readonly name = 'MigrationFailedError';
}

function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: MIGRATION_TABLE,
  });
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  unknown: string[];
}

export async function migrationStatus(db: Kysely<Database>): Promise<MigrationStatus> {
  const known = Object.keys(migrations);
  const exists = await sql<{
    t: string | null;
  }>`select to_regclass(${MIGRATION_TABLE}) as t`.execute(db);
  let applied: string[] = [];
  if (exists.rows[0]?.t) {
    const rows = await sql<{
      name: string;
    }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db);
    applied = rows.rows.map((r) => r.name);
  }
  return {
    applied: applied.filter((n) => known.includes(n)),
    pending: known.filter((n) => !applied.includes(n)),
    unknown: applied.filter((n) => !known.includes(n)),
  };
}

/**
 * Brings the database to the latest migration. Each migration runs in a transaction and
 * Kysely's lock table serialises concurrent callers (two servers starting at once).
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // A session advisory lock on one connection also covers Kysely's own first
  // `create table if not exists`, which races when two servers start on an empty database.
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${ADVISORY_LOCK_KEY})`.execute(conn);
    try {
      const status = await migrationStatus(conn);
      if (status.unknown.length > 0) throw new DatabaseNewerThanCodeError(status.unknown);
      const { error, results } = await migrator(conn).migrateToLatest();
      return handle(error, results);
    } finally {
      await sql`select pg_advisory_unlock(${ADVISORY_LOCK_KEY})`.execute(conn);
    }
  });
}

function handle(error: unknown, results: MigrationResultSet['results']): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationFailedError(
      failed ? `Migration ${failed} failed: ${reason}` : `Migrations failed: ${reason}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
