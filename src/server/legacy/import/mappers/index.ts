import type Database from 'better-sqlite3';
import { CATALOG, q, type TableSpec } from '../../catalog/index.js';
import type { AssessContext } from '../../rules/context.js';
import type { SourceSchema, SourceTable } from '../../source/schema.js';
import type { TableMapper } from '../mapping.js';
import { assessedMapper, type TargetBuilder } from './assessed.js';
import * as core from './builders.js';
import * as later from './builders-later.js';
import { verbatimMapper } from './verbatim.js';

const BUILDERS: Record<string, TargetBuilder> = {
  environments: later.environments,
  machine_types: later.machineTypes,
  downtime_categories: later.downtimeCategories,
  machines: core.machines,
  operators: core.operators,
  users: core.users,
  reason_codes: core.reasonCodes,
  production_orders: core.productionOrders,
  production_events: core.productionEvents,
  production_stops: core.productionStops,
  downtime_events: core.downtimeEvents,
  waste_records: core.wasteRecords,
  production_waste: core.wasteRecords,
  audit_log: core.auditLog,
  maturation_room: later.maturationRoom,
  maturation_daily_checks: later.maturationChecks,
  labor_assignments: later.laborAssignments,
  attendance_register: later.attendanceRegister,
};

export interface PlannedTable {
  table: SourceTable;
  /** The catalog's spec; undefined for a table nobody documented. */
  spec?: TableSpec;
  /** Where its rows go: a table of the new model, or 'legacy.<name>' (verbatim copy). */
  target: string;
}

/**
 * The tables of the file in load order: the catalog's tables that are present (parents first),
 * then the tables nobody documented (copied verbatim), by name.
 */
export function plannedTables(schema: SourceSchema): PlannedTable[] {
  const present = new Map(schema.tables.map((t) => [t.name, t]));
  const known = CATALOG.flatMap((spec): PlannedTable[] => {
    const table = present.get(spec.name);
    if (!table) return [];
    const builder = spec.target.kind === 'table' ? BUILDERS[spec.name] : undefined;
    return [{ table, spec, target: builder ? builder.target.table : `legacy.${spec.name}` }];
  });
  const documented = new Set(CATALOG.map((t) => t.name));
  const unknown = schema.tables
    .filter((t) => !documented.has(t.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((table) => ({ table, target: `legacy.${table.name}` }));
  return [...known, ...unknown];
}

export interface MappedTable {
  mapper: TableMapper;
  table: SourceTable;
}

/** One fresh mapper per table, sharing the rules' context (quarantined parents cascade). */
export function buildMappers(schema: SourceSchema, actx: AssessContext): MappedTable[] {
  return plannedTables(schema).map(({ table, spec }) => {
    const builder = spec?.target.kind === 'table' ? BUILDERS[spec.name] : undefined;
    const mapper =
      spec && builder ? assessedMapper(spec, table, actx, builder) : verbatimMapper(table.name);
    return { mapper, table };
  });
}

/**
 * Ids reserved for legacy rows that keep theirs in a table that also gets created rows
 * (reasons, areas, machine types): created rows go above the highest legacy id.
 */
export function idFloors(db: Database.Database, schema: SourceSchema): Map<string, number> {
  const floors = new Map<string, number>();
  const pairs: [string, string][] = [
    ['reason_codes', 'stop_reasons'],
    ['environments', 'environments'],
    ['machine_types', 'machine_types'],
  ];
  for (const [source, target] of pairs) {
    const t = schema.tables.find((x) => x.name === source);
    if (!t?.columns.some((c) => c.name === 'id')) continue;
    const r = db
      .prepare(`SELECT max(id) AS m FROM ${q(source)}`)
      .safeIntegers(true)
      .get() as {
      m: bigint | null;
    };
    const m = typeof r.m === 'bigint' && r.m > 0n && r.m < 2_000_000_000n ? Number(r.m) : 0;
    floors.set(target, m);
  }
  return floors;
}
