/** The outcome of assessing one legacy row. */
import type { IssueCode, IssueDisposition, RowIssue } from './issues.js';

/**
 * What happens to one source row.
 * - imported=false: the row goes to legacy_quarantine (its issues say why).
 * - imported=true with recorded issues: imported with the values below, and recorded in
 *   legacy_quarantine too (the raw row + the reasons), so nothing is lost.
 * `values` holds the canonical value of each legacy column after the rules:
 *   key/ref → decimal text or null; time → Date (instant) or 'YYYY-MM-DD' (date);
 *   bool → boolean; number → canonical decimal text; enum → the new model's value;
 *   environment → the environment code (slug); text → string; json → { json: parsed };
 *   columns with no place in the new model (target null) and unknown columns → the raw value.
 * `derived` holds what the table's rules computed from several columns (see rules/tables.ts).
 */
export interface RowAssessment {
  table: string;
  key: string;
  imported: boolean;
  issues: RowIssue[];
  values: Record<string, unknown>;
  derived: Record<string, unknown>;
}

export class RowBuilder {
  readonly issues: RowIssue[] = [];
  readonly values: Record<string, unknown> = {};
  readonly derived: Record<string, unknown> = {};
  quarantined = false;

  constructor(
    readonly table: string,
    readonly key: string,
    readonly row: Record<string, unknown>,
  ) {}

  add(code: IssueCode, column: string | null, disposition: IssueDisposition, detail: string) {
    this.issues.push({ code, column, disposition, detail });
    if (disposition === 'quarantine-row') this.quarantined = true;
  }

  /** True when an issue with this code is already noted for this column. */
  has(code: IssueCode, column: string | null = null): boolean {
    return this.issues.some((i) => i.code === code && (column === null || i.column === column));
  }

  build(): RowAssessment {
    return {
      table: this.table,
      key: this.key,
      imported: !this.quarantined,
      issues: this.issues,
      values: this.values,
      derived: this.derived,
    };
  }
}

/** The key of a referenced row as decimal text ('12'), whatever the storage class. */
export function refKey(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'string') return value.trim();
  return null;
}

/** The column that carries a reference check in the row query. */
export function refFlag(column: string): string {
  return `__ref_${column}`;
}

export function truthy(flag: unknown): boolean {
  return flag === 1n || flag === 1 || flag === true;
}
