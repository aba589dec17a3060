import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { SourceSchema } from '../source/schema.js';
import { importBatch, type BatchTable } from './batch.js';
import { instantText } from './instant.js';
import { buildMappers, idFloors } from './mappers/index.js';
import { contextFor, type Decisions } from './context.js';
import type { Progress } from './progress.js';
import { buildReport, type ImportReport } from './report.js';
import {
  acquireLegacyLock,
  advanceCheckpoint,
  createRun,
  findImportRun,
  finishRun,
  loadCheckpoints,
  releaseLegacyLock,
  zeroCounts,
  type RunRow,
} from './runs.js';
import { ensureSideTable, sideTableFor } from './side-table.js';
import {
  countRows,
  hasColumnIn,
  KEY_MIN,
  readPlanFor,
  sourceBatches,
  sourceQuery,
} from './source-rows.js';
import { assertEmptyTarget, inTransaction, resetSequences } from './target-state.js';

export interface ImportSettings {
  sourcePath: string;
  decisions: Decisions;
  batchSize: number;
  progress: Progress;
}

export class LegacyDecisionsChangedError extends Error {
  override readonly name = 'LegacyDecisionsChangedError';
}

/**
 * Imports the legacy file into PostgreSQL: table by table in dependency order, each in batches
 * committed together with their checkpoint, so a killed run resumes exactly where it stopped and
 * a finished one is a no-op. Ends with sequences past the highest ids and a report read back from
 * the database (source rows = imported + quarantined, per table).
 */
export async function importLegacy(
  client: pg.ClientBase,
  source: { db: Database.Database; schema: SourceSchema },
  s: ImportSettings,
): Promise<ImportReport> {
  await acquireLegacyLock(client);
  try {
    let run = await findImportRun(client);
    if (run && run.plan_hash !== s.decisions.hash) {
      throw new LegacyDecisionsChangedError(
        'This database holds an import made with other decisions (time bases, plant zone): ' +
          'run `import` with the same options to finish it, or import into a new database',
      );
    }
    if (!run) {
      await assertEmptyTarget(client);
      run = await createRun(client, {
        kind: 'import',
        sourcePath: s.sourcePath,
        planHash: s.decisions.hash,
        options: { decisions: s.decisions, batchSize: s.batchSize },
      });
    }
    if (run.status === 'completed') {
      s.progress.log('The import into this database is complete: nothing to do');
      return await buildReport(client, source, run);
    }
    await importTables(client, source, run, s);
    await resetSequences(client);
    const report = await buildReport(client, source, run);
    await finishRun(client, run.id, report.ok ? 'completed' : 'failed', report);
    return report;
  } finally {
    await releaseLegacyLock(client).catch(() => undefined);
  }
}

async function importTables(
  client: pg.ClientBase,
  source: { db: Database.Database; schema: SourceSchema },
  run: RunRow,
  s: ImportSettings,
): Promise<void> {
  const ctx = contextFor(s.decisions, instantText(run.started_at));
  const checkpoints = await loadCheckpoints(client, run.id);
  const has = hasColumnIn(source.schema);
  const floors = idFloors(source.db, source.schema);
  for (const { mapper, table } of buildMappers(source.schema)) {
    const cp = checkpoints.get(mapper.source);
    if (cp?.done) continue;
    const side = sideTableFor(
      mapper,
      table.columns.map((c) => c.name),
    );
    if (side) await inTransaction(client, () => ensureSideTable(client, side));
    const t: BatchTable = { mapper, side, ctx, runId: run.id, floors };
    const plan = readPlanFor(table, mapper, has);
    mapper.start?.(sourceQuery(source.db), ctx, has);
    const total = countRows(source.db, table.name);
    let done = cp?.sourceRows ?? 0;
    s.progress.start(table.name, total, done);
    let imported = cp?.imported ?? 0;
    let quarantined = cp?.quarantined ?? 0;
    for (const rows of sourceBatches(source.db, plan, cp?.lastKey ?? KEY_MIN, s.batchSize)) {
      const c = await importBatch(client, t, rows);
      done += c.sourceRows;
      imported += c.imported;
      quarantined += c.quarantined;
      s.progress.advance(table.name, done);
    }
    await advanceCheckpoint(client, run.id, mapper.source, {
      lastKey: null,
      done: true,
      add: zeroCounts(),
    });
    s.progress.end(table.name, `${imported} imported, ${quarantined} quarantined`);
  }
}
