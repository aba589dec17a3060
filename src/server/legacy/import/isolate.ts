import pg from 'pg';
import { chunked, copyText, encodeLine } from './copy.js';
import type { PgValue } from './pg-text.js';
import type { TargetDef } from './targets.js';

/** Rows of COPY text for one target, any run of which can be written again on its own. */
export interface CopySource {
  count: number;
  /** The COPY text of rows [from, to), in pieces. */
  pieces(from: number, to: number): Iterable<string | Buffer>;
}

/** Rows given as values, in the target's column order, encoded once. */
export function valueRows(target: TargetDef, rows: readonly (readonly PgValue[])[]): CopySource {
  const lines = rows.map((r) => encodeLine(target.columns, r));
  return { count: lines.length, pieces: (from, to) => chunked(lines.slice(from, to)) };
}

/**
 * COPYs rows into a target table; when PostgreSQL refuses the batch (a constraint no rule
 * foresaw), bisects it under savepoints until every refused row is isolated, and returns those
 * rows' indexes with the database's reason. The rows it accepts are written; nothing is dropped.
 */
export async function copyIsolated(
  client: pg.ClientBase,
  target: TargetDef,
  rows: CopySource,
): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  if (rows.count === 0) return refused;
  const attempt = async (from: number, to: number): Promise<void> => {
    await client.query('SAVEPOINT legacy_copy');
    try {
      await copyText(client, target.table, target.columns, rows.pieces(from, to));
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
  await attempt(0, rows.count);
  return refused;
}

function describe(e: pg.DatabaseError): string {
  const message = e.message.split('\n')[0] ?? e.message;
  return e.constraint ? `${message} (constraint ${e.constraint})` : message;
}
