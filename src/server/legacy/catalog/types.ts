/**
 * The legacy schema as Shopfloor knows it (LEGACY.md): every table and column, what it means,
 * where it goes in the new model and what happens to a value the new model refuses. The
 * generator writes its DDL from here, the profile reads files against it, the rules apply it.
 */
import type { EnumMapping } from '../values/enums.js';

/**
 * What happens to a row whose value in this column cannot be used:
 * - quarantine-row: the row is not imported; it goes to legacy_quarantine with the reason.
 * - clear-and-record: the row is imported with this value cleared (NULL, or the target's
 *   default), and the raw row + reason are recorded in legacy_quarantine.
 * - replace-and-record: imported with a replacement value (an enum fallback, a renamed
 *   duplicate, a sanitised user name), recorded likewise.
 * - merge-and-record: a duplicate folded into the first row of its group (reason codes,
 *   environments); the row counts as imported, its raw form is recorded.
 */
export type Disposition =
  'quarantine-row' | 'clear-and-record' | 'replace-and-record' | 'merge-and-record';

export type ColumnRole =
  /** INTEGER PRIMARY KEY; preserved as the target id (int4 or int8 range). */
  | { kind: 'key'; range: 'int4' | 'int8' }
  /**
   * A reference to `parent`.id. onOrphan applies when the parent row does not exist or is itself
   * quarantined; 'keep' = the column has no reference in the new model (kept verbatim),
   * orphans are only reported.
   */
  | { kind: 'ref'; parent: string; onOrphan: 'quarantine-row' | 'clear-and-record' | 'keep' }
  /** A time; `as` is the target type: timestamptz ('instant') or date ('date'). */
  | { kind: 'time'; as: 'instant' | 'date' }
  | { kind: 'bool'; whenNull: boolean | null; whenUnrecognised: boolean }
  | {
      kind: 'number';
      /** positive: > 0; non-negative: >= 0; any: no sign rule. */
      sign: 'positive' | 'non-negative' | 'any';
      range?: readonly [number, number];
      integer?: boolean;
      /** '12 kg' is accepted as 12 with unit 'kg' (the target table has a unit). */
      withUnit?: boolean;
    }
  | { kind: 'enum'; mapping: EnumMapping }
  /** An area name → environments.code (slug); the importer creates environments from them. */
  | { kind: 'environment' }
  | { kind: 'text'; trim?: boolean; maxLength?: number; whenBlank?: string }
  /** JSON text → jsonb; text that is not JSON is kept as a JSON string (nothing lost). */
  | { kind: 'json' };

export interface ColumnSpec {
  name: string;
  /** Declared type in the legacy DDL (as SQLite stores it). */
  declared: string;
  role: ColumnRole;
  /**
   * 'table.column' in the new model (or a description such as 'order_events.data.description'),
   * or null: no place in the new model, kept verbatim with the row key in legacy.<table>.
   */
  target: string | null;
  /** The row cannot be placed without a usable value (→ quarantine-row when missing or bad). */
  required?: boolean;
  /** Overrides the disposition of a bad value in an optional column (default clear-and-record). */
  onBad?: Disposition;
  /** Legacy DDL details (used by the generator; the profile reads the real file). */
  notNull?: boolean;
  defaultSql?: string;
  unique?: boolean;
  references?: string;
  note?: string;
}

export type TableTarget =
  /** idOffset: added to legacy ids that share a target table with another source table. */
  | { kind: 'table'; table: string; ids: string; idOffset?: number }
  | { kind: 'legacy-copy'; why: string };

export interface TableSpec {
  name: string;
  /** snapshot: in the documented snapshot; later: used by later versions of the legacy app. */
  version: 'snapshot' | 'later';
  target: TableTarget;
  columns: readonly ColumnSpec[];
  /** Extra DDL lines (table constraints) for the generator. */
  constraints?: readonly string[];
  /** Legacy indexes (generator). */
  indexes?: readonly string[];
  note?: string;
}
