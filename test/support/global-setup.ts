import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../src/server/db/connection.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { startTestPostgres, withDatabase } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDatabase: string;
  }
}

/**
 * Once per run: a PostgreSQL (TEST_DATABASE_URL or embedded) and a migrated template
 * database; each test file clones its own database from it (test/support/db.ts).
 */
export default async function setup(project: TestProject) {
  // The CLI tests run the built server, as `npx shopfloor` would. SHOPFLOOR_TEST_NO_BUILD=1
  // skips it when running only in-process tests while the tree does not compile.
  if (process.env.SHOPFLOOR_TEST_NO_BUILD !== '1') {
    // @ts-expect-error plain JavaScript module without types
    const { ensureBuilt } = (await import('../../scripts/bootstrap.mjs')) as {
      ensureBuilt: () => void;
    };
    ensureBuilt();
  }
  const server = await startTestPostgres();
  const template = `shopfloor_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const tpl = createDb({
    url: withDatabase(server.adminUrl, template),
    timeZone: 'Africa/Johannesburg',
  });
  try {
    await migrateToLatest(tpl.db);
  } finally {
    await tpl.close();
  }
  project.provide('pgAdminUrl', server.adminUrl);
  project.provide('templateDatabase', template);

  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1`,
      [`shopfloor_t%_${process.pid}_%`],
    );
    for (const { datname } of leftovers.rows) {
      await admin.query(`drop database if exists ${pg.escapeIdentifier(datname)} with (force)`);
    }
    await admin.end();
    await server.stop();
  };
}
