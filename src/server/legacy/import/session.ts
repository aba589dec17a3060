import type pg from 'pg';
import { PARENT_TABLES } from '../rules/assess.js';
import type { AssessContext } from '../rules/context.js';
import type { BatchTable } from './batch.js';
import { contextFor, type Decisions } from './context.js';
import { applyContext, findRowDecisions, type RowDecisions } from './decide.js';
import { LegacyFailure } from './errors.js';
import type { ImportRunOptions, LegacyFile } from './importer.js';
import { quarantinedSet } from './importer.js';
import { instantText } from './instant.js';
import type { MapContext } from './mapping.js';
import { buildMappers, idFloors, type MappedTable } from './mappers/index.js';
import { findImportRun, type RunRow } from './runs.js';
import { sideTableFor } from './side-table.js';
import { hasColumnIn, readPlanFor, type ReadPlan } from './source-rows.js';
import type { HasColumn } from './mapping.js';

/**
 * What verify and sync need to map the current file the way the import did: the import's time
 * bases and epoch, fresh duplicate groups and contest winners from the file as it is now, and
 * one mapper per table sharing the rules' context.
 */
export interface MappingSession {
  run: RunRow;
  inputs: SessionInputs;
  actx: AssessContext;
  ctx: MapContext;
  has: HasColumn;
  tables: SessionTable[];
}

export interface SessionTable extends MappedTable {
  batch: BatchTable;
  plan: ReadPlan;
  parent: boolean;
}

export async function openMappingSession(
  client: pg.ClientBase,
  source: LegacyFile,
  runId: number,
  o: { digests: boolean } = { digests: true },
): Promise<MappingSession> {
  const run = await findImportRun(client);
  if (!run) {
    throw new LegacyFailure(
      'This database has no legacy import: run `shopfloor legacy import` first',
    );
  }
  const stored = run.options as unknown as ImportRunOptions;
  const rowDecisions = findRowDecisions(source, stored.decisions);
  const inputs: SessionInputs = {
    decisions: stored.decisions,
    rowDecisions,
    epoch: instantText(run.started_at),
    runId,
    digests: o.digests,
  };
  return { run, inputs, ...mappingTables(source, inputs) };
}

/**
 * What a mapping session is built from besides the file: plain data, so a worker thread with
 * its own connection to the same snapshot builds the same session (sync/digest-worker.ts).
 */
export interface SessionInputs {
  decisions: Decisions;
  rowDecisions: RowDecisions;
  /** The import's start (instantText), the rules' "now". */
  epoch: string;
  runId: number;
  digests: boolean;
}

/** The rules' contexts and one mapper per table, for this file and these inputs. */
export function mappingTables(
  source: Pick<LegacyFile, 'db' | 'schema'>,
  i: SessionInputs,
): Omit<MappingSession, 'run' | 'inputs'> {
  const actx = applyContext(source.schema, i.decisions, i.rowDecisions);
  const ctx = contextFor(i.decisions, i.epoch, i.digests);
  const has = hasColumnIn(source.schema);
  const floors = idFloors(source.db, source.schema);
  const tables = buildMappers(source.schema, actx).map((m): SessionTable => {
    const parent = PARENT_TABLES.has(m.mapper.source);
    const side = sideTableFor(
      m.mapper,
      m.table.columns.map((c) => c.name),
    );
    return {
      ...m,
      parent,
      plan: readPlanFor(m.table, m.mapper, has),
      batch: {
        mapper: m.mapper,
        side,
        ctx,
        runId: i.runId,
        floors,
        onQuarantined: parent
          ? (k) => quarantinedSet(actx, m.mapper.source).add(k.toString())
          : undefined,
      },
    };
  });
  return { actx, ctx, has, tables };
}
