import type pg from 'pg';
import type { LegacySource } from '../source/open.js';
import { plannedTables } from './mappers/index.js';
import type { RunRow } from './runs.js';
import { countRows } from './source-rows.js';
import { stillDeferred } from './deferred.js';
import { unvalidatedConstraints } from './target-state.js';

export interface TableReport {
  table: string;
  /** Where its rows went ('stops', 'legacy.quality_checks'). */
  target: string;
  sourceRows: number;
  imported: number;
  quarantined: number;
  /** Of the imported: with a reference cleared or a value changed (recorded). */
  cleared: number;
  /** Of the imported: duplicates merged into their group's first row (recorded). */
  merged: number;
  /** Rows gone from the source (or no longer placeable) kept because the new system refers to them. */
  kept: number;
  /** sourceRows = imported + quarantined. */
  ok: boolean;
}

export interface ImportReport {
  ok: boolean;
  runId: number;
  source: string;
  plantZone: string;
  tables: TableReport[];
  totals: { sourceRows: number; imported: number; quarantined: number };
  /** Constraints left NOT VALID (must be none). */
  unvalidatedConstraints: string[];
  /** Indexes and foreign keys set aside for the bulk load and not yet put back (must be none). */
  notRestored: string[];
}

/**
 * The report, read back from the database rather than from counters: what the row map and the
 * quarantine hold for each source table against the number of rows in the source snapshot.
 */
export async function buildReport(
  client: pg.ClientBase,
  source: Pick<LegacySource, 'db' | 'schema'>,
  run: RunRow,
): Promise<ImportReport> {
  // Rows deleted from the source but kept because the new system refers to them (sync) are no
  // longer source rows: they are counted apart.
  const mapped = await client.query<{ t: string; imported: string; quarantined: string }>(
    `select m.source_table as t,
       count(*) filter (where m.target_table is not null and q.source_key is null)::text as imported,
       count(*) filter (where m.target_table is null)::text as quarantined
     from legacy_row_map m
     left join legacy_quarantine q on q.source_table = m.source_table
       and q.source_key = m.source_key::text and q.action = 'kept_after_source_delete'
       and q.raw = '{}'::jsonb
     group by 1`,
  );
  const recorded = await client.query<{ t: string; action: string; n: string }>(
    `select source_table as t, action, count(*)::text as n from legacy_quarantine group by 1, 2`,
  );
  const byTable = new Map(mapped.rows.map((r) => [r.t, r]));
  const actions = (t: string, a: string[]) =>
    recorded.rows
      .filter((r) => r.t === t && a.includes(r.action))
      .reduce((s, r) => s + Number(r.n), 0);
  const tables: TableReport[] = plannedTables(source.schema).map(({ table, target }) => {
    const m = byTable.get(table.name);
    const imported = Number(m?.imported ?? 0);
    const quarantined = Number(m?.quarantined ?? 0);
    const sourceRows = countRows(source.db, table.name);
    return {
      table: table.name,
      target,
      sourceRows,
      imported,
      quarantined,
      cleared: actions(table.name, [
        'imported_with_cleared_reference',
        'imported_with_changed_value',
      ]),
      merged: actions(table.name, ['imported_merged']),
      kept: actions(table.name, ['kept_after_source_delete']),
      ok: sourceRows === imported + quarantined,
    };
  });
  const unvalidated = await unvalidatedConstraints(client);
  const notRestored = await stillDeferred(client);
  const sum = (k: 'sourceRows' | 'imported' | 'quarantined') =>
    tables.reduce((s, t) => s + t[k], 0);
  const options = run.options as { decisions?: { plantZone?: string } };
  return {
    ok: tables.every((t) => t.ok) && unvalidated.length === 0 && notRestored.length === 0,
    runId: run.id,
    source: run.source_path,
    plantZone: options.decisions?.plantZone ?? '',
    tables,
    totals: {
      sourceRows: sum('sourceRows'),
      imported: sum('imported'),
      quarantined: sum('quarantined'),
    },
    unvalidatedConstraints: unvalidated,
    notRestored,
  };
}

/** The report as a table for people. */
export function formatReport(r: ImportReport): string {
  const head = ['table', 'target', 'source', 'imported', 'quarantined', 'recorded', 'merged', ''];
  const rows = r.tables.map((t) => [
    t.table,
    t.target,
    String(t.sourceRows),
    String(t.imported),
    String(t.quarantined),
    String(t.cleared),
    String(t.merged),
    t.ok ? 'ok' : 'MISMATCH',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 2 && i <= 6 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ');
  const out = [line(head), ...rows.map(line)];
  out.push(
    `total: ${r.totals.sourceRows} source rows = ${r.totals.imported} imported + ${r.totals.quarantined} quarantined`,
  );
  const kept = r.tables.filter((t) => t.kept > 0);
  if (kept.length > 0) {
    out.push(
      `kept although gone from the source (the new system refers to them): ${kept.map((t) => `${t.table} ${t.kept}`).join(', ')}`,
    );
  }
  if (r.unvalidatedConstraints.length > 0) {
    out.push(`constraints not validated: ${r.unvalidatedConstraints.join(', ')}`);
  }
  if (r.notRestored.length > 0) {
    out.push(`indexes and foreign keys not yet put back: ${r.notRestored.join(', ')}`);
  }
  out.push(
    r.ok
      ? 'OK: every source row accounted for (imported or quarantined).'
      : `FAILED: ${failureOf(r)} (see ${r.tables.every((t) => t.ok) ? '' : 'MISMATCH rows '}above).`,
  );
  return out.join('\n');
}

/** Why a report is not ok, in a few words. */
export function failureOf(r: ImportReport): string {
  return r.tables.every((t) => t.ok)
    ? 'constraints or indexes of the new model are missing'
    : 'source rows ≠ imported + quarantined';
}
