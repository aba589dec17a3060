import type { LegacyValue, TimeBase } from '../values/index.js';
import type { PgValue } from './pg-text.js';
import type { TargetDef } from './targets.js';

/**
 * How a source table becomes rows of the new model. A mapper turns one source row into a draft
 * (pure, synchronous); the batch loader then checks the draft's references against PostgreSQL
 * in bulk, creates looked-up reference data (environments, reasons), calls `finish` and COPYs.
 * `verify` runs the same mapper (references looked up, never created) to know what PostgreSQL
 * should hold.
 */

export interface SourceRow {
  /** The INTEGER PRIMARY KEY (or rowid). */
  key: bigint;
  /** The source table's columns (what is hashed, kept and quarantined). */
  values: Record<string, LegacyValue>;
  /** Columns the mapper's `join` adds (named without their '__' prefix). */
  joined: Record<string, LegacyValue>;
}

/**
 * Extra columns read with each row, from other tables of the snapshot (alias the source table
 * `t`; name each added column `__name`). SQLite builds a transient index for the join, so the
 * read stays one pass.
 */
export interface SourceJoin {
  select: string;
  from: string;
  /**
   * It joins an aggregate over a whole table (SQLite builds it at each run of the statement):
   * reading one row again by its key then costs as much as reading every row.
   */
  wholeTable?: boolean;
}

export type OrphanPolicy = 'clear' | 'quarantine';

export interface MapContext {
  zone: string;
  /** Created/updated time of rows whose source has none: when the import started (UTC text). */
  epoch: string;
  timeBase(table: string, column: string): TimeBase;
  /** Decision for a dangling reference of a nullable column (NOT NULL ones always quarantine). */
  orphanPolicy(table: string, column: string): OrphanPolicy;
  /** Added to the ids of a second source table feeding the same target (downtime → stops). */
  idOffset(table: string): bigint;
  /** false: the rules skip their digest (it only feeds row hashes, which verify never reads). */
  digests?: boolean;
}

export type RefTable =
  'users' | 'employees' | 'machines' | 'machine_types' | 'production_orders' | 'maturation_batches';

/** A foreign key to check: the referenced row must exist in PostgreSQL. */
export interface Ref {
  column: string;
  sourceColumn: string;
  table: RefTable;
  id: number;
  onMissing: OrphanPolicy;
  /** Columns of the referenced row handed to finish(). */
  fetch?: readonly string[];
}

/**
 * Reference data found by code and created when missing (see ensure.ts): areas, machine types,
 * stop categories and reasons. A row that *is* such reference data (reason_codes, environments)
 * is its own ensure (`Draft.self`), with `column` null.
 */
export interface Ensure {
  /** Target column receiving the id; null when the row itself is this reference row. */
  column: string | null;
  kind: 'environment' | 'machine_type' | 'category' | 'reason';
  code: string;
  name: string;
  /** reason: the code of its category. */
  parent?: string;
  /** Only look it up (never create). */
  lookupOnly?: boolean;
  /** The id to give it when created (the legacy id of its first row), if free. */
  preferredId?: number;
  /** Other columns of the created row (colour, planned, created_at, …). */
  values?: Record<string, PgValue>;
}

export interface Change {
  column: string;
  note: string;
  /** A reference cleared (vs a value changed to fit a rule). */
  cleared: boolean;
}

export interface Draft {
  id: bigint | null;
  values: Record<string, PgValue>;
  refs: Ref[];
  ensures: Ensure[];
  changes: Change[];
  /** The row is the ensured reference row itself (reason codes, environments): no insert. */
  self?: Ensure;
}

export type Quarantine = { kind: 'quarantine'; reason: string };
/**
 * `digest`: what the rules decided for the row beyond its raw values (cleaned values, issues,
 * contest outcomes), hashed into legacy_row_map.row_hash so sync sees a row whose outcome
 * changed even when the row itself did not.
 */
export type Prepared = ({ kind: 'draft'; draft: Draft } | Quarantine | Ready) & { digest?: string };

/**
 * A row a lane (import/lanes) found to need none of the rules' repairs: its target row, in the
 * target's column order, with nothing left to check (its references were checked in the file).
 */
export interface Ready {
  kind: 'ready';
  id: bigint;
  values: PgValue[];
  /** Reference data found or created by code, whose ids fill their columns (see Ensure). */
  ensures?: Ensure[];
}

/**
 * The import's short way for a table's plain rows: the Ready row — exactly what the rules,
 * the builder and settle would make of it — or null, and the rules decide the row.
 */
export type Lane = (row: SourceRow) => (Ready & { digest: string }) | null;

export interface Resolved {
  /** Referenced rows by target column (fetch columns), null when missing. */
  refRows: Map<string, Record<string, unknown> | null>;
}

export interface TableMapper {
  source: string;
  /** null: copied verbatim into the legacy schema. */
  target: TargetDef | null;
  /**
   * Source columns this mapper places in the target. Every other column of the source table is
   * kept verbatim in legacy.<source> (with `_source_key`), so nothing is lost.
   */
  uses: readonly string[];
  /** Its rows are reference rows found or created by code (Draft.self), not inserted. */
  self?: boolean;
  /** Columns compared by verify (default: all of the target's). */
  compared?: readonly string[];
  /** Columns read from other tables with each row (duplicate groups, first events, …). */
  join?(has: HasColumn): SourceJoin | null;
  /** Once per run before the first row (pre-pass over the source for cross-row decisions). */
  start?(read: SourceQuery, ctx: MapContext, has: HasColumn): void;
  prepare(row: SourceRow, ctx: MapContext): Prepared;
  finish?(draft: Draft, resolved: Resolved, ctx: MapContext): Draft | Quarantine;
}

/** Whether the source file has the table (and column). */
export type HasColumn = (table: string, column?: string) => boolean;

/** Runs a read-only query on the source snapshot (pre-passes). */
export type SourceQuery = (sql: string) => Iterable<Record<string, LegacyValue>>;

export function quarantine(reason: string): Quarantine {
  return { kind: 'quarantine', reason };
}
