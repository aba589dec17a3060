import type pg from 'pg';
import { insertOutcomes, prepareBatch, settlePrepared } from '../import/batch.js';
import { ensureKey } from '../import/ensure.js';
import type { LegacyFile } from '../import/importer.js';
import type { HasColumn, Prepared, SourceRow } from '../import/mapping.js';
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
import { openMappingSession, type SessionTable } from '../import/session.js';
import { ensureSideTable } from '../import/side-table.js';
import { countRows, KEY_MIN, sourceBatches, sourceQuery } from '../import/source-rows.js';
import { inTransaction, resetSequences } from '../import/target-state.js';
import { LegacyFailure } from '../import/errors.js';
import { applyChange, markDeleted, type MapEntry } from './changes.js';
import { removePending } from './removals.js';

const KEY_MAX = 2n ** 63n - 1n;

export interface SyncTableReport extends Counts {
  table: string;
  unchanged: number;
}

export interface SyncReport {
  ok: boolean;
  runId: number;
  tables: SyncTableReport[];
  /** The import's accounting after the sync (source rows = imported + quarantined). */
  after: ImportReport;
}

/**
 * Brings PostgreSQL in line with the legacy file as it is now: rows new in the file are
 * imported, changed rows (raw values or the rules' decision) updated, rows gone from the file
 * removed (children first). Every row of the file is mapped and hashed, but only rows whose hash
 * differs from legacy_row_map's are written; each chunk commits with its checkpoint. A killed
 * sync is simply run again: it reconciles from wherever the last one stopped.
 */
export async function syncLegacy(
  client: pg.ClientBase,
  source: LegacyFile,
  o: { chunkSize: number; progress: Progress },
): Promise<SyncReport> {
  await acquireLegacyLock(client);
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
    const reports = new Map<string, SyncTableReport>();
    for (const t of session.tables) {
      const total = countRows(source.db, t.table.name);
      o.progress.start(t.table.name, total, 0);
      const r = await syncTable(client, source, t, session.has, run.id, o.chunkSize, (n) =>
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
      tables: [...reports.values()],
      after,
    };
    await finishRun(client, run.id, report.ok ? 'completed' : 'failed', report);
    return report;
  } finally {
    await releaseLegacyLock(client).catch(() => undefined);
  }
}

function summary(r: SyncTableReport): string {
  return `${r.inserted} new, ${r.updated} changed, ${r.quarantined} quarantined, ${r.unchanged} unchanged`;
}

async function syncTable(
  client: pg.ClientBase,
  source: LegacyFile,
  t: SessionTable,
  has: HasColumn,
  runId: number,
  chunkSize: number,
  advance: (n: number) => void,
): Promise<SyncTableReport> {
  const report: SyncTableReport = { table: t.table.name, unchanged: 0, ...zeroCounts() };
  const side = t.batch.side;
  if (side) await inTransaction(client, () => ensureSideTable(client, side));
  t.mapper.start?.(sourceQuery(source.db), t.batch.ctx, has);
  const owners = new Set<string>();
  let lo = KEY_MIN;
  let done = 0;
  const chunk = async (rows: SourceRow[], hi: bigint) => {
    const counts = zeroCounts();
    await inTransaction(client, async () => {
      const unchanged = await syncChunk(client, t, rows, lo, hi, owners, counts);
      report.unchanged += unchanged;
      await advanceCheckpoint(client, runId, t.mapper.source, {
        lastKey: hi === KEY_MAX ? null : hi,
        done: hi === KEY_MAX,
        add: counts,
      });
    });
    for (const k of Object.keys(counts) as (keyof Counts)[]) report[k] += counts[k];
    lo = hi;
  };
  for (const rows of sourceBatches(source.db, t.plan, KEY_MIN, chunkSize)) {
    await chunk(rows, rows[rows.length - 1]!.key);
    done += rows.length;
    advance(done);
  }
  await chunk([], KEY_MAX);
  return report;
}

/** One chunk (lo, hi]: returns how many rows were unchanged. */
async function syncChunk(
  client: pg.ClientBase,
  t: SessionTable,
  rows: SourceRow[],
  lo: bigint,
  hi: bigint,
  owners: Set<string>,
  counts: Counts,
): Promise<number> {
  const map = await loadMap(client, t.mapper.source, lo, hi);
  const { prepared, hashes } = prepareBatch(t.batch, rows);
  const fresh: number[] = [];
  const changed: { i: number; old: MapEntry }[] = [];
  rows.forEach((r, i) => {
    const m = map.get(r.key);
    map.delete(r.key);
    counts.sourceRows++;
    if (!m) fresh.push(i);
    else if (m.hash !== hashes[i]) changed.push({ i, old: m });
    else if (m.targetTable === null) t.batch.onQuarantined?.(r.key);
  });
  const ownerOf = ownership(prepared, owners);
  if (fresh.length > 0) {
    const outcomes = await settlePrepared(
      client,
      t.batch,
      fresh.map((i) => prepared[i]!),
      { create: true },
    );
    await insertOutcomes(
      client,
      t.batch,
      fresh.map((i) => rows[i]!),
      { outcomes, hashes: fresh.map((i) => hashes[i]!) },
      counts,
    );
  }
  if (changed.length > 0) {
    const outcomes = await settlePrepared(
      client,
      t.batch,
      changed.map((c) => prepared[c.i]!),
      { create: true },
    );
    for (const [n, { i, old }] of changed.entries()) {
      let o = outcomes[n]!;
      if (o.kind === 'self') o = { ...o, created: ownerOf(i) };
      await applyChange(client, t.batch, rows[i]!, old, o, hashes[i]!, counts);
    }
  }
  for (const m of map.values()) await markDeleted(client, t.batch, m, counts);
  return rows.length - fresh.length - changed.length;
}

/** Reference rows: the first row of the table naming a code owns it; later ones are merged. */
function ownership(prepared: Prepared[], owners: Set<string>): (i: number) => boolean {
  const own = prepared.map((p) => {
    if (p.kind !== 'draft' || !p.draft.self) return false;
    const key = ensureKey(p.draft.self);
    if (owners.has(key)) return false;
    owners.add(key);
    return true;
  });
  return (i) => own[i] ?? false;
}

async function loadMap(
  client: pg.ClientBase,
  table: string,
  lo: bigint,
  hi: bigint,
): Promise<Map<bigint, MapEntry>> {
  const r = await client.query<{
    k: string;
    tt: string | null;
    ti: string | null;
    h: string;
    a: string | null;
  }>(
    `SELECT m.source_key::text AS k, m.target_table AS tt, m.target_id::text AS ti,
       m.row_hash::text AS h, q.action AS a
     FROM legacy_row_map m LEFT JOIN legacy_quarantine q
       ON q.source_table = m.source_table AND q.source_key = m.source_key::text
     WHERE m.source_table = $1 AND m.source_key > $2 AND m.source_key <= $3`,
    [table, lo.toString(), hi.toString()],
  );
  return new Map(
    r.rows.map((x) => [
      BigInt(x.k),
      {
        key: BigInt(x.k),
        targetTable: x.tt,
        targetId: x.ti === null ? null : BigInt(x.ti),
        hash: BigInt(x.h),
        action: x.a,
      },
    ]),
  );
}
