/**
 * The ImportPlan: everything `shopfloor legacy plan` learns about a legacy file and decides for
 * its import, as data (`--json` prints it as is). The importer, verify and sync build on it:
 * - time bases: `timeBases` (one decision per time column, with its evidence);
 * - contest winners: `contests` (which order keeps running / which stop stays open per machine),
 *   to pass to rules/context.ts createContext({ winners }) so rows are decided while streaming;
 * - per table: `outcome` (source rows = imported + quarantined) and `issues` (why, how many,
 *   sample keys) — what the import must reproduce exactly.
 * Counts are numbers; keys and ids are decimal strings (exact past 2^53); times are ISO 8601.
 */
import type { Disposition, TableTarget } from '../catalog/types.js';
import type { ColumnStats } from '../profile/column-stats.js';
import type { PolicyPlan } from './policies.js';
import type { TimeBaseDecision } from '../profile/time-base.js';
import type { IssueCode, IssueDisposition } from '../rules/issues.js';
import type { OeeLoss } from '../values/reason-tree.js';
import type { TimeBase } from '../values/time.js';

export type { PolicyPlan };

export const IMPORT_PLAN_VERSION = 1;

export interface ImportPlan {
  planVersion: typeof IMPORT_PLAN_VERSION;
  /** When the plan was made (ISO 8601, UTC). */
  createdAt: string;
  source: PlanSource;
  options: PlanOptionsUsed;
  summary: PlanSummary;
  /** Every table of the file: known ones in import order, then unknown ones. */
  tables: TablePlan[];
  /** Known tables the file does not have (older or newer legacy versions). */
  missingTables: { name: string; version: 'snapshot' | 'later' }[];
  /** One decision per time column (known columns, and unknown columns declared DATE/TIME). */
  timeBases: TimeBaseDecision[];
  /** Each enum mapping table in code, with the values found in this file. */
  mappings: MappingPlan[];
  /** Environments the import creates: from the environments table and from area names used. */
  environments: EnvironmentPlan[];
  reasonTree: ReasonTreePlan;
  duplicates: DuplicatePlan[];
  orphans: OrphanPlan[];
  contests: ContestPlan;
  /** What the person running the import should look at. */
  warnings: string[];
}

export interface PlanSource {
  path: string;
  bytes: number;
  /** The file's modification time when read (ISO 8601). */
  modifiedAt: string;
  sqliteVersion: string;
  journalMode: string;
  /** read-transaction (WAL) or backup-copy (rollback journal): see source/open.ts. */
  snapshot: 'read-transaction' | 'backup-copy';
  snapshotAt: string;
  userVersion: number;
  pageSize: number;
  pageCount: number;
  views: string[];
}

export interface PlanOptionsUsed {
  plantZone: string;
  /** --time-base overrides, 'table.column' → base. */
  timeBaseOverrides: Record<string, TimeBase>;
}

export interface PlanSummary {
  tables: number;
  knownTables: number;
  unknownTables: number;
  sourceRows: number;
  imported: number;
  quarantined: number;
  /** Imported rows that are also recorded in legacy_quarantine (value cleared/replaced/merged). */
  recorded: number;
  /** 'table.column' of time columns whose base needs a human look (or a --time-base). */
  timeBasesToReview: string[];
}

export interface TablePlan {
  name: string;
  known: boolean;
  version: 'snapshot' | 'later' | 'unknown';
  /** Where its rows go; unknown tables are copied verbatim into the legacy schema. */
  target: TableTarget;
  rows: number;
  /** Largest rowid (decimal), for sequences and resume; null when empty or WITHOUT ROWID. */
  maxRowid: string | null;
  withoutRowid: boolean;
  outcome: TableOutcome;
  columns: ColumnPlan[];
  /** Known columns the file's table does not have (treated as NULL). */
  missingColumns: string[];
  /** Columns the catalog does not know: kept verbatim (legacy.<table>) with the row key. */
  unknownColumns: string[];
  /** Why rows of this file are quarantined, cleared, replaced, merged (or only reported). */
  issues: IssuePlan[];
  /** The rules for this table, whether or not this file triggers them. */
  policies: PolicyPlan[];
  note?: string;
}

export interface TableOutcome {
  sourceRows: number;
  /** Rows that become rows of the new model (or verbatim copies for legacy-copy tables). */
  imported: number;
  /** Rows that go to legacy_quarantine instead. imported + quarantined = sourceRows. */
  quarantined: number;
  /** Imported rows also recorded in legacy_quarantine (one entry per row, with every reason). */
  recorded: number;
}

export interface ColumnPlan extends ColumnStats {
  name: string;
  declaredType: string;
  notNull: boolean;
  defaultSql: string | null;
  known: boolean;
  /** The catalog role (key, ref, time, bool, number, enum, environment, text, json) or 'unknown'. */
  role: string;
  /** 'table.column' in the new model; null = kept verbatim in legacy.<table>. */
  target: string | null;
  /** For time columns: the base naive values are read in (see timeBases for the evidence). */
  timeBase?: TimeBase;
  note?: string;
}

export interface IssuePlan {
  code: IssueCode;
  column: string | null;
  disposition: IssueDisposition;
  count: number;
  /** Source keys (ids) of a few affected rows. */
  sampleKeys: string[];
  /** The first affected row's detail, e.g. '"2024-13-45 10:00" is not a valid date and time'. */
  example: string;
  explanation: string;
}

export interface MappingPlan {
  name: string;
  title: string;
  columns: string[];
  allowed: string[];
  /** The mapping table: legacy spelling (normalised) → new value. */
  aliases: { from: string; to: string }[];
  whenNull: string;
  whenUnknown: string;
  note?: string;
  /** Values found in this file (normalised spelling; null = NULL/blank), and what they become. */
  found: {
    column: string;
    value: string | null;
    count: number;
    becomes: string | null;
    how: 'same' | 'alias' | 'null-default' | 'null' | 'unknown-fallback' | 'quarantine';
  }[];
}

export interface EnvironmentPlan {
  /** environments.code (slug). */
  code: string;
  name: string;
  /** The legacy environments row it comes from, when there is one (id preserved). */
  legacyId: string | null;
  /** How the file spells it ('Milk Powder', 'milk-powder', …). */
  spellings: string[];
  /** 'table.column' → rows naming it. */
  uses: Record<string, number>;
}

export interface ReasonTreePlan {
  categories: {
    code: string;
    name: string;
    planned: boolean;
    oeeLoss: OeeLoss;
    from: 'built-in' | 'downtime_categories';
  }[];
  /** reason_codes by normalised code: the first id keeps the row, the others merge into it. */
  reasonCodes: { code: string; firstId: string; rows: number; category: string }[];
  /** downtime_events.reason_code values with no reason_codes row: created under their category. */
  unknownDowntimeCodes: { code: string; rows: number; category: string }[];
  /** production_stops (category, reason text) pairs: each becomes a reason. */
  stopReasons: {
    distinct: number;
    top: { category: string; reason: string | null; rows: number }[];
  };
}

export interface DuplicatePlan {
  rule: string;
  table: string;
  column: string;
  policy: 'rename' | 'clear' | 'merge' | 'quarantine';
  description: string;
  /** Groups of 2 or more rows sharing a key, and the rows beyond the first of each. */
  groups: number;
  laterRows: number;
  samples: { key: string; firstId: string; rows: number }[];
}

export interface OrphanPlan {
  table: string;
  column: string;
  parent: string;
  /** Rows pointing at a parent that is not in the file. */
  missing: number;
  /** Rows pointing at a parent that is quarantined. */
  parentQuarantined: number;
  consequence: Disposition | 'report-only';
  sampleKeys: string[];
  /** A few referenced ids that do not exist. */
  sampleMissingParents: string[];
}

export interface ContestPlan {
  /** Per machine, the order that keeps running ('in_progress'/'paused'). */
  runningOrders: { machineId: string; table: string; key: string }[];
  /** Per machine, the stop that stays open. */
  openStops: { machineId: string; table: string; key: string }[];
  runningOrdersSuperseded: number;
  openStopsSuperseded: number;
}
