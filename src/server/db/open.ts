import pg from 'pg';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import { StartupError } from '../startup-error.js';
import { createDb, type Db } from './connection.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded.js';

export const EMBEDDED_DATABASE = 'shopfloor';
const MIN_SERVER_VERSION = 150000;

export interface OpenedDatabase extends Db {
  url: string;
  embedded: EmbeddedServer | null;
}

export interface OpenOptions {
  log?: (line: string) => void;
  /** CLI commands attach to a running embedded cluster; the server must own it. */
  attachToRunning?: boolean;
  poolSize?: number;
  /** The server's pool: statements prepared once per connection (see nameStatements). */
  namedStatements?: boolean;
}

/** DATABASE_URL when set, else the embedded PostgreSQL in DATA_DIR; checked and connected. */
export async function openDatabase(config: Config, o: OpenOptions = {}): Promise<OpenedDatabase> {
  let embedded: EmbeddedServer | null = null;
  let url = config.DATABASE_URL;
  if (url === undefined) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.DATA_DIR,
      log: o.log,
      attachToRunning: o.attachToRunning,
    });
    try {
      await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
    } catch (e) {
      await embedded.stop();
      throw e;
    }
    url = embedded.urlFor(EMBEDDED_DATABASE);
  }
  const db = createDb({
    url,
    timeZone: config.PLANT_TIME_ZONE,
    max: o.poolSize,
    namedStatements: o.namedStatements,
  });
  try {
    await checkServer(db, url);
  } catch (e) {
    await db.close();
    await embedded?.stop();
    throw e;
  }
  const server = embedded;
  return {
    ...db,
    url,
    embedded: server,
    close: async () => {
      await db.close();
      await server?.stop();
    },
  };
}

export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

async function checkServer(db: Db, url: string): Promise<void> {
  let version: number;
  try {
    const r = await sql<{ v: string }>`select current_setting('server_version_num') as v`.execute(
      db.db,
    );
    version = Number(r.rows[0]?.v);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code ?? err.message.split('\n')[0];
    throw new StartupError(`Cannot reach the database at ${describeUrl(url)} (${why})`);
  }
  if (version < MIN_SERVER_VERSION) {
    throw new StartupError(
      `The database at ${describeUrl(url)} runs PostgreSQL ${Math.floor(version / 10000)}; Shopfloor needs 15 or newer`,
    );
  }
}

/** CREATE DATABASE when it does not exist yet (the embedded cluster starts with only `postgres`). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      await client
        .query(`create database ${pg.escapeIdentifier(name)} encoding 'UTF8'`)
        .catch((e: { code?: string }) => {
          if (e.code !== '42P04') throw e; // created meanwhile by a concurrent start
        });
    }
  } finally {
    await client.end();
  }
}
