import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SourceSchema, SourceTable } from '../source/schema.js';
import type { LegacyValue } from '../values/index.js';
import { quoteIdent } from './copy.js';
import { keepMemoryFlat } from './memory.js';
import { verbatimText } from './raw.js';
import type { HasColumn, SourceJoin, SourceRow, SourceQuery, TableMapper } from './mapping.js';

/** Smallest int8: "before the first row". */
export const KEY_MIN = -(2n ** 63n);
/** Largest int8: "after the last row". */
export const KEY_MAX = 2n ** 63n - 1n;

/**
 * How a source table is read in key order: its INTEGER PRIMARY KEY, else the rowid; a WITHOUT
 * ROWID table keyed otherwise has no integer key: null (see hashedKey).
 */
export function keyColumnOf(table: SourceTable): string | null {
  const pks = table.columns.filter((c) => c.primaryKey);
  const pk = pks.length === 1 ? pks[0] : undefined;
  if (pk && /^\s*INTEGER\s*$/i.test(pk.declaredType)) return quoteIdent(pk.name);
  return table.withoutRowid ? null : 'rowid';
}

export interface ReadPlan {
  table: SourceTable;
  /** null: a WITHOUT ROWID table, keyed by a 64-bit hash of its primary key. */
  keyColumn: string | null;
  join: SourceJoin | null;
}

export function readPlanFor(table: SourceTable, mapper: TableMapper, has: HasColumn): ReadPlan {
  return { table, keyColumn: keyColumnOf(table), join: mapper.join?.(has) ?? null };
}

/** The key of a row of a WITHOUT ROWID table: a signed 64-bit hash of its primary key values. */
function hashedKey(table: SourceTable, raw: Record<string, LegacyValue>): bigint {
  const pk = table.columns.filter((c) => c.primaryKey);
  const cols = pk.length > 0 ? pk : table.columns;
  const h = createHash('md5');
  for (const c of cols)
    h.update(`${c.name}\u001f${verbatimText(raw[c.name] ?? null) ?? '\u0001'}\u001e`);
  return h.digest().readBigInt64BE(0);
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
  if (p.keyColumn === null) return `SELECT NULL AS __key, t.*${join}`;
  return `SELECT t.${p.keyColumn} AS __key, t.*${join} ${where} ORDER BY t.${p.keyColumn}`;
}

function toRow(p: ReadPlan, raw: Record<string, LegacyValue>): SourceRow {
  const values: Record<string, LegacyValue> = {};
  const joined: Record<string, LegacyValue> = {};
  for (const c of p.table.columns) values[c.name] = raw[c.name] ?? null;
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith('__') && k !== '__key') joined[k.slice(2)] = v;
  }
  const key = p.keyColumn === null ? hashedKey(p.table, values) : BigInt(raw.__key as bigint);
  return { key, values, joined };
}

/** Rows after `afterKey` in key order, in batches (one statement, streamed with iterate()). */
export function* sourceBatches(
  db: Database.Database,
  p: ReadPlan,
  afterKey: bigint,
  batchSize: number,
): Generator<SourceRow[]> {
  let batch: SourceRow[] = [];
  for (const row of sourceRows(db, p, afterKey)) {
    batch.push(row);
    if (batch.length >= batchSize) {
      keepMemoryFlat();
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Rows after `afterKey` in key order, one by one (one statement, streamed with iterate()). */
export function* sourceRows(
  db: Database.Database,
  p: ReadPlan,
  afterKey: bigint,
): Generator<SourceRow> {
  if (p.keyColumn === null) {
    // WITHOUT ROWID tables (rare, small): read whole, in hashed-key order.
    const all = (
      db.prepare(selectSql(p, '')).safeIntegers(true).all() as Record<string, LegacyValue>[]
    )
      .map((r) => toRow(p, r))
      .filter((r) => r.key > afterKey)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    yield* all;
    return;
  }
  const stmt = rowStatement(db, p, '>');
  const place = placer(p, stmt);
  for (const raw of stmt.iterate(afterKey) as IterableIterator<LegacyValue[]>) yield place(raw);
}

/** Rows with keys in (lo, hi], in key order, as sourceRows reads them (an integer key). */
export function* sourceRowsBetween(
  db: Database.Database,
  p: ReadPlan,
  lo: bigint,
  hi: bigint,
): Generator<SourceRow> {
  const stmt = rowStatement(db, p, 'between');
  const place = placer(p, stmt);
  for (const raw of stmt.iterate(lo, hi) as IterableIterator<LegacyValue[]>) yield place(raw);
}

/**
 * The keys that cut a table (integer key) into chunks of `size` rows, in order: the last key of
 * each full chunk. The rows after the last one (fewer than `size`) make the final chunk.
 */
export function* chunkEnds(db: Database.Database, p: ReadPlan, size: number): Generator<bigint> {
  const k = `t.${p.keyColumn}`;
  const next = db
    .prepare(
      `SELECT ${k} FROM ${quoteIdent(p.table.name)} t WHERE ${k} > ? ORDER BY ${k} LIMIT 1 OFFSET ?`,
    )
    .safeIntegers(true)
    .pluck(true);
  let lo = KEY_MIN;
  for (;;) {
    const end = next.get(lo, size - 1) as bigint | undefined;
    if (end === undefined) return;
    yield end;
    lo = end;
  }
}

/** Reads one row again by its key, as sourceRows read it (a table with an integer key). */
export function sourceRowByKey(db: Database.Database, p: ReadPlan): (key: bigint) => SourceRow {
  let read: { stmt: Database.Statement; place: (raw: LegacyValue[]) => SourceRow } | null = null;
  return (key) => {
    if (!read) {
      // Prepared at the first use: an import needs it only for a row PostgreSQL refuses, a sync
      // for the rows that changed.
      const stmt = rowStatement(db, p, '=');
      read = { stmt, place: placer(p, stmt) };
    }
    const { stmt, place } = read;
    const raw = stmt.get(key) as LegacyValue[] | undefined;
    if (!raw) throw new Error(`${p.table.name}: no row ${key} in the snapshot`);
    return place(raw);
  };
}

/** The row query after a key ('>'), at a key ('='), or in a range (lo, hi] ('between'). */
function rowStatement(db: Database.Database, p: ReadPlan, op: '>' | '=' | 'between') {
  const k = `t.${p.keyColumn}`;
  const where = op === 'between' ? `WHERE ${k} > ? AND ${k} <= ?` : `WHERE ${k} ${op} ?`;
  return db.prepare(selectSql(p, where)).safeIntegers(true).raw(true);
}

/** Rows as arrays (a third cheaper than objects), placed by the statement's column positions. */
function placer(p: ReadPlan, stmt: Database.Statement): (raw: LegacyValue[]) => SourceRow {
  const names = stmt.columns().map((c) => c.name);
  const own = p.table.columns.map((c) => [c.name, names.indexOf(c.name)] as const);
  const extra = names.flatMap((n, i) =>
    n.startsWith('__') && n !== '__key' ? [[n.slice(2), i] as const] : [],
  );
  return (raw) => {
    const values: Record<string, LegacyValue> = {};
    for (const [name, i] of own) values[name] = i < 0 ? null : (raw[i] ?? null);
    const joined: Record<string, LegacyValue> = {};
    for (const [name, i] of extra) joined[name] = raw[i] ?? null;
    return { key: BigInt(raw[0] as bigint), values, joined };
  };
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
