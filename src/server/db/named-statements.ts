import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type pg from 'pg';

/**
 * Appended to a query (`.modifyEnd(PREPARED)`) that the server runs on every request with the same
 * shape and only ids as parameters (the session lookup, an order by id, its timeline): such a
 * statement is prepared once per connection and, after a few runs, PostgreSQL keeps a generic
 * plan, instead of parsing and planning it on every request (the bind step was ~1 ms of each
 * ~1.2 ms query in the order detail's profile).
 *
 * Only for such queries: a generic plan does not see the parameters' values, so a filtered or
 * searched list (`ILIKE $1`, `status IN ($1)` against a partial index) would get a plan that is
 * cheap on average and slow for the values asked (measured: the order search went from 8 ms to
 * 80 ms). Unmarked statements are planned for their values every time, as before.
 */
export const PREPARED = sql.raw('/* prepared */');
const MARK = '/* prepared */';

/** Distinct marked statement texts that get a name; a bound on prepared statements per connection. */
export const NAMED_STATEMENT_CAP = 500;

/** Runs the statements marked PREPARED as named (prepared) statements on the pool's connections. */
export function nameStatements(pool: pg.Pool, cap = NAMED_STATEMENT_CAP): void {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    if (!text.endsWith(MARK)) return undefined; // most statements: no map lookup of their text
    let name = names.get(text);
    if (name === undefined && names.size < cap) {
      name = `sf_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
      names.set(text, name);
    }
    return name;
  };
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (first: unknown, ...rest: unknown[]) => {
      const values = rest[0];
      if (typeof first === 'string' && Array.isArray(values)) {
        const name = nameOf(first);
        if (name) return query({ name, text: first, values }, ...rest.slice(1));
      }
      return query(first, ...rest);
    };
  });
}
