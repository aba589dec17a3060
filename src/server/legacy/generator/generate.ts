/**
 * Writes a legacy-shaped production.db (LEGACY.md) at any scale, with every quirk switchable and
 * a seed that makes it reproducible. Used by the tests (test/legacy/generate.ts) and by
 * `shopfloor legacy generate` (the benchmark's 1,000,000 orders: prepared statements in large
 * transactions, streaming, flat memory).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { assertTimeZone } from '../../../common/plant-time/index.js';
import { CATALOG, SNAPSHOT_TABLES } from '../catalog/index.js';
import { writeBaseline, type BaselineInput } from './baseline.js';
import { LegacyClock } from './clock.js';
import { createTableSql, UNKNOWN_TABLES_SQL } from './ddl.js';
import { writeLaterTables } from './later.js';
import { quirkKit } from './quirk-helpers.js';
import { applyQuirks } from './quirks.js';
import { Random } from './random.js';
import { QUIRKS, type GenerateOptions, type GenerateResult, type Quirk } from './types.js';
import { LegacyWriter } from './writer.js';

export * from './types.js';

export function resolveQuirks(q: GenerateOptions['quirks']): Quirk[] {
  if (q === undefined || q === 'none') return [];
  if (q === 'all') return [...QUIRKS];
  for (const name of q) if (!QUIRKS.includes(name)) throw new RangeError(`unknown quirk ${name}`);
  return [...q];
}

export function generateLegacyDb(path: string, o: GenerateOptions): GenerateResult {
  const options: GenerateResult['options'] = {
    orders: o.orders,
    seed: o.seed ?? 1,
    stopsPerOrder: o.stopsPerOrder ?? 1,
    downtimePerOrder: o.downtimePerOrder ?? 0.3,
    wastePerOrder: o.wastePerOrder ?? 0.2,
    machines: o.machines ?? 12,
    operators: o.operators ?? 20,
    appTimeBase: o.appTimeBase ?? 'utc',
    plantZone: assertTimeZone(o.plantZone ?? 'Africa/Johannesburg'),
    laterTables: o.laterTables ?? false,
    journalMode: o.journalMode ?? 'delete',
    firstDay: o.firstDay ?? '2024-01-08',
    spanDays: o.spanDays ?? 730,
    quirks: resolveQuirks(o.quirks),
  };
  if (!Number.isInteger(options.orders) || options.orders < options.machines + 10) {
    throw new RangeError(`orders must be a whole number of at least ${options.machines + 10}`);
  }
  if (fs.existsSync(path)) throw new Error(`${path} already exists`);
  const db = new Database(path);
  try {
    db.pragma('foreign_keys = OFF');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -65536');
    const quirks = new Set(options.quirks);
    const tables = options.laterTables ? CATALOG : SNAPSHOT_TABLES;
    for (const spec of tables) {
      const extra =
        spec.name === 'production_orders' && quirks.has('unknownColumn') ? ['batch_ref TEXT'] : [];
      db.exec(createTableSql(spec, extra));
      for (const index of spec.indexes ?? []) db.exec(index);
    }
    if (quirks.has('unknownTable')) for (const sql of UNKNOWN_TABLES_SQL) db.exec(sql);

    const rnd = new Random(options.seed);
    const clock = new LegacyClock(options.appTimeBase, options.plantZone);
    const writer = new LegacyWriter(db);
    const input: BaselineInput = {
      writer,
      rnd,
      clock,
      orders: options.orders,
      machines: options.machines,
      operators: options.operators,
      stopsPerOrder: options.stopsPerOrder,
      downtimePerOrder: options.downtimePerOrder,
      wastePerOrder: options.wastePerOrder,
      startMs: Date.parse(`${options.firstDay}T06:00:00Z`),
      spanDays: options.spanDays,
      ...(quirks.has('unknownColumn')
        ? { orderExtra: (id: number) => ({ batch_ref: id % 10 === 0 ? `B-${id}` : null }) }
        : {}),
    };
    const baseline = writeBaseline(input);
    const kit = quirkKit(writer, clock, baseline);
    const users = [...baseline.users];
    db.transaction(() => {
      users.push(...applyQuirks(options.quirks, kit, input));
      if (options.laterTables) writeLaterTables(kit, options.quirks);
    })();
    for (const [machine, r] of baseline.running) writer.fact(`runningOrders:${machine}`, r.order);
    db.pragma(`journal_mode = ${options.journalMode === 'wal' ? 'WAL' : 'DELETE'}`);
    const counts: Record<string, number> = {};
    for (const spec of tables) counts[spec.name] = writer.counts[spec.name] ?? 0;
    for (const name of ['legacy_shift_notes', 'kv_settings'])
      if (writer.counts[name]) counts[name] = writer.counts[name];
    return {
      path,
      options,
      counts,
      users,
      injected: writer.injected,
      formats: writer.formats,
      facts: writer.facts,
    };
  } finally {
    db.close();
  }
}
