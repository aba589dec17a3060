/** The legacy catalog: known tables in import (dependency) order, and lookups. */
import {
  ATTENDANCE_REGISTER,
  DOWNTIME_CATEGORIES,
  ENVIRONMENTS,
  LABOR_ASSIGNMENTS,
  MACHINE_CREWS,
  MACHINE_TYPES,
  MATURATION_DAILY_CHECKS,
  MATURATION_ROOM,
  PRODUCTION_WASTE,
  SHIFT_SUPERVISORS,
} from './later-tables.js';
import {
  AUDIT_LOG,
  DOWNTIME_EVENTS,
  MACHINES,
  NOTIFICATION_PREFERENCES,
  NOTIFICATIONS,
  OPERATORS,
  PRODUCTION_EVENTS,
  PRODUCTION_ORDERS,
  PRODUCTION_STOPS,
  QUALITY_CHECKS,
  REASON_CODES,
  USERS,
  WASTE_RECORDS,
} from './snapshot-tables.js';
import type { ColumnSpec, TableSpec } from './types.js';

export * from './types.js';
export { DUPLICATE_RULES, type DuplicateRule } from './duplicates.js';
export { TIME_EVIDENCE, type TimeEvidenceSource } from './evidence.js';
export { q, lit, sqlMappedEnum, sqlNormalisedEnum } from './sql.js';

/** Parents before children: the order in which the importer loads (and the plan lists) them. */
export const CATALOG: readonly TableSpec[] = [
  ENVIRONMENTS,
  MACHINE_TYPES,
  DOWNTIME_CATEGORIES,
  MACHINES,
  OPERATORS,
  USERS,
  REASON_CODES,
  PRODUCTION_ORDERS,
  PRODUCTION_EVENTS,
  PRODUCTION_STOPS,
  DOWNTIME_EVENTS,
  WASTE_RECORDS,
  PRODUCTION_WASTE,
  QUALITY_CHECKS,
  AUDIT_LOG,
  NOTIFICATIONS,
  NOTIFICATION_PREFERENCES,
  MATURATION_ROOM,
  MATURATION_DAILY_CHECKS,
  MACHINE_CREWS,
  LABOR_ASSIGNMENTS,
  ATTENDANCE_REGISTER,
  SHIFT_SUPERVISORS,
];

export const SNAPSHOT_TABLES = CATALOG.filter((t) => t.version === 'snapshot');
export const LATER_TABLES = CATALOG.filter((t) => t.version === 'later');

const byName = new Map(CATALOG.map((t) => [t.name, t]));

export function tableSpec(name: string): TableSpec | undefined {
  return byName.get(name);
}

export function columnSpec(table: string, column: string): ColumnSpec | undefined {
  return byName.get(table)?.columns.find((c) => c.name === column);
}
