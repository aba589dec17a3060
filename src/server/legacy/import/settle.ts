import type { EnsureResult } from './ensure.js';
import { ensureKey } from './ensure.js';
import type { Change, MapContext, Prepared, TableMapper } from './mapping.js';
import type { PgValue } from './pg-text.js';
import { refKey, type RefRows } from './refs.js';
import type { TargetDef } from './targets.js';

/** What becomes of one source row once its references are known. */
export type Outcome =
  | { kind: 'insert'; id: bigint; values: PgValue[]; changes: Change[] }
  /** The row is a reference row (reason code, environment) found or created by code. */
  | { kind: 'self'; id: number; created: boolean; ref: string; changes: Change[] }
  /** Copied verbatim into legacy.<table> only. */
  | { kind: 'copy' }
  | { kind: 'quarantine'; reason: string };

/**
 * Applies references to a prepared row: a missing parent clears the column (recorded) or
 * quarantines the row, per the column's rule; ensured ids are filled in; then the mapper's own
 * finishing rules run. Shared by import, sync and verify, so all three agree on the result.
 */
export function settle(
  mapper: TableMapper,
  prepared: Prepared,
  ens: EnsureResult,
  refRows: RefRows,
  ctx: MapContext,
  firstUseOfCreated: (key: string) => boolean,
): Outcome {
  if (prepared.kind === 'quarantine') return prepared;
  if (prepared.kind === 'ready') {
    const values = prepared.values;
    for (const e of prepared.ensures ?? []) {
      const at = mapper.target?.columns.findIndex((c) => c.name === e.column) ?? -1;
      if (at < 0) throw new Error(`${mapper.source}: no column ${e.column} for its ${e.kind}`);
      values[at] = ens.ids.get(ensureKey(e)) ?? null;
    }
    return { kind: 'insert', id: prepared.id, values, changes: [] };
  }
  const d = prepared.draft;
  if (!mapper.target) return { kind: 'copy' };
  const problems: string[] = [];
  const resolved = new Map<string, Record<string, unknown> | null>();
  for (const r of d.refs) {
    const row = refRows.get(refKey(r.table, r.id)) ?? null;
    resolved.set(r.column, row);
    if (row) continue;
    const what = `${r.sourceColumn} ${r.id}: no such ${r.table.replace(/s$/, '')} (orphan)`;
    if (r.onMissing === 'quarantine') {
      problems.push(what);
    } else {
      d.values[r.column] = null;
      d.changes.push({ column: r.sourceColumn, note: `${what}: cleared`, cleared: true });
    }
  }
  if (problems.length > 0) return { kind: 'quarantine', reason: problems.join('; ') };
  for (const e of d.ensures) {
    if (e.column !== null) d.values[e.column] = ens.ids.get(ensureKey(e)) ?? null;
  }
  const finished = mapper.finish ? mapper.finish(d, { refRows: resolved }, ctx) : d;
  if ('kind' in finished) return finished;
  if (finished.self) {
    const key = ensureKey(finished.self);
    const id = ens.ids.get(key);
    if (id === undefined || id === null) {
      return {
        kind: 'quarantine',
        reason: `${finished.self.kind} ${finished.self.code} is missing`,
      };
    }
    const created = ens.created.has(key) && firstUseOfCreated(key);
    return { kind: 'self', id, created, ref: key, changes: finished.changes };
  }
  if (finished.id === null) throw new Error(`${mapper.source}: a draft without an id`);
  const values = targetRow(mapper.target, finished.id, finished.values, mapper.source);
  return { kind: 'insert', id: finished.id, values, changes: finished.changes };
}

/** A target row's values in the target's column order (COPY's). */
export function targetRow(
  target: TargetDef,
  id: bigint,
  values: Record<string, PgValue>,
  source: string,
): PgValue[] {
  return target.columns.map((c) => {
    if (c.name === 'id') return id;
    const v = values[c.name];
    if (v === undefined) throw new Error(`${source}: no value for ${c.name}`);
    return v;
  });
}
