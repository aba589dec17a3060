/**
 * Reading a table's rows in rowid order, whole (profile) or in keyset batches (importer: resume
 * after the last committed rowid; the connection is free between batches).
 */
import { q } from '../catalog/sql.js';
import type { LegacySource } from './open.js';
import type { SourceTable } from './schema.js';

export const ROWID = '__rowid';

export interface RowQueryOptions {
  /** Extra select expressions over the row (alias t), e.g. reference checks: "EXISTS(…) AS x". */
  extra?: readonly string[];
  /** A condition over the row (alias t) that rows must meet. */
  where?: string;
}

/** SELECT of the table's rows (alias t) in rowid order, with `__rowid` and the extras. */
export function rowsSql(table: SourceTable, o: RowQueryOptions & { batched?: boolean } = {}) {
  const extra = (o.extra ?? []).map((e) => `, ${e}`).join('');
  if (table.withoutRowid) {
    const pk = table.columns.filter((c) => c.primaryKey).map((c) => `t.${q(c.name)}`);
    const order = pk.length > 0 ? ` ORDER BY ${pk.join(', ')}` : '';
    return `SELECT NULL AS ${ROWID}, t.*${extra} FROM ${q(table.name)} AS t${order}`;
  }
  const conditions = [...(o.batched ? ['t.rowid > ?'] : []), ...(o.where ? [`(${o.where})`] : [])];
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  const limit = o.batched ? ' LIMIT ?' : '';
  return `SELECT t.rowid AS ${ROWID}, t.*${extra} FROM ${q(table.name)} AS t${where} ORDER BY t.rowid${limit}`;
}

/**
 * All rows of the table, streamed (raw arrays turned into objects here: faster than letting the
 * driver build each object).
 */
export function* iterateRows(
  source: LegacySource,
  table: SourceTable,
  o: RowQueryOptions = {},
): Generator<Record<string, unknown>> {
  const stmt = source.db.prepare(rowsSql(table, o)).raw(true);
  const names = stmt.columns().map((c) => c.name);
  for (const values of stmt.iterate() as IterableIterator<unknown[]>) {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i] as string] = values[i];
    yield row;
  }
}

/**
 * One batch of at most `limit` rows after rowid `after` (-1n or earlier for the start). The
 * last row's `__rowid` is where the next batch starts. Not for WITHOUT ROWID tables.
 */
export function readBatch(
  source: LegacySource,
  table: SourceTable,
  after: bigint,
  limit: number,
  o: RowQueryOptions = {},
): Record<string, unknown>[] {
  if (table.withoutRowid) throw new Error(`${table.name} has no rowid: read it with iterateRows`);
  return source.all(rowsSql(table, { ...o, batched: true }), after, limit);
}
