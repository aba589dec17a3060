import { tableSpec } from '../catalog/index.js';
import { findDuplicates } from '../profile/prepass.js';
import { createTableAssessor } from '../rules/assess.js';
import { createContext, type AssessContext, type DuplicateGroup } from '../rules/context.js';
import type { LegacySource } from '../source/open.js';
import { findTable, hasColumn, type SourceSchema, type SourceTable } from '../source/schema.js';
import { q } from '../catalog/sql.js';
import { refKey } from '../rules/row.js';
import { RUNNING } from '../rules/tables.js';
import { mapLegacyEnum, ORDER_STATUS } from '../values/enums.js';
import { rowsSql } from '../source/rows.js';
import type { TimeBase } from '../values/index.js';
import type { Decisions } from './context.js';

/**
 * What the rules need to decide a row in one pass (apply mode), found by looking at the whole
 * file first: duplicate groups (first row of each group) and the winners of the "one per
 * machine" contests (running orders, open stops). An import stores them with its run, so a
 * resumed import decides exactly as the first attempt did; sync and verify find them afresh in
 * the current file (the time bases always come from the import).
 */
export interface RowDecisions {
  duplicates: Record<string, Record<string, DuplicateGroup>>;
  winners: { runningOrders: Record<string, string>; openStops: Record<string, string> };
}

/** Tables whose rows take part in the contests, and the parents whose fate they depend on. */
const CONTEST_TABLES = ['machines', 'production_orders', 'production_stops', 'downtime_events'];
const STOP_TABLES = ['production_stops', 'downtime_events'];

/**
 * Finds the duplicate groups and the contests' winners. Only the rows that can take part are
 * assessed: every machine; the orders whose status holds a machine, and the orders of open
 * stops (whose fate decides whether such a stop can be placed); the open stops. Closed stops and
 * other orders cannot change a winner. `thorough` assesses every row of those tables instead
 * (the tests hold the two to the same result).
 */
export function findRowDecisions(
  source: LegacySource,
  d: Decisions,
  o: { thorough?: boolean } = {},
): RowDecisions {
  const { db, schema } = source;
  const groups = findDuplicates(source).groups;
  const duplicates = Object.fromEntries(
    [...groups].map(([rule, g]) => [rule, Object.fromEntries(g)]),
  );
  const ctx = createContext({
    zone: d.plantZone,
    schema,
    timeBases: new Map(Object.entries(d.timeBases)),
    duplicates: groups,
  });
  for (const name of CONTEST_TABLES) {
    const spec = tableSpec(name);
    const table = findTable(schema, name);
    if (!spec || !table || table.withoutRowid) continue;
    const assessor = createTableAssessor(spec, table, ctx);
    const assess = (where?: string) => {
      const stmt = db.prepare(rowsSql(table, { extra: assessor.extra, where })).safeIntegers(true);
      for (const row of stmt.iterate() as IterableIterator<Record<string, unknown>>) {
        assessor.assess(row);
      }
    };
    if (o.thorough || name === 'machines') assess();
    else if (name === 'production_orders') assessRowids(db, table, assessor, contestOrders(source));
    else if (hasColumn(schema, name, 'end_time')) assess('t.end_time IS NULL');
  }
  const winners = (c: AssessContext['contests']['runningOrders']) =>
    Object.fromEntries([...c.winners].map(([m, e]) => [m, `${e.table}:${e.key}`]));
  return {
    duplicates,
    winners: {
      runningOrders: winners(ctx.contests.runningOrders),
      openStops: winners(ctx.contests.openStops),
    },
  };
}

/**
 * Rowids of the orders that can matter to a contest: a status that holds a machine, or the
 * order of an open stop (matched by key as the rules match a reference: refKey).
 */
function contestOrders(source: LegacySource): bigint[] {
  const { db, schema } = source;
  const ofOpenStops = new Set<string>();
  for (const name of STOP_TABLES) {
    if (!hasColumn(schema, name, 'end_time') || !hasColumn(schema, name, 'order_id')) continue;
    const sql = `SELECT DISTINCT order_id FROM ${q(name)} WHERE end_time IS NULL`;
    for (const [v] of db.prepare(sql).raw(true).safeIntegers(true).iterate() as Iterable<
      [unknown]
    >) {
      const key = refKey(v);
      if (key !== null) ofOpenStops.add(key);
    }
  }
  const idColumn = hasColumn(schema, 'production_orders', 'id') ? 't.id' : 't.rowid';
  const status = hasColumn(schema, 'production_orders', 'status') ? 't.status' : 'NULL';
  const sql = `SELECT t.rowid, ${idColumn}, ${status} FROM ${q('production_orders')} t ORDER BY t.rowid`;
  const rowids: bigint[] = [];
  for (const [rowid, id, raw] of db.prepare(sql).raw(true).safeIntegers(true).iterate() as Iterable<
    [bigint, unknown, unknown]
  >) {
    const mapped = mapLegacyEnum(ORDER_STATUS, raw);
    const running = 'value' in mapped && RUNNING.has(mapped.value);
    if (running || ofOpenStops.has(refKey(id) ?? '')) rowids.push(rowid);
  }
  return rowids;
}

function assessRowids(
  db: LegacySource['db'],
  table: SourceTable,
  assessor: ReturnType<typeof createTableAssessor>,
  rowids: readonly bigint[],
): void {
  const stmt = db
    .prepare(rowsSql(table, { extra: assessor.extra, where: 't.rowid = ?' }))
    .safeIntegers(true);
  for (const rowid of rowids) {
    const row = stmt.get(rowid) as Record<string, unknown> | undefined;
    if (row) assessor.assess(row);
  }
}

function toMaps(
  d: Record<string, Record<string, DuplicateGroup>>,
): Map<string, Map<string, DuplicateGroup>> {
  return new Map(
    Object.entries(d).map(([rule, groups]) => [rule, new Map(Object.entries(groups))]),
  );
}

/** The rules' context in apply mode, with these decisions. */
export function applyContext(schema: SourceSchema, d: Decisions, r: RowDecisions): AssessContext {
  return createContext({
    zone: d.plantZone,
    schema,
    timeBases: new Map<string, TimeBase>(Object.entries(d.timeBases)),
    duplicates: toMaps(r.duplicates),
    winners: {
      runningOrders: new Map(Object.entries(r.winners.runningOrders)),
      openStops: new Map(Object.entries(r.winners.openStops)),
    },
  });
}
