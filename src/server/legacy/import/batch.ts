import type pg from 'pg';
import { chunked, copyRows, copyText, type CopyColumn } from './copy.js';
import { rowMapLine, withDirect, type DirectRows, type DirectTarget } from './direct.js';
import type { PreparedBatch } from './read-batches.js';
import { resolveEnsures } from './ensure.js';
import type { Change, Lane, MapContext, Prepared, SourceRow, TableMapper } from './mapping.js';
import { escapeCopy, type PgValue } from './pg-text.js';
import { rawJson, rowHash } from './raw.js';
import { fetchRefs } from './refs.js';
import { advanceCheckpoint, zeroCounts, type Counts } from './runs.js';
import { settle, type Outcome } from './settle.js';
import { copyIsolated, valueRows } from './isolate.js';
import type { SideTable } from './side-table.js';

export interface BatchTable {
  mapper: TableMapper;
  side: SideTable | null;
  ctx: MapContext;
  runId: number;
  /** Ids reserved for legacy rows per target table (see idFloors). */
  floors: ReadonlyMap<string, number>;
  /** Told of every row that ends up quarantined (the rules cascade to its children). */
  onQuarantined?: (key: bigint) => void;
  /** The import's short way for plain rows (lanes/); the rules decide the rest. */
  lane?: Lane | null;
  /** Lane rows written straight to COPY text (import only; see direct.ts). */
  direct?: DirectTarget | null;
  /** A source row read again by its key (a row PostgreSQL refused after it was written out). */
  reread?: (key: bigint) => SourceRow;
}

export interface Settled {
  outcomes: Outcome[];
  /** legacy_row_map.row_hash of each row. */
  hashes: bigint[];
}

export function prepareRow(mapper: TableMapper, row: SourceRow, ctx: MapContext): Prepared {
  try {
    return mapper.prepare(row, ctx);
  } catch (e) {
    return { kind: 'quarantine', reason: `could not be read: ${(e as Error).message}` };
  }
}

export function laneRow(lane: Lane, row: SourceRow): ReturnType<Lane> {
  try {
    return lane(row);
  } catch {
    return null; // the rules decide it, and say why when it cannot be read
  }
}

/** Maps a source row: its table's lane when the row is plain, else the rules. */
export function prepareOne(t: BatchTable, row: SourceRow): Prepared {
  return (t.lane && laneRow(t.lane, row)) || prepareRow(t.mapper, row, t.ctx);
}

/** Maps a batch of source rows (prepareOne), once per row in order. */
function prepareRows(t: BatchTable, rows: readonly SourceRow[]): Prepared[] {
  return rows.map((r) => prepareOne(t, r));
}

/** Maps a batch of source rows (prepareRows) and hashes them. */
export function prepareBatch(
  t: BatchTable,
  rows: readonly SourceRow[],
): { prepared: Prepared[]; hashes: bigint[] } {
  const prepared = prepareRows(t, rows);
  const hashes = rows.map((r, i) => rowHash(r.values, r.joined, prepared[i]!.digest));
  return { prepared, hashes };
}

/** Checks prepared rows' references in PostgreSQL and settles them (inside a transaction). */
export async function settlePrepared(
  client: pg.ClientBase,
  t: BatchTable,
  prepared: readonly Prepared[],
  o: { create: boolean },
): Promise<Outcome[]> {
  const drafts = prepared.flatMap((p) => (p.kind === 'draft' ? [p.draft] : []));
  // In row order: reference rows created by the batch get their ids in the order rows name them.
  const ensures = prepared.flatMap((p) => {
    if (p.kind === 'ready') return p.ensures ?? [];
    if (p.kind === 'quarantine') return [];
    return p.draft.self ? [...p.draft.ensures, p.draft.self] : p.draft.ensures;
  });
  const ens = await resolveEnsures(client, ensures, {
    create: o.create,
    epoch: t.ctx.epoch,
    floors: t.floors,
  });
  if (t.direct) {
    for (const [key, id] of ens.ids) if (id !== null) t.direct.known.set(key, id);
  }
  const refRows = await fetchRefs(
    client,
    drafts.flatMap((d) => d.refs),
  );
  const claimed = new Set<string>();
  const firstUse = (key: string) => !claimed.has(key) && claimed.add(key) !== undefined;
  return prepared.map((p) => settle(t.mapper, p, ens, refRows, t.ctx, firstUse));
}

/**
 * Maps, checks and settles a batch of source rows (inside the caller's transaction), without
 * their row hashes (verify compares what PostgreSQL holds, not the row map's hashes).
 */
export async function settleBatch(
  client: pg.ClientBase,
  t: BatchTable,
  rows: readonly SourceRow[],
  o: { create: boolean },
): Promise<Outcome[]> {
  return settlePrepared(client, t, prepareRows(t, rows), o);
}

/**
 * One batch of an import, in one transaction with its checkpoint: target rows (COPY; rows the
 * database refuses are isolated and quarantined with its reason), the legacy.<table> copies of
 * columns with no home, the row map, the quarantine records, and the table's new position.
 */
export async function importBatch(
  client: pg.ClientBase,
  t: BatchTable,
  batch: PreparedBatch,
): Promise<Counts> {
  const counts = zeroCounts();
  await client.query('BEGIN');
  try {
    const outcomes = await settlePrepared(client, t, batch.prepared, { create: true });
    const settled = { outcomes, hashes: batch.hashes };
    await insertOutcomes(client, t, batch.rows, settled, counts, batch.direct);
    await advanceCheckpoint(client, t.runId, t.mapper.source, {
      lastKey: batch.lastKey,
      done: false,
      add: counts,
    });
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return counts;
}

/** Writes settled rows that are new to PostgreSQL (import, and sync's new rows). */
export async function insertOutcomes(
  client: pg.ClientBase,
  t: BatchTable,
  rows: readonly SourceRow[],
  { outcomes, hashes }: Settled,
  counts: Counts,
  direct: DirectRows | null = null,
): Promise<void> {
  const { mapper } = t;
  const d = direct?.count ?? 0;
  const refusedDirect = new Map<number, string>();
  if (mapper.target) {
    const inserts = outcomes.flatMap((o, i) => (o.kind === 'insert' ? [i] : []));
    const values = inserts.map((i) => (outcomes[i] as Extract<Outcome, { kind: 'insert' }>).values);
    const refused = await copyIsolated(
      client,
      mapper.target,
      withDirect(direct, valueRows(mapper.target, values)),
    );
    for (const [n, reason] of refused) {
      if (n < d) refusedDirect.set(n, reason);
      else outcomes[inserts[n - d]!] = refusedByPostgres(reason);
    }
  }
  if (t.side) {
    const { side } = t;
    const sideRows = rows.flatMap((r, i) =>
      outcomes[i]!.kind === 'quarantine' ? [] : [side.line(r)],
    );
    const pieces = [...(direct?.linesBut(direct.side, refusedDirect) ?? []), ...chunked(sideRows)];
    await copyText(client, side.qualified, side.copyColumns, pieces);
  }
  // Row map lines written directly (one per source row: the commonest COPY of an import).
  const source = escapeCopy(mapper.source);
  const mapLines: string[] = [];
  const records: PgValue[][] = [];
  const account = (r: SourceRow, o: Outcome, hash: bigint) => {
    counts.sourceRows++;
    const target = targetOf(t, r, o);
    const to = target ? { table: escapeCopy(target.table), id: target.id } : null;
    mapLines.push(rowMapLine(source, r.key, to, hash));
    if (o.kind === 'quarantine') {
      counts.quarantined++;
      t.onQuarantined?.(r.key);
    } else counts.imported++;
    if (o.kind !== 'quarantine') counts.inserted++;
    const record = recordOf(t, r, o);
    if (record) {
      records.push(record);
      if (record[4] === 'imported_merged') counts.merged++;
      else if (record[4] !== 'quarantined') counts.cleared++;
    }
  };
  if (direct) {
    counts.sourceRows += d - refusedDirect.size;
    counts.imported += d - refusedDirect.size;
    counts.inserted += d - refusedDirect.size;
    for (const [i, reason] of refusedDirect) {
      if (!t.reread) throw new Error(`${mapper.source}: a refused row cannot be read again`);
      const row = t.reread(direct.key(i));
      account(row, refusedByPostgres(reason), direct.hash(i));
    }
  }
  rows.forEach((r, i) => account(r, outcomes[i]!, hashes[i]!));
  const mapPieces = [...(direct?.linesBut(direct.map, refusedDirect) ?? []), ...chunked(mapLines)];
  await copyText(client, 'legacy_row_map', ROW_MAP_COLUMNS, mapPieces);
  if (records.length > 0) {
    await copyRows(client, 'legacy_quarantine', QUARANTINE_COLUMNS, records);
  }
}

/** The outcome of a row PostgreSQL refused (its reason as the database gave it). */
export function refusedByPostgres(reason: string): Extract<Outcome, { kind: 'quarantine' }> {
  return { kind: 'quarantine', reason: `refused by PostgreSQL: ${reason}` };
}

export const ROW_MAP_COLUMNS: CopyColumn[] = [
  { name: 'source_table', type: 'text' },
  { name: 'source_key', type: 'bigint' },
  { name: 'target_table', type: 'text' },
  { name: 'target_id', type: 'bigint' },
  { name: 'row_hash', type: 'bigint' },
];

export const QUARANTINE_COLUMNS: CopyColumn[] = [
  { name: 'source_table', type: 'text' },
  { name: 'source_key', type: 'text' },
  { name: 'raw', type: 'jsonb' },
  { name: 'reason', type: 'text' },
  { name: 'action', type: 'text' },
  { name: 'cleared_columns', type: 'text[]' },
  { name: 'target_table', type: 'text' },
  { name: 'target_id', type: 'bigint' },
  { name: 'run_id', type: 'int' },
];

export function targetOf(
  t: BatchTable,
  r: SourceRow,
  o: Outcome,
): { table: string; id: bigint | number } | null {
  switch (o.kind) {
    case 'insert':
      return { table: t.mapper.target!.table, id: o.id };
    case 'self':
      return { table: t.mapper.target!.table, id: o.id };
    case 'copy':
      return { table: t.side!.qualifiedName, id: r.key };
    case 'quarantine':
      return null;
  }
}

/** The legacy_quarantine record of a row, when it needs one. */
export function recordOf(t: BatchTable, r: SourceRow, o: Outcome): PgValue[] | null {
  const base = (reason: string, action: string, changes: Change[], target: string | null) => [
    t.mapper.source,
    r.key.toString(),
    rawJson(r.values),
    reason,
    action,
    [...new Set(changes.map((c) => c.column))],
    target,
    null as PgValue,
    t.runId,
  ];
  if (o.kind === 'quarantine') return base(o.reason, 'quarantined', [], null);
  if (o.kind === 'copy') return null;
  const table = t.mapper.target!.table;
  let rec: PgValue[] | null = null;
  if (o.kind === 'self' && !o.created) {
    rec = base('duplicate: merged into the first row with this code', 'imported_merged', [], table);
  } else if (o.changes.length > 0) {
    const action = o.changes.some((c) => c.cleared)
      ? 'imported_with_cleared_reference'
      : 'imported_with_changed_value';
    rec = base(o.changes.map((c) => `${c.column}: ${c.note}`).join('; '), action, o.changes, table);
  }
  if (rec) rec[7] = o.kind === 'insert' || o.kind === 'self' ? o.id : null;
  return rec;
}
