import type pg from 'pg';
import { quoteIdent } from './copy.js';
import { LegacyFailure } from './errors.js';
import { DOMAIN_TABLES, TARGETS } from './targets.js';

export class LegacyTargetNotEmptyError extends LegacyFailure {}

/**
 * A first import goes into a database with no domain data (only what migrations create: plant
 * settings, shift pattern). Demo data or a plant already in use would mix with the legacy ids.
 */
export async function assertEmptyTarget(client: pg.ClientBase): Promise<void> {
  const used: string[] = [];
  for (const table of DOMAIN_TABLES) {
    const r = await client.query<{ n: boolean }>(
      `select exists (select 1 from ${quoteIdent(table)}) as n`,
    );
    if (r.rows[0]?.n) used.push(table);
  }
  if (used.length > 0) {
    throw new LegacyTargetNotEmptyError(
      `The database already holds data (${used.join(', ')}); the legacy import goes into an ` +
        'empty, migrated database (no demo seed): point DATABASE_URL at a new database and run ' +
        '`shopfloor db migrate` first',
    );
  }
}

/** Identity sequences past the highest id of every target table (never moved backwards). */
export async function resetSequences(client: pg.ClientBase): Promise<void> {
  for (const t of Object.values(TARGETS)) {
    const seq = await client.query<{ s: string | null }>(
      `select pg_get_serial_sequence($1, 'id') as s`,
      [t.table],
    );
    const name = seq.rows[0]?.s;
    if (!name) continue;
    await client.query(
      `select setval($1::regclass, m)
       from (select max(id) as m from ${quoteIdent(t.table)}) x
       where m is not null
         and m >= (select last_value + case when is_called then 1 else 0 end from ${name})`,
      [name],
    );
  }
}

/** Constraints PostgreSQL has not validated (NOT VALID): must be none. */
export async function unvalidatedConstraints(client: pg.ClientBase): Promise<string[]> {
  const r = await client.query<{ c: string }>(
    `select conrelid::regclass::text || '.' || conname as c from pg_constraint
     where not convalidated and connamespace = 'public'::regnamespace order by 1`,
  );
  return r.rows.map((x) => x.c);
}

/** Runs `fn` in a transaction on the client (rolled back when it throws). */
export async function inTransaction<T>(client: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const out = await fn();
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
