import { buildApp } from '../../src/server/app.js';
import type { ZodApp } from '../../src/server/http/zod-app.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { TEST_SESSION_POLICY } from './session.js';

export interface TestApp {
  app: ZodApp;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real app (for app.inject) over a fresh database cloned from the migrated template. */
export async function createTestApp(o: { timeZone?: string } = {}): Promise<TestApp> {
  const timeZone = o.timeZone ?? 'Africa/Johannesburg';
  const database = await createTestDatabase({ timeZone });
  const app = await buildApp({ db: database.db, timeZone, session: TEST_SESSION_POLICY });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
