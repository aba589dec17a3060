import { tableSpec } from '../catalog/index.js';
import { findDuplicates } from '../profile/prepass.js';
import { createTableAssessor } from '../rules/assess.js';
import { createContext, type AssessContext, type DuplicateGroup } from '../rules/context.js';
import type { LegacySource } from '../source/open.js';
import { findTable, type SourceSchema } from '../source/schema.js';
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

export function findRowDecisions(source: LegacySource, d: Decisions): RowDecisions {
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
    const stmt = db.prepare(rowsSql(table, { extra: assessor.extra })).safeIntegers(true);
    for (const row of stmt.iterate() as IterableIterator<Record<string, unknown>>) {
      assessor.assess(row);
    }
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
