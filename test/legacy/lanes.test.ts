import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { generateLegacyDb, QUIRKS } from './generate.js';
import { dumpDatabase, importFile, tempDir, withSource } from './import-support.js';
import { decisionsFor } from '../../src/server/legacy/import/cli-support.js';
import { contextFor } from '../../src/server/legacy/import/context.js';
import { applyContext, findRowDecisions } from '../../src/server/legacy/import/decide.js';
import { laneFor } from '../../src/server/legacy/import/lanes/index.js';
import { buildMappers } from '../../src/server/legacy/import/mappers/index.js';
import {
  hasColumnIn,
  KEY_MIN,
  readPlanFor,
  sourceBatches,
} from '../../src/server/legacy/import/source-rows.js';
import { silentProgress } from '../../src/server/legacy/import/progress.js';
import { syncLegacy } from '../../src/server/legacy/sync/syncer.js';
import type { TimeBase } from '../../src/server/legacy/values/index.js';

/**
 * Lanes (src/server/legacy/import/lanes) are the import's short way for plain rows. They must
 * make of a row exactly what the rules make of it: the same file imported with lanes and with
 * every row through the rules gives the same database, row hashes and quarantine included.
 */

const LANE_TABLES = ['production_orders', 'production_events', 'production_stops', 'waste_records'];
const dir = tempDir();
const pools: TestDatabase[] = [];

async function importBoth(
  file: string,
  o: { timeBases?: Map<string, TimeBase>; plantZone?: string } = {},
) {
  const [withLanes, withoutLanes] = [await createTestDatabase(), await createTestDatabase()];
  pools.push(withLanes, withoutLanes);
  const a = await importFile(withLanes.pool, file, { ...o, batchSize: 113 });
  const b = await importFile(withoutLanes.pool, file, { ...o, batchSize: 113, lanes: false });
  return {
    a,
    b,
    dumpA: await dumpDatabase(withLanes.pool),
    dumpB: await dumpDatabase(withoutLanes.pool),
  };
}

/** How many rows of each lane table its lane takes (the rest go through the rules). */
async function laneCounts(file: string, db: TestDatabase) {
  return withSource(db.pool, file, async (source) => {
    const decisions = decisionsFor(source, 'Africa/Johannesburg', new Map());
    const actx = applyContext(source.schema, decisions, findRowDecisions(source, decisions));
    const ctx = contextFor(decisions, '2026-01-01T00:00:00.000000Z');
    const out: Record<string, { taken: number; rules: number }> = {};
    for (const { mapper, table } of buildMappers(source.schema, actx)) {
      if (!LANE_TABLES.includes(table.name)) continue;
      const lane = laneFor(table, actx, ctx);
      const plan = readPlanFor(table, mapper, hasColumnIn(source.schema));
      const n = { taken: 0, rules: 0 };
      for (const rows of sourceBatches(source.db, plan, KEY_MIN, 500)) {
        for (const r of rows) n[lane?.(r) ? 'taken' : 'rules']++;
      }
      out[table.name] = n;
    }
    return out;
  });
}

afterAll(async () => {
  for (const p of pools) await p.drop();
});

describe('import lanes', () => {
  let file: string;
  beforeAll(() => {
    file = path.join(dir, 'all-quirks.db');
    generateLegacyDb(file, { orders: 600, seed: 23, quirks: 'all', laterTables: true });
  });

  it('take the plain rows and leave every quirky one to the rules', async () => {
    const db = await createTestDatabase();
    pools.push(db);
    const counts = await laneCounts(file, db);
    for (const t of LANE_TABLES) {
      expect(counts[t]!.taken, t).toBeGreaterThan(counts[t]!.rules);
      expect(counts[t]!.rules, t).toBeGreaterThan(0);
    }
  });

  it('give the same database as the rules alone, on a file with every quirk', async () => {
    const { a, b, dumpA, dumpB } = await importBoth(file);
    expect(a.ok).toBe(true);
    expect(b.ok).toBe(true);
    for (const table of Object.keys(dumpB)) expect(dumpA[table], table).toEqual(dumpB[table]);
  }, 120_000);

  it('give the same database with plant-time bases and another plant zone', async () => {
    const other = path.join(dir, 'plant-base.db');
    generateLegacyDb(other, {
      orders: 300,
      seed: 5,
      quirks: QUIRKS.filter((q) => q !== 'unknownColumn'),
      appTimeBase: 'plant',
      plantZone: 'America/New_York',
    });
    const timeBases = new Map<string, TimeBase>([['production_events.timestamp', 'plant']]);
    const { dumpA, dumpB } = await importBoth(other, { timeBases, plantZone: 'America/New_York' });
    for (const table of Object.keys(dumpB)) expect(dumpA[table], table).toEqual(dumpB[table]);
  }, 120_000);

  it('quarantine a lane row PostgreSQL refuses, with its reason, and land the rest', async () => {
    const plain = path.join(dir, 'plain.db');
    generateLegacyDb(plain, { orders: 100, seed: 8, quirks: 'none' });
    const db = await createTestDatabase();
    pools.push(db);
    // Constraints no rule foresees: a row written straight to COPY text (and, for the order,
    // its columns with no home) must come back out of the batch, the rest of which lands. (Order
    // 60 is in the third batch: by then the area it names is known, so it is written straight.)
    await db.pool.query('ALTER TABLE production_orders ADD CONSTRAINT refuse_60 CHECK (id <> 60)');
    await db.pool.query('ALTER TABLE order_events ADD CONSTRAINT refuse_42 CHECK (id <> 42)');
    const report = await importFile(db.pool, plain, { batchSize: 25 });
    expect(report.ok).toBe(true);
    const q = await db.pool.query<{ t: string; k: string; reason: string; id: unknown }>(
      `select source_table as t, source_key as k, reason, raw->'id' as id from legacy_quarantine
       where reason like 'refused by PostgreSQL%' order by 1, 2`,
    );
    expect(q.rows.map((r) => [r.t, r.k, r.id])).toEqual([
      ['production_events', '42', 42],
      ['production_orders', '60', 60],
    ]);
    expect(q.rows[0]!.reason).toMatch(/refuse_42/);
    expect(q.rows[1]!.reason).toMatch(/refuse_60/);
    const map = await db.pool.query<{ t: string; k: string; target: string | null }>(
      `select source_table as t, source_key::text as k, target_table as target from legacy_row_map
       where (source_table, source_key) in (('production_orders', 60), ('production_events', 42),
         ('production_orders', 61), ('production_events', 43)) order by 1, 2`,
    );
    expect(map.rows).toEqual([
      { t: 'production_events', k: '42', target: null },
      { t: 'production_events', k: '43', target: 'order_events' },
      { t: 'production_orders', k: '60', target: null },
      { t: 'production_orders', k: '61', target: 'production_orders' },
    ]);
    const counts = await db.pool.query<{ orders: number; side: number; kept60: number }>(
      `select (select count(*)::int from production_orders) as orders,
         (select count(*)::int from legacy.production_orders) as side,
         (select count(*)::int from legacy.production_orders where _source_key = 60) as kept60`,
    );
    expect(counts.rows[0]).toEqual({ orders: 99, side: 99, kept60: 0 });
    const events = report.tables.find((t) => t.table === 'production_events')!;
    expect(events.imported + events.quarantined).toBe(events.sourceRows);
    expect(events.quarantined).toBeGreaterThan(1); // 42, and the events of order 60
    // A sync of the unchanged file changes nothing: order 60 is still refused, so its events
    // still follow it into the quarantine (the rules alone would import them).
    const before = await dumpDatabase(db.pool);
    const again = await withSource(db.pool, plain, (source, client) =>
      syncLegacy(client, source, { chunkSize: 30, progress: silentProgress }),
    );
    expect(
      again.tables.filter((t) => t.inserted + t.updated + t.deleted + t.quarantined > 0),
    ).toEqual([]);
    expect(await dumpDatabase(db.pool)).toEqual(before);
  }, 60_000);
});
