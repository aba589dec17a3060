/**
 * One streaming pass over a table: column statistics for every column of the file, and for
 * known tables the rules' verdict on every row, aggregated (counts, a few sample keys).
 */
import type { TableSpec } from '../catalog/types.js';
import { createTableAssessor } from '../rules/assess.js';
import type { AssessContext } from '../rules/context.js';
import { isRecorded, ISSUE_CODES, type IssueCode, type IssueDisposition } from '../rules/issues.js';
import { refKey } from '../rules/row.js';
import type { LegacySource } from '../source/open.js';
import { iterateRows, ROWID } from '../source/rows.js';
import type { SourceTable } from '../source/schema.js';
import type { IssuePlan, TableOutcome } from '../plan/types.js';
import { ColumnStatsCollector, type ColumnStats } from './column-stats.js';

const SAMPLES = 5;
const PROGRESS_EVERY = 100_000;

export interface IssueTally extends IssuePlan {
  /** For orphans: a few referenced keys that do not exist / are quarantined. */
  sampleParents: string[];
}

export interface TablePass {
  rows: number;
  maxRowid: bigint | null;
  stats: Map<string, ColumnStats>;
  outcome: TableOutcome;
  issues: Map<string, IssueTally>;
}

export type ProgressListener = (p: { table: string; rows: number; done: boolean }) => void;

export function issueKey(code: IssueCode, column: string | null, d: IssueDisposition): string {
  return `${code}\u0000${column ?? ''}\u0000${d}`;
}

export function tallyIssue(
  issues: Map<string, IssueTally>,
  code: IssueCode,
  column: string | null,
  disposition: IssueDisposition,
  key: string,
  detail: string,
  parent?: string | null,
  count = 1,
): void {
  const k = issueKey(code, column, disposition);
  let t = issues.get(k);
  if (!t) {
    t = {
      code,
      column,
      disposition,
      count: 0,
      sampleKeys: [],
      example: detail,
      explanation: ISSUE_CODES[code],
      sampleParents: [],
    };
    issues.set(k, t);
  }
  t.count += count;
  if (t.sampleKeys.length < SAMPLES) t.sampleKeys.push(key);
  if (parent && t.sampleParents.length < SAMPLES && !t.sampleParents.includes(parent)) {
    t.sampleParents.push(parent);
  }
}

export function passTable(
  source: LegacySource,
  table: SourceTable,
  spec: TableSpec | undefined,
  ctx: AssessContext,
  progress?: ProgressListener,
): TablePass {
  const collectors = table.columns.map(
    (c) =>
      [
        c.name,
        new ColumnStatsCollector(
          spec?.columns.find((s) => s.name === c.name),
          c.declaredType,
        ),
      ] as const,
  );
  const assessor = spec ? createTableAssessor(spec, table, ctx) : undefined;
  const issues = new Map<string, IssueTally>();
  const outcome: TableOutcome = { sourceRows: 0, imported: 0, quarantined: 0, recorded: 0 };
  let maxRowid: bigint | null = null;
  for (const row of iterateRows(source, table, { extra: assessor?.extra })) {
    outcome.sourceRows++;
    const rowid = row[ROWID];
    if (typeof rowid === 'bigint' && (maxRowid === null || rowid > maxRowid)) maxRowid = rowid;
    for (const [name, c] of collectors) c.add(row[name]);
    if (assessor) {
      const a = assessor.assess(row);
      if (a.imported) outcome.imported++;
      else outcome.quarantined++;
      if (a.imported && a.issues.some((i) => isRecorded(i.disposition))) outcome.recorded++;
      for (const i of a.issues) {
        const parent =
          i.code === 'orphan' || i.code === 'parent-quarantined'
            ? refKey(row[i.column ?? ''])
            : null;
        tallyIssue(issues, i.code, i.column, i.disposition, a.key, i.detail, parent);
      }
    } else {
      outcome.imported++;
    }
    if (progress && outcome.sourceRows % PROGRESS_EVERY === 0) {
      progress({ table: table.name, rows: outcome.sourceRows, done: false });
    }
  }
  progress?.({ table: table.name, rows: outcome.sourceRows, done: true });
  const stats = new Map(collectors.map(([name, c]) => [name, c.result()]));
  return { rows: outcome.sourceRows, maxRowid, stats, outcome, issues };
}
