import type pg from 'pg';
import { UsageError } from '../../cli/usage-error.js';
import { PARENT_TABLES } from '../rules/assess.js';
import type { AssessContext } from '../rules/context.js';
import type { LegacySource } from '../source/open.js';
import { importBatch, type BatchTable } from './batch.js';
import { directTarget } from './direct.js';
import { preparedBatches } from './read-batches.js';
import { contextFor, type Decisions } from './context.js';
import { deferForBulkLoad, indexBuilder, restoreDeferred, type IndexBuilder } from './deferred.js';
import { applyContext, findRowDecisions, type RowDecisions } from './decide.js';
import { instantText } from './instant.js';
import { laneFor } from './lanes/index.js';
import type { HasColumn, MapContext } from './mapping.js';
import { buildMappers, idFloors, type MappedTable } from './mappers/index.js';
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
  type Checkpoint,
  type RunRow,
} from './runs.js';
import { ensureSideTable, sideTableFor } from './side-table.js';
import {
  countRows,
  hasColumnIn,
  KEY_MIN,
  readPlanFor,
  sourceQuery,
  sourceRowByKey,
  sourceRows,
} from './source-rows.js';
import { assertEmptyTarget, inTransaction, resetSequences } from './target-state.js';

/** The legacy file, opened as a consistent read-only snapshot. */
export type LegacyFile = LegacySource;

export interface ImportSettings {
  decisions: Decisions;
  batchSize: number;
  progress: Progress;
  /**
   * A second connection, for building a finished table's indexes while the next tables load
   * (without one they are all built at the end).
   */
  connect?: () => Promise<pg.PoolClient>;
  /** Plain rows take their table's lane (lanes/); false: every row through the rules. */
  lanes?: boolean;
}

/** What an import run stores in legacy_runs.options (and a resumed run reuses). */
export interface ImportRunOptions {
  decisions: Decisions;
  rowDecisions: RowDecisions;
  batchSize: number;
}

/** A half-done import resumed with other options (exit 2: run it with the same options). */
export class LegacyDecisionsChangedError extends UsageError {}

/**
 * Imports the legacy file into PostgreSQL: table by table in dependency order, each in batches
 * committed together with their checkpoint, so a killed run resumes exactly where it stopped
 * (with the decisions stored at its start) and a finished one is a no-op. Ends with sequences
 * past the highest ids and a report read back from the database.
 */
export async function importLegacy(
  client: pg.ClientBase,
  source: LegacyFile,
  s: ImportSettings,
): Promise<ImportReport> {
  await acquireLegacyLock(client);
  try {
    let run = await findImportRun(client);
    if (run && run.plan_hash !== s.decisions.hash) {
      throw new LegacyDecisionsChangedError(
        'This database holds an import made with other decisions (time bases, plant zone): run ' +
          '`import` with the same options to finish it, or import into a new database',
      );
    }
    if (run?.status === 'completed') {
      s.progress.log('The import into this database is complete: nothing to do');
      return await buildReport(client, source, run);
    }
    if (!run) {
      await assertEmptyTarget(client);
      s.progress.log('Deciding duplicates and one-per-machine rules over the whole file…');
      const options: ImportRunOptions = {
        decisions: s.decisions,
        rowDecisions: findRowDecisions(source, s.decisions),
        batchSize: s.batchSize,
      };
      run = await createRun(client, {
        kind: 'import',
        sourcePath: source.file,
        planHash: s.decisions.hash,
        options,
      });
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

/** Parent rows already quarantined (a resumed run), so the rules cascade as before. */
export async function loadQuarantinedParents(
  client: pg.ClientBase,
  actx: AssessContext,
): Promise<void> {
  const r = await client.query<{ t: string; k: string }>(
    `select source_table as t, source_key::text as k from legacy_row_map
     where target_table is null and source_table = any($1::text[])`,
    [[...PARENT_TABLES]],
  );
  for (const { t, k } of r.rows) quarantinedSet(actx, t).add(k);
}

export function quarantinedSet(actx: AssessContext, table: string): Set<string> {
  let set = actx.quarantined.get(table);
  if (!set) actx.quarantined.set(table, (set = new Set()));
  return set;
}

async function importTables(
  client: pg.ClientBase,
  source: LegacyFile,
  run: RunRow,
  s: ImportSettings,
): Promise<void> {
  const stored = run.options as unknown as ImportRunOptions;
  const actx = applyContext(source.schema, stored.decisions, stored.rowDecisions);
  await loadQuarantinedParents(client, actx);
  const checkpoints = await loadCheckpoints(client, run.id);
  const shared: SharedState = {
    run,
    stored,
    actx,
    ctx: contextFor(stored.decisions, instantText(run.started_at)),
    has: hasColumnIn(source.schema),
    floors: idFloors(source.db, source.schema),
  };
  const mapped = buildMappers(source.schema, actx);
  // The last source table writing each target: once it is done, that target's indexes can be
  // built while the import goes on.
  const lastWriter = new Map(mapped.map((m, i) => [m.mapper.target?.table, i]));
  // Everything left to load is set aside before the first row: dropping a foreign key also
  // locks the table it references, so setting a table aside when its turn comes would wait for
  // the index builds of the tables already done.
  const toLoad = mapped.filter((m) => !checkpoints.get(m.mapper.source)?.done);
  if (toLoad.length > 0) await deferForBulkLoad(client, run.id, 'legacy_row_map');
  for (const target of new Set(toLoad.map((m) => m.mapper.target?.table))) {
    if (target) await deferForBulkLoad(client, run.id, target);
  }
  const builder: IndexBuilder | null = s.connect ? indexBuilder(s.connect, run.id) : null;
  try {
    for (const [i, m] of mapped.entries()) {
      const cp = checkpoints.get(m.mapper.source);
      if (!cp?.done) await importTable(client, source, m, cp, shared, s);
      const target = m.mapper.target?.table;
      if (target && lastWriter.get(target) === i) builder?.build(target);
    }
  } catch (e) {
    await builder?.finish().catch(() => undefined); // the load's own error is the one to tell
    throw e;
  }
  s.progress.log('Building the indexes and checking the foreign keys set aside for the load…');
  const t0 = performance.now();
  await builder?.finish(); // the builds queued so far, which the restore must not race
  // The row map's key and index (written by every table, so built last) on a second
  // connection, while this one puts back the foreign keys: different tables, no lock between.
  const last = s.connect ? indexBuilder(s.connect, run.id) : null;
  last?.build('legacy_row_map');
  const [keys, built] = await Promise.allSettled([
    restoreDeferred(client, run.id, last ? 'legacy_row_map' : undefined),
    last?.finish(),
  ]);
  for (const r of [keys, built]) if (r.status === 'rejected') throw r.reason;
  await restoreDeferred(client, run.id); // anything left (nothing, unless a build was cut short)
  s.progress.log(
    `Indexes and foreign keys back in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

interface SharedState {
  run: RunRow;
  stored: ImportRunOptions;
  actx: AssessContext;
  ctx: MapContext;
  has: HasColumn;
  floors: ReadonlyMap<string, number>;
}

async function importTable(
  client: pg.ClientBase,
  source: LegacyFile,
  { mapper, table }: MappedTable,
  cp: Checkpoint | undefined,
  { run, stored, actx, ctx, has, floors }: SharedState,
  s: ImportSettings,
): Promise<void> {
  const side = sideTableFor(
    mapper,
    table.columns.map((c) => c.name),
  );
  if (side) await inTransaction(client, () => ensureSideTable(client, side));
  const parent = PARENT_TABLES.has(mapper.source);
  const lane = s.lanes === false ? null : laneFor(table, actx, ctx);
  const plan = readPlanFor(table, mapper, has);
  const t: BatchTable = {
    mapper,
    side,
    ctx,
    runId: run.id,
    floors,
    onQuarantined: parent
      ? (k) => quarantinedSet(actx, mapper.source).add(k.toString())
      : undefined,
    lane,
    // Lane rows go straight to COPY text (and their columns with no home to legacy.<table>).
    direct: lane && mapper.target ? directTarget(mapper.target) : null,
    reread: plan.keyColumn === null ? undefined : sourceRowByKey(source.db, plan),
  };
  mapper.start?.(sourceQuery(source.db), ctx, has);
  const total = countRows(source.db, table.name);
  let done = cp?.sourceRows ?? 0;
  let imported = cp?.imported ?? 0;
  let quarantined = cp?.quarantined ?? 0;
  s.progress.start(table.name, total, done);
  // While PostgreSQL ingests and commits one batch, the next is read and mapped in slices (the
  // rules of a row never depend on other rows of its own table, so the order of effects holds).
  let pending: Promise<void> | null = null;
  const after = cp?.lastKey ?? KEY_MIN;
  for await (const batch of preparedBatches(
    t,
    sourceRows(source.db, plan, after),
    stored.batchSize,
  )) {
    await pending;
    pending = importBatch(client, t, batch).then((c) => {
      done += c.sourceRows;
      imported += c.imported;
      quarantined += c.quarantined;
      s.progress.advance(table.name, done);
    });
    pending.catch(() => undefined); // awaited next turn; never an unhandled rejection
  }
  await pending;
  await advanceCheckpoint(client, run.id, mapper.source, {
    lastKey: null,
    done: true,
    add: zeroCounts(),
  });
  s.progress.end(table.name, `${imported} imported, ${quarantined} quarantined`);
}
