import type pg from 'pg';
import { recordOf, refusedByPostgres, type BatchTable } from '../import/batch.js';
import type { SourceRow } from '../import/mapping.js';
import type { Counts } from '../import/runs.js';
import type { Outcome } from '../import/settle.js';
import { deleteRecord, upsertRecord, upsertRowMap, upsertSide, upsertTarget } from './apply.js';

/** What legacy_row_map (and the quarantine) say about a source row before this sync. */
export interface MapEntry {
  key: bigint;
  targetTable: string | null;
  targetId: bigint | null;
  hash: bigint;
  action: string | null;
}

/** The reason recorded for a row that is gone from the source (its raw form is `{}`). */
export const DELETED_IN_SOURCE = 'deleted in the source';

/**
 * Applies a changed row's new outcome. A row that can no longer be placed keeps its target row
 * until the removal phase (children first) takes it out: the quarantine record says so, and the
 * row map still points at the target.
 */
export async function applyChange(
  client: pg.ClientBase,
  t: BatchTable,
  row: SourceRow,
  old: MapEntry,
  outcome: Outcome,
  hash: bigint,
  counts: Counts,
): Promise<void> {
  let o = outcome;
  const table = t.mapper.source;
  if (o.kind === 'insert') {
    const refused = await upsertTarget(client, t.mapper.target!, o.values);
    if (refused !== null) o = refusedByPostgres(refused);
  }
  if (o.kind === 'quarantine') {
    await upsertRecord(client, recordOf(t, row, o)!);
    const keepTarget = old.targetTable !== null;
    await upsertRowMap(client, [
      table,
      row.key,
      keepTarget ? old.targetTable : null,
      keepTarget ? old.targetId : null,
      hash,
    ]);
    counts.quarantined++;
    t.onQuarantined?.(row.key);
    return;
  }
  if (t.side) await upsertSide(client, t.side, t.side.row(row));
  const target =
    o.kind === 'copy'
      ? { table: t.side!.qualifiedName, id: row.key }
      : { table: t.mapper.target!.table, id: BigInt(o.id) };
  await upsertRowMap(client, [table, row.key, target.table, target.id, hash]);
  const record = recordOf(t, row, o);
  if (record) await upsertRecord(client, record);
  else await deleteRecord(client, table, row.key);
  if (old.targetTable === null) counts.inserted++;
  else counts.updated++;
}

/** A row gone from the source: unmapped now if it was quarantined, else marked for removal. */
export async function markDeleted(
  client: pg.ClientBase,
  t: BatchTable,
  old: MapEntry,
  counts: Counts,
): Promise<void> {
  const table = t.mapper.source;
  if (old.targetTable === null) {
    await client.query('DELETE FROM legacy_row_map WHERE source_table = $1 AND source_key = $2', [
      table,
      old.key.toString(),
    ]);
    await deleteRecord(client, table, old.key);
    counts.deleted++;
    return;
  }
  if (old.action === 'kept_after_source_delete') return;
  await upsertRecord(client, [
    table,
    old.key.toString(),
    {},
    DELETED_IN_SOURCE,
    'quarantined',
    [],
    null,
    null,
    t.runId,
  ]);
}
