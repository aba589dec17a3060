/**
 * Assessing the rows of one known table: the column rules (rules/columns.ts), the duplicate
 * rules (catalog/duplicates.ts) and the table's own rules (rules/tables.ts). The plan runs it
 * over every row to count what will be imported, cleared, replaced, merged and quarantined; the
 * importer can run the very same code so the two always agree.
 */
import { DUPLICATE_RULES, type DuplicateRule } from '../catalog/duplicates.js';
import { CATALOG } from '../catalog/index.js';
import { q } from '../catalog/sql.js';
import type { TableSpec } from '../catalog/types.js';
import { findTable, hasColumn, type SourceSchema, type SourceTable } from '../source/schema.js';
import { ROWID } from '../source/rows.js';
import { assessColumn } from './columns.js';
import type { AssessContext } from './context.js';
import { refFlag, refKey, RowBuilder, type RowAssessment } from './row.js';
import { tableRules } from './tables.js';

export interface TableAssessor {
  spec: TableSpec;
  /** SELECT expressions to add to the row query (reference checks, duplicate keys, rules). */
  extra: string[];
  /** Duplicate rules that apply to this file. */
  duplicateRules: DuplicateRule[];
  assess(row: Record<string, unknown>): RowAssessment;
}

/** Tables other tables reference: their quarantined keys are remembered (cascade). */
export const PARENT_TABLES: ReadonlySet<string> = new Set(
  CATALOG.flatMap((t) => t.columns.flatMap((c) => (c.role.kind === 'ref' ? [c.role.parent] : []))),
);

/** The column of the row query carrying a duplicate rule's group key. */
export const dupColumn = (rule: DuplicateRule) => `__dup_${rule.name.replace(/\W/g, '_')}`;

/** Duplicate rules of `table` whose columns all exist in the file. */
export function duplicateRulesFor(schema: SourceSchema, table: string): DuplicateRule[] {
  return DUPLICATE_RULES.filter(
    (r) => r.table === table && r.columns.every((c) => hasColumn(schema, table, c)),
  );
}

function refCheckSql(schema: SourceSchema, column: string, parent: string): string {
  const parentTable = findTable(schema, parent);
  if (!parentTable) return `0 AS ${q(refFlag(column))}`;
  const key = parentTable.columns.some((c) => c.name === 'id') ? 'p.id' : 'p.rowid';
  return `EXISTS (SELECT 1 FROM ${q(parent)} p WHERE ${key} = t.${q(column)}) AS ${q(refFlag(column))}`;
}

/** Duplicate rules that only report (the value stays; e.g. machine names: only the code changes). */
const REPORT_ONLY_DUPLICATES = new Set(['machines.name']);

function applyDuplicate(b: RowBuilder, rule: DuplicateRule, ctx: AssessContext) {
  const key = b.row[dupColumn(rule)];
  if (key === null || key === undefined) return;
  const group = ctx.duplicates.get(rule.name)?.get(String(key));
  if (!group || group.first === b.key) return;
  const detail = `same ${rule.column} as ${rule.table} ${group.first} (${group.count} rows share it)`;
  switch (rule.policy) {
    case 'rename':
      b.derived.duplicateOf = group.first;
      b.add(
        'duplicate-renamed',
        rule.column,
        REPORT_ONLY_DUPLICATES.has(rule.name) ? 'report-only' : 'replace-and-record',
        detail,
      );
      return;
    case 'clear':
      b.values[rule.column] = null;
      b.add('duplicate-cleared', rule.column, 'clear-and-record', detail);
      return;
    case 'merge':
      b.derived.duplicateOf = group.first;
      b.add('duplicate-merged', rule.column, 'merge-and-record', detail);
      return;
    case 'quarantine':
      b.add('duplicate-quarantined', rule.column, 'quarantine-row', detail);
      return;
  }
}

export function createTableAssessor(
  spec: TableSpec,
  table: SourceTable,
  ctx: AssessContext,
): TableAssessor {
  const schema = ctx.schema;
  const present = new Set(table.columns.map((c) => c.name));
  const extra: string[] = [];
  for (const c of spec.columns) {
    if (c.role.kind === 'ref' && present.has(c.name))
      extra.push(refCheckSql(schema, c.name, c.role.parent));
  }
  const duplicateRules = duplicateRulesFor(schema, spec.name);
  for (const r of duplicateRules) extra.push(`${r.keySql} AS ${q(dupColumn(r))}`);
  const rules = tableRules(spec.name);
  if (rules?.extra) extra.push(...rules.extra(schema));
  const idOffset = spec.target.kind === 'table' ? (spec.target.idOffset ?? 0) : 0;
  const hasId = present.has('id');
  const assessed = spec.target.kind === 'table';

  return {
    spec,
    extra,
    duplicateRules,
    assess(row) {
      const key = refKey(hasId ? row.id : row[ROWID]) ?? '';
      const b = new RowBuilder(spec.name, key, row);
      for (const c of spec.columns) {
        if (assessed || c.role.kind === 'ref' || c.role.kind === 'key') {
          assessColumn(assessed ? c : { ...c, target: null }, spec.name, idOffset, b, ctx);
        } else {
          b.values[c.name] = row[c.name] ?? null;
        }
      }
      for (const col of table.columns) {
        if (!(col.name in b.values)) b.values[col.name] = row[col.name] ?? null;
      }
      if (assessed) {
        for (const r of duplicateRules) applyDuplicate(b, r, ctx);
        rules?.finish(b, ctx, spec);
      }
      const result = b.build();
      if (!result.imported && PARENT_TABLES.has(spec.name)) {
        let set = ctx.quarantined.get(spec.name);
        if (!set) ctx.quarantined.set(spec.name, (set = new Set()));
        set.add(key);
      }
      return result;
    },
  };
}
