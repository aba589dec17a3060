import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db } from '../../src/server/db/connection.js';
import { withDatabase } from './postgres.js';

export interface TestDatabase extends Db {
  url: string;
  name: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh database cloned from the migrated template (CREATE DATABASE … TEMPLATE). */
export async function createTestDatabase(
  o: { timeZone?: string; name?: string } = {},
): Promise<TestDatabase> {
  const template = inject('templateDatabase');
  const pid = template.split('_')[2];
  const name = o.name ?? `shopfloor_t${randomBytes(4).toString('hex')}_${pid}_x`;
  await admin(async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(
          `create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(template)}`,
        );
        return;
      } catch (e) {
        // Another file cloning the template at the same instant: wait and retry.
        if ((e as { code?: string }).code !== '55006' || attempt > 50) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  const url = withDatabase(inject('pgAdminUrl'), name);
  // As the server runs: statements marked PREPARED are prepared once per connection.
  const db = createDb({
    url,
    timeZone: o.timeZone ?? 'Africa/Johannesburg',
    namedStatements: true,
  });
  return {
    ...db,
    url,
    name,
    drop: async () => {
      await db.close();
      await admin((c) =>
        c.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`),
      );
    },
  };
}

export function adminUrl(): string {
  return inject('pgAdminUrl');
}
