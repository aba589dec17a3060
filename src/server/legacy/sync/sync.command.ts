import os from 'node:os';
import { openLegacy, withLegacyClient, writeJsonFile } from '../import/cli-support.js';
import { UsageError } from '../../cli/usage-error.js';
import { LegacyFailure } from '../import/errors.js';
import { createProgress } from '../import/progress.js';
import { formatReport } from '../import/report.js';
import { syncLegacy, type SyncReport } from './syncer.js';

export interface LegacySyncOptions {
  from?: string;
  report?: string;
  workers?: string;
}

/**
 * `shopfloor legacy sync --from production.db`: applies what changed in the legacy file since
 * the import (or the last sync): new, changed and deleted rows. Exit 1 when the accounting
 * (source rows = imported + quarantined) does not hold afterwards.
 */
export async function legacySync(o: LegacySyncOptions): Promise<void> {
  const workers = workersOption(o.workers);
  // A backup copy stays on disk until the sync's worker threads have it open too.
  const source = await openLegacy(o.from, { share: true });
  try {
    const progress = createProgress();
    const started = Date.now();
    const report = await withLegacyClient((client) =>
      syncLegacy(client, source, { chunkSize: 5_000, progress, workers: { count: workers } }),
    );
    process.stdout.write(`${formatSync(report, Date.now() - started)}\n`);
    if (o.report) writeJsonFile(o.report, report);
    if (!report.ok) throw new LegacyFailure('sync failed: source rows ≠ imported + quarantined');
  } finally {
    source.close();
  }
}

/**
 * --workers: default one per core, at most 2 (each adds about 20–30 MB; two keep a sync of a
 * 1M-order file under 300 MB). The main thread compares and applies meanwhile.
 */
export function workersOption(v: string | undefined): number {
  if (v === undefined) return Math.min(2, os.availableParallelism());
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n > 16) {
    throw new UsageError('--workers must be a whole number between 0 and 16');
  }
  return n;
}

function formatSync(r: SyncReport, ms: number): string {
  const lines = r.tables
    .filter((t) => t.inserted + t.updated + t.deleted + t.quarantined > 0)
    .map(
      (t) =>
        `${t.table}: ${t.inserted} new, ${t.updated} changed, ${t.deleted} removed, ${t.quarantined} quarantined`,
    );
  const total = r.tables.reduce(
    (n, t) => n + t.inserted + t.updated + t.deleted + t.quarantined,
    0,
  );
  return [
    ...lines,
    `sync ${r.runId}: ${total === 0 ? 'nothing changed' : `${total} rows changed`} in ${(ms / 1000).toFixed(1)} s` +
      (r.workers > 0 ? ` (file hashed by ${r.workers} worker threads)` : ''),
    formatReport(r.after),
  ].join('\n');
}
