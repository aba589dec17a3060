import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { nameStatements } from './named-statements.js';
import type { Database } from './schema.js';

const DATE_OID = 1082;
const INT8_OID = 20;

/**
 * Type parsers for this pool only (never the global pg.types): a DATE stays the
 * text 'YYYY-MM-DD' (pg's default turns it into a Date at local midnight of the
 * *server process*, the classic off-by-a-day bug); int8 becomes a number when it is safe.
 */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID) return (v: string) => v;
    if (oid === INT8_OID) {
      return (v: string) => {
        const n = Number(v);
        return Number.isSafeInteger(n) ? n : v;
      };
    }
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export interface ConnectionOptions {
  url: string;
  /** IANA zone every connection runs in, so `now()::date` is the plant day. */
  timeZone: string;
  max?: number;
  applicationName?: string;
  /** Statements marked PREPARED are prepared once per connection (see nameStatements). */
  namedStatements?: boolean;
}

export function createPool(o: ConnectionOptions): pg.Pool {
  return new pg.Pool({
    connectionString: o.url,
    max: o.max ?? 10,
    // The zone was validated as an IANA name by the config module, so it has no spaces or quotes.
    options: `-c TimeZone=${o.timeZone}`,
    application_name: o.applicationName ?? 'shopfloor',
    types: typeParsers,
    connectionTimeoutMillis: 10_000,
  });
}

export interface Db {
  db: Kysely<Database>;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function createDb(o: ConnectionOptions): Db {
  const pool = createPool(o);
  // An idle client losing its server (restart, network) must not crash the process.
  pool.on('error', () => undefined);
  if (o.namedStatements) nameStatements(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: () => db.destroy() };
}
