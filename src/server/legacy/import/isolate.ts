import pg from 'pg';
import { copyRows } from './copy.js';
import type { PgValue } from './pg-text.js';
import type { TargetDef } from './targets.js';

/**
 * COPYs rows into a target table; when PostgreSQL refuses the batch (a constraint no rule
 * foresaw), bisects it under savepoints until every refused row is isolated, and returns those
 * rows' indexes with the database's reason. The rows it accepts are written; nothing is dropped.
 */
export async function copyIsolated(
  client: pg.ClientBase,
  target: TargetDef,
  rows: readonly (readonly PgValue[])[],
): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  if (rows.length === 0) return refused;
  const attempt = async (from: number, to: number): Promise<void> => {
    await client.query('SAVEPOINT legacy_copy');
    try {
      await copyRows(client, target.table, target.columns, rows.slice(from, to));
      await client.query('RELEASE SAVEPOINT legacy_copy');
      return;
    } catch (e) {
      if (!(e instanceof pg.DatabaseError)) throw e;
      await client.query('ROLLBACK TO SAVEPOINT legacy_copy');
      await client.query('RELEASE SAVEPOINT legacy_copy');
      if (to - from === 1) {
        refused.set(from, describe(e));
        return;
      }
    }
    const mid = from + Math.ceil((to - from) / 2);
    await attempt(from, mid);
    await attempt(mid, to);
  };
  await attempt(0, rows.length);
  return refused;
}

function describe(e: pg.DatabaseError): string {
  const message = e.message.split('\n')[0] ?? e.message;
  return e.constraint ? `${message} (constraint ${e.constraint})` : message;
}
