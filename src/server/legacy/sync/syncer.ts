import type pg from 'pg';
import { insertOutcomes, prepareBatch, settlePrepared, type BatchTable } from '../import/batch.js';
import type { LegacyFile } from '../import/importer.js';
import { laneFor } from '../import/lanes/index.js';
import type { SourceRow } from '../import/mapping.js';
import type { Progress } from '../import/progress.js';
import { buildReport, type ImportReport } from '../import/report.js';
import {
  abandonStaleSyncs,
  acquireLegacyLock,
  advanceCheckpoint,
  createRun,
  findImportRun,
  finishRun,
  releaseLegacyLock,
  zeroCounts,
  type Counts,
} from '../import/runs.js';
import { openMappingSession, type MappingSession, type SessionTable } from '../import/session.js';
import { ensureSideTable } from '../import/side-table.js';
import {
  countRows,
  KEY_MAX,
  KEY_MIN,
  sourceQuery,
  sourceRowByKey,
  sourceRows,
} from '../import/source-rows.js';
import { inTransaction, resetSequences } from '../import/target-state.js';
import { LegacyFailure } from '../import/errors.js';
import { applyChange, markDeleted } from './changes.js';
import { chunkDigests, diffChunk, type ChunkDiff, type ChunkDigest } from './digest.js';
import { DigestPool, defaultWorkerScript, keepDriverHeap, pooledDigests } from './digest-pool.js';
import { removePending } from './removals.js';

/** Worker threads hashing the file's rows (digest-pool.ts); `script`: the compiled worker. */
export interface SyncWorkers {
  count: number;
  script?: URL;
}

export interface SyncTableReport extends Counts {
  table: string;
  unchanged: number;
}

export interface SyncReport {
  ok: boolean;
  runId: number;
  /** Worker threads that read and hashed the file (0: this thread did). */
  workers: number;
  tables: SyncTableReport[];
  /** The import's accounting after the sync (source rows = imported + quarantined). */
  after: ImportReport;
}

/**
 * Brings PostgreSQL in line with the legacy file as it is now: rows new in the file are
 * imported, changed rows (raw values or the rules' decision) updated, rows gone from the file
 * removed (children first). Every row of the file is mapped and hashed (digest.ts); PostgreSQL
 * compares keys and hashes with legacy_row_map, and only the rows that differ are read again and
 * written. Each chunk commits with its checkpoint. A killed sync is simply run again: it
 * reconciles from wherever the last one stopped.
 */
export async function syncLegacy(
  client: pg.ClientBase,
  source: LegacyFile,
  o: { chunkSize: number; progress: Progress; workers?: SyncWorkers },
): Promise<SyncReport> {
  await acquireLegacyLock(client);
  let pool: DigestPool | null = null;
  try {
    const imported = await findImportRun(client);
    if (!imported || imported.status !== 'completed') {
      throw new LegacyFailure(
        imported
          ? 'The import into this database is not finished: run `shopfloor legacy import` again first'
          : 'This database has no legacy import: run `shopfloor legacy import` first',
      );
    }
    await abandonStaleSyncs(client);
    const run = await createRun(client, {
      kind: 'sync',
      sourcePath: source.file,
      planHash: imported.plan_hash,
      options: { chunkSize: o.chunkSize },
    });
    const session = await openMappingSession(client, source, run.id);
    pool = await startPool(source, session, o.workers, o.progress);
    const reports = new Map<string, SyncTableReport>();
    for (const t of session.tables) {
      const total = countRows(source.db, t.table.name);
      o.progress.start(t.table.name, total, 0);
      const r = await syncTable(client, source, session, t, run.id, o.chunkSize, pool, (n) =>
        o.progress.advance(t.table.name, n),
      );
      reports.set(t.table.name, r);
      o.progress.end(t.table.name, summary(r));
    }
    for (const t of [...session.tables].reverse()) {
      const r = reports.get(t.table.name)!;
      await removePending(client, t, r);
    }
    await resetSequences(client);
    const after = await buildReport(client, source, imported);
    const report: SyncReport = {
      ok: after.ok,
      runId: run.id,
      workers: pool?.size ?? 0,
      tables: [...reports.values()],
      after,
    };
    await finishRun(client, run.id, report.ok ? 'completed' : 'failed', report);
    return report;
  } finally {
    await pool?.close();
    await releaseLegacyLock(client).catch(() => undefined);
  }
}

/**
 * The worker pool, when asked for and possible: the snapshot is a shared backup copy (a read
 * transaction on the file itself cannot be shared), the worker is compiled, and it starts (else
 * this thread hashes, as it says). Once every worker has the copy open it leaves the disk.
 */
async function startPool(
  source: LegacyFile,
  session: MappingSession,
  workers: SyncWorkers | undefined,
  progress: Progress,
): Promise<DigestPool | null> {
  const script = workers?.script ?? defaultWorkerScript();
  const file = source.sharedPath;
  try {
    if (!workers || workers.count < 1 || !script || !file) return null;
    return await DigestPool.start(script, file, session.inputs, workers.count);
  } catch (e) {
    // Slower, not wrong: this thread hashes the file as it always can.
    progress.log(`Worker threads did not start (${(e as Error).message}): hashing in one thread`);
    return null;
  } finally {
    source.unshare();
  }
}

function summary(r: SyncTableReport): string {
  return `${r.inserted} new, ${r.updated} changed, ${r.quarantined} quarantined, ${r.unchanged} unchanged`;
}

async function syncTable(
  client: pg.ClientBase,
  source: LegacyFile,
  session: MappingSession,
  t: SessionTable,
  runId: number,
  chunkSize: number,
  pool: DigestPool | null,
  advance: (n: number) => void,
): Promise<SyncTableReport> {
  const report: SyncTableReport = { table: t.table.name, unchanged: 0, ...zeroCounts() };
  const side = t.batch.side;
  if (side) await inTransaction(client, () => ensureSideTable(client, side));
  t.mapper.start?.(sourceQuery(source.db), t.batch.ctx, session.has);
  // Rows are hashed the way the import hashed them: a plain row through its table's lane.
  const batch: BatchTable = { ...t.batch, lane: laneFor(t.table, session.actx, session.ctx) };
  // Rows are kept for their chunk when reading one again by key costs a pass over a table.
  const keep = t.plan.keyColumn === null || t.plan.join?.wholeTable === true;
  const reread = keep ? null : sourceRowByKey(source.db, t.plan);
  let lo = KEY_MIN;
  let done = 0;
  const chunk = async (digest: ChunkDigest | null, hi: bigint) => {
    const counts = zeroCounts();
    const read = (key: bigint) => digest?.kept?.get(key) ?? reread!(key);
    await inTransaction(client, async () => {
      const diff = await diffChunk(client, t.mapper.source, digest, lo, hi);
      report.unchanged += await syncChunk(client, batch, digest, diff, read, counts);
      await advanceCheckpoint(client, runId, t.mapper.source, {
        lastKey: hi === KEY_MAX ? null : hi,
        done: hi === KEY_MAX,
        add: counts,
      });
    });
    for (const k of Object.keys(counts) as (keyof Counts)[]) report[k] += counts[k];
    lo = hi;
    done += digest?.count ?? 0;
    advance(done);
  };
  // While PostgreSQL compares and applies one chunk, the next ones are read and hashed.
  let pending: Promise<void> | null = null;
  for await (const { digest, hi } of digests(source, session, t, batch, chunkSize, keep, pool)) {
    await pending;
    pending = chunk(digest, hi);
    pending.catch(() => undefined); // awaited next turn; never an unhandled rejection
  }
  await pending;
  if (lo !== KEY_MAX) await chunk(null, KEY_MAX);
  return report;
}

/**
 * The table's chunks, hashed: by the worker pool when there is one and the table allows it
 * (rows read again by key, not kept; no reference rows, whose first row in key order owns its
 * code), else in this thread.
 */
async function* digests(
  source: LegacyFile,
  session: MappingSession,
  t: SessionTable,
  batch: BatchTable,
  size: number,
  keep: boolean,
  pool: DigestPool | null,
): AsyncGenerator<{ digest: ChunkDigest; hi: bigint }> {
  if (pool && !keep && !t.mapper.self && t.plan.keyColumn !== null) {
    pool.table(t.table.name, session.actx.quarantined);
    yield* pooledDigests(pool, source.db, t.plan, size);
    return;
  }
  const owners = new Set<string>();
  const rows = sourceRows(source.db, t.plan, KEY_MIN);
  // With workers in the process, resident memory is theirs too: this thread minds its own heap.
  const keepMemory = pool ? keepDriverHeap : undefined;
  for await (const digest of chunkDigests(batch, rows, { size, keep, owners, keepMemory })) {
    yield { digest, hi: digest.lastKey };
  }
}

/**
 * Applies one chunk's differences: new rows imported, changed rows updated (both read again by
 * key, or taken from the chunk, and mapped in full), rows gone from the file marked. Returns how
 * many were unchanged.
 */
async function syncChunk(
  client: pg.ClientBase,
  t: BatchTable,
  digest: ChunkDigest | null,
  diff: ChunkDiff,
  read: (key: bigint) => SourceRow,
  counts: Counts,
): Promise<number> {
  counts.sourceRows += digest?.count ?? 0;
  for (const key of diff.quarantined) t.onQuarantined?.(key);
  if (diff.fresh.length > 0) {
    const rows = diff.fresh.map(read);
    const { prepared, hashes } = prepareBatch(t, rows);
    const outcomes = await settlePrepared(client, t, prepared, { create: true });
    await insertOutcomes(client, t, rows, { outcomes, hashes }, counts);
  }
  if (diff.changed.length > 0) {
    const rows = diff.changed.map((c) => read(c.key));
    const { prepared, hashes } = prepareBatch(t, rows);
    const outcomes = await settlePrepared(client, t, prepared, { create: true });
    for (const [i, old] of diff.changed.entries()) {
      let o = outcomes[i]!;
      if (o.kind === 'self') o = { ...o, created: digest?.owners.has(old.key) ?? false };
      await applyChange(client, t, rows[i]!, old, o, hashes[i]!, counts);
    }
  }
  for (const m of diff.gone) await markDeleted(client, t, m, counts);
  return (digest?.count ?? 0) - diff.fresh.length - diff.changed.length;
}
