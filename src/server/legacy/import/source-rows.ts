import type Database from 'better-sqlite3';
import type { SourceSchema, SourceTable } from '../source/schema.js';
import type { LegacyValue } from '../values/index.js';
import { quoteIdent } from './copy.js';
import type { HasColumn, SourceJoin, SourceRow, SourceQuery, TableMapper } from './mapping.js';

/** Smallest int8: "before the first row". */
export const KEY_MIN = -(2n ** 63n);

/** How a source table is read in key order: its INTEGER PRIMARY KEY, else the rowid. */
export function keyColumnOf(table: SourceTable): string {
  const pks = table.columns.filter((c) => c.primaryKey);
  const pk = pks.length === 1 ? pks[0] : undefined;
  if (pk && /^\s*INTEGER\s*$/i.test(pk.declaredType)) return quoteIdent(pk.name);
  return 'rowid';
}

export interface ReadPlan {
  table: SourceTable;
  keyColumn: string;
  join: SourceJoin | null;
}

export function readPlanFor(table: SourceTable, mapper: TableMapper, has: HasColumn): ReadPlan {
  return { table, keyColumn: keyColumnOf(table), join: mapper.join?.(has) ?? null };
}

export function hasColumnIn(schema: SourceSchema): HasColumn {
  return (table, column) => {
    const t = schema.tables.find((x) => x.name === table);
    return t !== undefined && (column === undefined || t.columns.some((c) => c.name === column));
  };
}

function selectSql(p: ReadPlan, where: string): string {
  const t = quoteIdent(p.table.name);
  const join = p.join ? `, ${p.join.select} FROM ${t} t ${p.join.from}` : ` FROM ${t} t`;
  return `SELECT t.${p.keyColumn} AS __key, t.*${join} ${where} ORDER BY t.${p.keyColumn}`;
}

function toRow(p: ReadPlan, raw: Record<string, LegacyValue>): SourceRow {
  const values: Record<string, LegacyValue> = {};
  const joined: Record<string, LegacyValue> = {};
  for (const c of p.table.columns) values[c.name] = raw[c.name] ?? null;
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith('__') && k !== '__key') joined[k.slice(2)] = v;
  }
  return { key: BigInt(raw.__key as bigint), values, joined };
}

/** Rows after `afterKey` in key order, in batches (one statement, streamed with iterate()). */
export function* sourceBatches(
  db: Database.Database,
  p: ReadPlan,
  afterKey: bigint,
  batchSize: number,
): Generator<SourceRow[]> {
  const stmt = db.prepare(selectSql(p, `WHERE t.${p.keyColumn} > ?`)).safeIntegers(true);
  let batch: SourceRow[] = [];
  for (const raw of stmt.iterate(afterKey) as IterableIterator<Record<string, LegacyValue>>) {
    batch.push(toRow(p, raw));
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Rows with keys in [from, to], in key order. */
export function sourceRange(
  db: Database.Database,
  p: ReadPlan,
  from: bigint,
  to: bigint,
): SourceRow[] {
  const stmt = db
    .prepare(selectSql(p, `WHERE t.${p.keyColumn} BETWEEN ? AND ?`))
    .safeIntegers(true);
  return (stmt.all(from, to) as Record<string, LegacyValue>[]).map((r) => toRow(p, r));
}

export function countRows(db: Database.Database, table: string): number {
  const r = db
    .prepare(`SELECT count(*) AS n FROM ${quoteIdent(table)}`)
    .safeIntegers(true)
    .get() as {
    n: bigint;
  };
  return Number(r.n);
}

export function sourceQuery(db: Database.Database): SourceQuery {
  return (sql) =>
    db.prepare(sql).safeIntegers(true).iterate() as Iterable<Record<string, LegacyValue>>;
}
