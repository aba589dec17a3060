import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { TEST_SESSION_POLICY } from './session.js';
import { seedDemoPlant } from '../../src/server/seed/demo.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestServer {
  baseUrl: string;
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real Fastify app on a random port, over a fresh test database, serving dist/web. */
export async function startTestServer(
  o: { plantZone?: string; seedDemo?: boolean } = {},
): Promise<TestServer> {
  const timeZone = o.plantZone ?? 'Africa/Johannesburg';
  const database = await createTestDatabase({ timeZone });
  if (o.seedDemo) await seedDemoPlant(database.db);
  const app = await buildApp({ db: database.db, timeZone, session: TEST_SESSION_POLICY });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
