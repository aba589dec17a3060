import type pg from 'pg';
import { PARENT_TABLES } from '../rules/assess.js';
import type { AssessContext } from '../rules/context.js';
import type { BatchTable } from './batch.js';
import { contextFor } from './context.js';
import { applyContext, findRowDecisions } from './decide.js';
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
  const actx = applyContext(source.schema, stored.decisions, rowDecisions);
  const ctx = contextFor(stored.decisions, instantText(run.started_at), o.digests);
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
        runId,
        floors,
        onQuarantined: parent
          ? (k) => quarantinedSet(actx, m.mapper.source).add(k.toString())
          : undefined,
      },
    };
  });
  return { run, actx, ctx, has, tables };
}
