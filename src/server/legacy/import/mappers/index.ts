import type Database from 'better-sqlite3';
import { CATALOG, q } from '../../catalog/index.js';
import type { SourceSchema, SourceTable } from '../../source/schema.js';
import type { TableMapper } from '../mapping.js';
import {
  attendanceRegisterMapper,
  laborAssignmentsMapper,
  maturationChecksMapper,
  maturationRoomMapper,
} from './later.js';
import { productionEventsMapper, productionOrdersMapper } from './orders.js';
import { machinesMapper, operatorsMapper, usersMapper } from './people.js';
import { auditLogMapper, productionWasteMapper, verbatimMapper, wasteRecordsMapper } from './records.js';
import {
  downtimeCategoriesMapper,
  environmentsMapper,
  machineTypesMapper,
  reasonCodesMapper,
} from './reference.js';
import { downtimeEventsMapper, productionStopsMapper } from './stops.js';

const FACTORIES: Record<string, () => TableMapper> = {
  environments: environmentsMapper,
  machine_types: machineTypesMapper,
  downtime_categories: downtimeCategoriesMapper,
  machines: machinesMapper,
  operators: operatorsMapper,
  users: usersMapper,
  reason_codes: reasonCodesMapper,
  production_orders: productionOrdersMapper,
  production_events: productionEventsMapper,
  production_stops: productionStopsMapper,
  downtime_events: downtimeEventsMapper,
  waste_records: wasteRecordsMapper,
  production_waste: productionWasteMapper,
  audit_log: auditLogMapper,
  maturation_room: maturationRoomMapper,
  maturation_daily_checks: maturationChecksMapper,
  labor_assignments: laborAssignmentsMapper,
  attendance_register: attendanceRegisterMapper,
};

export interface MappedTable {
  mapper: TableMapper;
  table: SourceTable;
}

/**
 * One fresh mapper per table of the file, in load order: the catalog's tables that are present
 * (parents first), then the tables nobody documented (copied verbatim), by name.
 */
export function buildMappers(schema: SourceSchema): MappedTable[] {
  const present = new Map(schema.tables.map((t) => [t.name, t]));
  const known: MappedTable[] = CATALOG.flatMap((spec) => {
    const table = present.get(spec.name);
    if (!table) return [];
    const factory = spec.target.kind === 'table' ? FACTORIES[spec.name] : undefined;
    return [{ mapper: factory ? factory() : verbatimMapper(spec.name), table }];
  });
  const documented = new Set(CATALOG.map((t) => t.name));
  const unknown = schema.tables
    .filter((t) => !documented.has(t.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((table) => ({ mapper: verbatimMapper(table.name), table }));
  return [...known, ...unknown];
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
    const r = db.prepare(`SELECT max(id) AS m FROM ${q(source)}`).safeIntegers(true).get() as {
      m: bigint | null;
    };
    const m = typeof r.m === 'bigint' && r.m > 0n && r.m < 2_000_000_000n ? Number(r.m) : 0;
    floors.set(target, m);
  }
  return floors;
}
