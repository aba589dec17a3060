import { startTemporaryPostgres } from '../../src/server/db/temporary-postgres.js';

export interface TestPostgres {
  adminUrl: string;
  kind: 'external' | 'embedded';
  stop(): Promise<void>;
}

/** TEST_DATABASE_URL when set, else a throw-away embedded PostgreSQL in a temp directory. */
export async function startTestPostgres(): Promise<TestPostgres> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return { adminUrl: url, kind: 'external', stop: async () => {} };
  const pg = await startTemporaryPostgres('shopfloor-test-pg-');
  return { adminUrl: pg.adminUrl, kind: 'embedded', stop: pg.stop };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
