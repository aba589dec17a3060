/** Everything a row's assessment depends on besides the row itself. */
import type { SourceSchema } from '../source/schema.js';
import type { TimeBase } from '../values/time.js';
import { Contest } from './contests.js';

export interface DuplicateGroup {
  /** Key (decimal text) of the group's first row (lowest id), which keeps its value. */
  first: string;
  count: number;
}

export interface AssessContext {
  zone: string;
  schema: SourceSchema;
  /** Time base of a naive value in table.column. */
  timeBase(table: string, column: string): TimeBase;
  /** Keys of rows not imported, per table, for parent tables (filled in catalog order). */
  quarantined: Map<string, Set<string>>;
  /** Duplicate groups per rule name: group key → group (only groups of 2 or more). */
  duplicates: Map<string, Map<string, DuplicateGroup>>;
  contests: { runningOrders: Contest; openStops: Contest };
  /**
   * collect: the plan's pass (contest winners found at the end, added to the plan);
   * apply: the importer's pass with the plan's winners (every row fully decided as it streams).
   */
  mode: 'collect' | 'apply';
}

export interface ContextInput {
  zone: string;
  schema: SourceSchema;
  timeBases: ReadonlyMap<string, TimeBase>;
  duplicates: Map<string, Map<string, DuplicateGroup>>;
  /** Winners from a plan (apply mode): machine → 'table:key'. */
  winners?: { runningOrders: ReadonlyMap<string, string>; openStops: ReadonlyMap<string, string> };
}

export function createContext(i: ContextInput): AssessContext {
  const bases = new Map<string, Map<string, TimeBase>>();
  for (const [name, base] of i.timeBases) {
    const dot = name.indexOf('.');
    const table = name.slice(0, dot);
    let m = bases.get(table);
    if (!m) bases.set(table, (m = new Map()));
    m.set(name.slice(dot + 1), base);
  }
  return {
    zone: i.zone,
    schema: i.schema,
    timeBase: (table, column) => bases.get(table)?.get(column) ?? 'utc',
    quarantined: new Map(),
    duplicates: i.duplicates,
    contests: {
      runningOrders: new Contest('runningOrders', i.winners?.runningOrders),
      openStops: new Contest('openStops', i.winners?.openStops),
    },
    mode: i.winners ? 'apply' : 'collect',
  };
}
