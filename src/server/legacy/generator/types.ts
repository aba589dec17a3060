/** Options and results of the legacy file generator. */
import type { TimeBase, TimeFormat } from '../values/time.js';

/** Every quirk of LEGACY.md, switchable one by one. */
export const QUIRKS = [
  'timeFormats',
  'orphans',
  'duplicateReasonCodes',
  'duplicateUsers',
  'duplicateOrderNumbers',
  'openIntervals',
  'legacyEnums',
  'booleanSpellings',
  'textInNumbers',
  'forbiddenNulls',
  'nonPositiveQuantities',
  'unknownTable',
  'unknownColumn',
  'bigIntegers',
  'runningConflicts',
] as const;
export type Quirk = (typeof QUIRKS)[number];

export interface GenerateOptions {
  /** Production orders of the baseline (the quirks add a few more). */
  orders: number;
  seed?: number;
  /** Average production stops per completed order (default 1). */
  stopsPerOrder?: number;
  /** Chance that an order also has a downtime event (default 0.3). */
  downtimePerOrder?: number;
  /** Chance that an order has a waste record (default 0.2). */
  wastePerOrder?: number;
  machines?: number;
  operators?: number;
  /** How the app wrote the columns it filled itself (DEFAULT CURRENT_TIMESTAMP ones are UTC). */
  appTimeBase?: TimeBase;
  plantZone?: string;
  quirks?: 'all' | 'none' | readonly Quirk[];
  /** Also write the tables of later legacy versions (environments, maturation_room, …). */
  laterTables?: boolean;
  journalMode?: 'wal' | 'delete';
  /** The first order's plant day, 'YYYY-MM-DD' (default 2024-01-08). */
  firstDay?: string;
  /** Days the baseline orders span (default 730). */
  spanDays?: number;
}

export interface GeneratedUser {
  id: number;
  username: string;
  /** The plaintext password whose bcrypt hash the file holds. */
  password: string;
  role: string | null;
  email: string;
}

export interface GenerateResult {
  path: string;
  options: Required<Omit<GenerateOptions, 'quirks'>> & { quirks: Quirk[] };
  /** Rows written per table. */
  counts: Record<string, number>;
  users: GeneratedUser[];
  /**
   * What the quirks injected, as 'table.column:issue-code' → source keys: the plan must report
   * exactly these issues with exactly these counts (the baseline has none).
   */
  injected: Record<string, string[]>;
  /** Time formats other than naive text written per 'table.column' (by the timeFormats quirk). */
  formats: Record<string, Partial<Record<TimeFormat, number>>>;
  /** Ids of interest: the time-base evidence rows, the running orders, … */
  facts: Record<string, string[]>;
}
