import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { createPool } from './connection.js';
import { nameStatements, PREPARED } from './named-statements.js';

/** Statements marked PREPARED become prepared statements of the connection; nothing else does. */
describe('named statements', () => {
  let t: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    t = await createTestDatabase();
    pool = createPool({ url: t.url, timeZone: 'Africa/Johannesburg', max: 1 });
    nameStatements(pool, 2);
  });
  afterAll(async () => {
    await pool.end();
    await t.drop();
  });

  const prepared = async () =>
    (await pool.query<{ statement: string }>('select statement from pg_prepared_statements')).rows
      .map((r) => r.statement)
      .sort();

  it('prepares a marked statement once and reuses it with other parameters', async () => {
    const q = (n: number) =>
      sql<{ n: number }>`select ${n}::int + 1 as n ${PREPARED}`.compile(t.db);
    for (const n of [1, 2, 3, 4, 5, 6, 7]) {
      const c = q(n);
      const r = await pool.query<{ n: number }>(c.sql, [...c.parameters]);
      expect(r.rows[0]!.n).toBe(n + 1);
    }
    expect(await prepared()).toEqual([q(1).sql]);
  });

  it('leaves unmarked statements unnamed (planned for their values each time)', async () => {
    const before = await prepared();
    await pool.query('select $1::text ilike $2 as hit', ['ORD-1', '%ord%']);
    expect(await prepared()).toEqual(before);
  });

  it('stops naming past its cap, and the statements still run', async () => {
    for (const k of ['a', 'b', 'c']) {
      const r = await pool.query<{ k: string }>(
        `select $1::text as k, '${k}' as tag /* prepared */`,
        [k],
      );
      expect(r.rows[0]!.k).toBe(k);
    }
    expect(await prepared()).toHaveLength(2);
  });

  it('reports a failing prepared statement as an ordinary error; the connection reuses it', async () => {
    // As Kysely uses the pool: a checked-out connection, kept across statements.
    const own = createPool({ url: t.url, timeZone: 'Africa/Johannesburg', max: 1 });
    nameStatements(own);
    const client = await own.connect();
    try {
      const q = (n: number) => sql`select 6 / ${n}::int as x ${PREPARED}`.compile(t.db);
      const run = (n: number) => client.query(q(n).sql, [...q(n).parameters]);
      await expect(run(0)).rejects.toMatchObject({ code: '22012' });
      expect((await run(3)).rows[0]).toEqual({ x: 2 });
      const names = await client.query('select statement from pg_prepared_statements');
      expect(names.rows).toEqual([{ statement: q(0).sql }]);
    } finally {
      client.release();
      await own.end();
    }
  });
});
