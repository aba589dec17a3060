import type Database from 'better-sqlite3';
import { q, tableSpec } from '../catalog/index.js';
import { createTableAssessor, duplicateRulesFor } from '../rules/assess.js';
import { createContext, type AssessContext, type DuplicateGroup } from '../rules/context.js';
import type { SourceSchema } from '../source/schema.js';
import { findTable } from '../source/schema.js';
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

export function findRowDecisions(
  db: Database.Database,
  schema: SourceSchema,
  d: Decisions,
): RowDecisions {
  const duplicates = findDuplicates(db, schema);
  const ctx = createContext({
    zone: d.plantZone,
    schema,
    timeBases: new Map(Object.entries(d.timeBases)),
    duplicates: toMaps(duplicates),
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

function findDuplicates(
  db: Database.Database,
  schema: SourceSchema,
): Record<string, Record<string, DuplicateGroup>> {
  const out: Record<string, Record<string, DuplicateGroup>> = {};
  for (const table of schema.tables) {
    for (const rule of duplicateRulesFor(schema, table.name)) {
      const key = table.columns.some((c) => c.name === 'id') ? 't.id' : 't.rowid';
      const rows = db
        .prepare(
          `SELECT k, first, n FROM (SELECT ${rule.keySql} AS k, min(${key}) AS first,
             count(*) AS n FROM ${q(table.name)} t GROUP BY 1) WHERE k IS NOT NULL AND n > 1`,
        )
        .safeIntegers(true)
        .all() as { k: unknown; first: bigint; n: bigint }[];
      const groups: Record<string, DuplicateGroup> = {};
      for (const r of rows) groups[String(r.k)] = { first: String(r.first), count: Number(r.n) };
      out[rule.name] = groups;
    }
  }
  return out;
}

function toMaps(
  d: Record<string, Record<string, DuplicateGroup>>,
): Map<string, Map<string, DuplicateGroup>> {
  return new Map(Object.entries(d).map(([rule, groups]) => [rule, new Map(Object.entries(groups))]));
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
