import { createHash } from 'node:crypto';
import type pg from 'pg';
import { recordOf, settleBatch } from '../import/batch.js';
import type { LegacyFile } from '../import/importer.js';
import type { SourceRow } from '../import/mapping.js';
import { ROW_SEP } from '../import/pg-text.js';
import type { Progress } from '../import/progress.js';
import { acquireLegacyLock, releaseLegacyLock } from '../import/runs.js';
import { openMappingSession, type SessionTable } from '../import/session.js';
import { countRows, KEY_MAX, KEY_MIN, sourceBatches } from '../import/source-rows.js';
import {
  actualCanonSql,
  expectedCanon,
  type CanonicalShape,
  type ExpectedRow,
} from './canonical.js';
import { describeDifference, type Difference } from './differences.js';

/** Ranges this small (in expected and actual rows) are compared row by row. */
const LEAF = 16;

export interface VerifyTableResult {
  table: string;
  sourceRows: number;
  differences: number;
}

export interface VerifyResult {
  ok: boolean;
  differences: number;
  tables: VerifyTableResult[];
  /** The first differences found (all of them up to `limit`). */
  shown: Difference[];
}

/**
 * Verifies the import: for every source row, the canonical form it should have in PostgreSQL
 * (the import's own mapping of the file as it is now) against what is there, table by table in
 * key order: checksums of chunks of rows, bisected down to the rows that differ, which are then
 * compared column by column. Streams the file; reads PostgreSQL range by range.
 */
export async function verifyLegacy(
  client: pg.ClientBase,
  source: LegacyFile,
  o: {
    chunkSize: number;
    progress: Progress;
    limit: number;
    /** A second connection, for PostgreSQL's checksums while the rules map the rows. */
    connect?: () => Promise<pg.PoolClient>;
  },
): Promise<VerifyResult> {
  await acquireLegacyLock(client);
  let second: pg.PoolClient | null = null;
  try {
    second = o.connect ? await o.connect() : null;
    const session = await openMappingSession(client, source, 0, { digests: false });
    const result: VerifyResult = { ok: true, differences: 0, tables: [], shown: [] };
    const report = (d: Difference) => {
      result.differences++;
      if (result.shown.length < o.limit) result.shown.push(d);
    };
    for (const t of session.tables) {
      const before = result.differences;
      const total = countRows(source.db, t.table.name);
      o.progress.start(t.table.name, total, 0);
      await verifyTable({ client, sums: second ?? client }, source, t, o.chunkSize, report, (n) =>
        o.progress.advance(t.table.name, n),
      );
      const found = result.differences - before;
      result.tables.push({ table: t.table.name, sourceRows: total, differences: found });
      o.progress.end(t.table.name, found === 0 ? 'no differences' : `${found} differences`);
    }
    result.ok = result.differences === 0;
    return result;
  } finally {
    second?.release();
    await releaseLegacyLock(client).catch(() => undefined);
  }
}

async function verifyTable(
  { client, sums }: { client: pg.ClientBase; sums: pg.ClientBase },
  source: LegacyFile,
  t: SessionTable,
  chunkSize: number,
  report: (d: Difference) => void,
  advance: (n: number) => void,
): Promise<void> {
  const shape: CanonicalShape = {
    mapper: t.mapper,
    side: t.batch.side,
    self: t.mapper.self === true,
  };
  if (t.batch.side && !(await sideTableMatches(client, t))) {
    report({
      table: t.table.name,
      key: null,
      column: t.batch.side.qualifiedName,
      expected: 'the table with every column',
      actual: 'missing or without some columns (run sync)',
    });
    return;
  }
  const sql = actualCanonSql(shape);
  const seen = new Set<string>();
  let lo = KEY_MIN;
  let done = 0;
  const check = async (rows: SourceRow[], hi: bigint) => {
    // PostgreSQL sums the range up (on its own connection) while the rules map the file's rows.
    const actual = actualChecksum(sums, sql, t.mapper.source, lo, hi);
    actual.catch(() => undefined); // awaited below; never an unhandled rejection
    const expected = await expectedRows(client, t, shape, rows, seen);
    await compareRange(client, t, sql, lo, hi, expected, report, await actual);
    if (t.parent) await noteQuarantinedParents(client, t, lo, hi);
    lo = hi;
  };
  for (const rows of sourceBatches(source.db, t.plan, KEY_MIN, chunkSize)) {
    await check(rows, rows[rows.length - 1]!.key);
    done += rows.length;
    advance(done);
  }
  await check([], KEY_MAX);
}

async function expectedRows(
  client: pg.ClientBase,
  t: SessionTable,
  shape: CanonicalShape,
  rows: SourceRow[],
  seen: Set<string>,
): Promise<ExpectedRow[]> {
  if (rows.length === 0) return [];
  const outcomes = await settleBatch(client, t.batch, rows, { create: false });
  return rows.map((r, i) => {
    let o = outcomes[i]!;
    if (o.kind === 'self') {
      o = { ...o, created: !seen.has(o.ref) };
      seen.add(o.ref);
    }
    return { key: r.key, canon: expectedCanon(shape, r, o, recordOf(t.batch, r, o)) };
  });
}

/** Rows of a parent table that PostgreSQL holds in quarantine: their children follow. */
async function noteQuarantinedParents(
  client: pg.ClientBase,
  t: SessionTable,
  lo: bigint,
  hi: bigint,
) {
  const r = await client.query<{ k: string }>(
    `select source_key::text as k from legacy_row_map
     where source_table = $1 and source_key > $2 and source_key <= $3 and target_table is null`,
    [t.mapper.source, lo.toString(), hi.toString()],
  );
  for (const { k } of r.rows) t.batch.onQuarantined?.(BigInt(k));
}

async function sideTableMatches(client: pg.ClientBase, t: SessionTable): Promise<boolean> {
  const side = t.batch.side!;
  const r = await client.query<{ c: string }>(
    `select column_name as c from information_schema.columns where table_schema = 'legacy' and table_name = $1`,
    [t.mapper.source],
  );
  const have = new Set(r.rows.map((x) => x.c));
  return side.columns.every((c) => have.has(c));
}

function checksum(rows: readonly { key: bigint | string; canon: string }[]): string {
  if (rows.length === 0) return '';
  return createHash('md5')
    .update(rows.map((r) => `${r.key}:${r.canon}`).join(ROW_SEP))
    .digest('hex');
}

async function actualChecksum(
  client: pg.ClientBase,
  sql: string,
  table: string,
  lo: bigint,
  hi: bigint,
): Promise<{ count: number; hash: string }> {
  const r = await client.query<{ n: string; h: string }>(
    `select count(*)::text as n, coalesce(md5(string_agg(k || ':' || canon, E'\\x1e' order by k::bigint)), '') as h
     from (${sql}) x`,
    [table, lo.toString(), hi.toString()],
  );
  return { count: Number(r.rows[0]!.n), hash: r.rows[0]!.h };
}

/** Compares (lo, hi]: checksums first, then halves, then rows. */
async function compareRange(
  client: pg.ClientBase,
  t: SessionTable,
  sql: string,
  lo: bigint,
  hi: bigint,
  expected: ExpectedRow[],
  report: (d: Difference) => void,
  known?: { count: number; hash: string },
): Promise<void> {
  const table = t.mapper.source;
  const actual = known ?? (await actualChecksum(client, sql, table, lo, hi));
  if (actual.count === expected.length && actual.hash === checksum(expected)) return;
  if (expected.length <= LEAF && actual.count <= LEAF * 4) {
    const rows = await client.query<{ k: string; canon: string }>(`${sql} order by m.source_key`, [
      table,
      lo.toString(),
      hi.toString(),
    ]);
    const got = new Map(rows.rows.map((r) => [r.k, r.canon]));
    for (const e of expected) {
      const a = got.get(e.key.toString());
      got.delete(e.key.toString());
      for (const d of describeDifference(t, e.key, e.canon, a ?? null)) report(d);
    }
    for (const [k, a] of got) for (const d of describeDifference(t, BigInt(k), null, a)) report(d);
    return;
  }
  const mid =
    expected.length > LEAF
      ? expected[Math.floor(expected.length / 2) - 1]!.key
      : lo + (hi - lo) / 2n;
  await compareRange(
    client,
    t,
    sql,
    lo,
    mid,
    expected.filter((e) => e.key <= mid),
    report,
  );
  await compareRange(
    client,
    t,
    sql,
    mid,
    hi,
    expected.filter((e) => e.key > mid),
    report,
  );
}
