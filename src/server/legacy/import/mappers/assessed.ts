import type { TableSpec } from '../../catalog/index.js';
import { createTableAssessor } from '../../rules/assess.js';
import type { AssessContext } from '../../rules/context.js';
import type { RowAssessment } from '../../rules/row.js';
import type { SourceTable } from '../../source/schema.js';
import type {
  Change,
  Draft,
  HasColumn,
  MapContext,
  Ref,
  RefTable,
  SourceJoin,
  SourceRow,
  TableMapper,
} from '../mapping.js';
import type { TargetDef } from '../targets.js';
import { combineJoins } from './common.js';

/**
 * A known table's mapper: the plan's rules (rules/assess.ts, in apply mode) decide every row —
 * imported or quarantined, cleaned values, recorded issues — and a builder puts the assessed
 * values into the target table's columns. So the plan and the import agree by construction.
 */
export interface TargetBuilder {
  target: TargetDef;
  /** Rows are reference rows found or created by code (build returns `self`). */
  self?: boolean;
  /** Columns with a target that are also kept verbatim in legacy.<table> (partly used). */
  alsoKeep?: readonly string[];
  join?(has: HasColumn): SourceJoin | null;
  build(a: RowAssessment, row: SourceRow, ctx: MapContext): Built;
}

export type Built = Pick<Draft, 'id' | 'values'> &
  Partial<Pick<Draft, 'refs' | 'ensures' | 'self'>>;

export function assessedMapper(
  spec: TableSpec,
  table: SourceTable,
  actx: AssessContext,
  builder: TargetBuilder,
): TableMapper {
  const assessor = createTableAssessor(spec, table, actx);
  const keep = new Set(builder.alsoKeep ?? []);
  const refColumns = new Set(spec.columns.filter((c) => c.role.kind === 'ref').map((c) => c.name));
  return {
    source: spec.name,
    target: builder.target,
    self: builder.self,
    uses: spec.columns.filter((c) => c.target !== null && !keep.has(c.name)).map((c) => c.name),
    join: (has) =>
      combineJoins(
        assessor.extra.length > 0 ? { select: assessor.extra.join(', '), from: '' } : null,
        builder.join?.(has) ?? null,
      ),
    prepare(row, ctx) {
      const a = assessor.assess(assessorRow(row));
      const digest = ctx.digests === false ? undefined : digestOf(a);
      if (!a.imported) {
        const reasons = a.issues
          .filter((i) => i.disposition === 'quarantine-row')
          .map((i) => `${i.column ?? 'row'}: ${i.detail} (${i.code})`);
        return {
          kind: 'quarantine',
          reason: reasons.join('; ') || 'quarantined by the rules',
          digest,
        };
      }
      const changes: Change[] = a.issues
        .filter((i) => i.disposition !== 'report-only' && i.disposition !== 'quarantine-row')
        .filter((i) => i.disposition !== 'merge-and-record')
        .map((i) => ({
          column: i.column ?? 'row',
          note: `${i.detail} (${i.code})`,
          cleared: i.disposition === 'clear-and-record' && refColumns.has(i.column ?? ''),
        }));
      const built = builder.build(a, row, ctx);
      return {
        kind: 'draft',
        draft: {
          id: built.id,
          values: built.values,
          refs: built.refs ?? [],
          ensures: built.ensures ?? [],
          changes,
          self: built.self,
        },
        digest,
      };
    },
  };
}

/** The rules' decisions for a row, as stable text (for legacy_row_map.row_hash). */
export function digestOf(a: Pick<RowAssessment, 'imported' | 'derived' | 'issues'>): string {
  const issues = a.issues.map((i) => `${i.code}|${i.column ?? ''}|${i.disposition}|${i.detail}`);
  return `${a.imported ? 1 : 0}\u001d${stable(a.derived)}\u001d${issues.join('\u001d')}`;
}

function stable(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Date) return `@${v.getTime()}`;
  if (v instanceof Uint8Array) return `x${Buffer.from(v).toString('hex')}`;
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${k}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The row as the rules read it: source columns plus the `__` columns of their extra SELECTs. */
function assessorRow(row: SourceRow): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row.values };
  for (const [k, v] of Object.entries(row.joined)) out[`__${k}`] = v;
  return out;
}

/** A decimal id text (as the rules give references) as an int4 id, or null. */
export function idFrom(v: unknown): number | null {
  if (typeof v !== 'string' && typeof v !== 'bigint') return null;
  if (!/^\d{1,10}$/.test(String(v))) return null;
  const n = Number(v);
  return n >= 1 && n <= 2_147_483_647 ? n : null;
}

/**
 * A reference to check in PostgreSQL as a safety net (the rules checked it in the file): the
 * target column's value, and the Ref, when the assessed value is an id.
 */
export function refTo(
  refs: Ref[],
  a: RowAssessment,
  sourceColumn: string,
  column: string,
  table: RefTable,
  ctx: MapContext,
  o: { required?: boolean; fetch?: readonly string[] } = {},
): number | null {
  const onMissing = o.required ? 'quarantine' : ctx.orphanPolicy(a.table, sourceColumn);
  return refValue(refs, a.values[sourceColumn], {
    column,
    sourceColumn,
    table,
    onMissing,
    fetch: o.fetch,
  });
}

/** Like refTo, for an id the rules derived (a stop's machine). */
export function refValue(refs: Ref[], value: unknown, r: Omit<Ref, 'id'>): number | null {
  const id = idFrom(value);
  if (id !== null) refs.push({ ...r, id });
  return id;
}
