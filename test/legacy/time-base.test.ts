/**
 * The time base of each column is decided from evidence in the file and shown with it:
 * DEFAULT CURRENT_TIMESTAMP columns are UTC; app-written columns are compared with the UTC
 * timestamps of rows written at the same moment.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { planLegacyImport } from '../../src/server/legacy/plan/build-plan.js';
import type { ImportPlan } from '../../src/server/legacy/plan/types.js';
import { generateLegacyDb } from './generate.js';
import { scratchDir } from './helpers.js';

const tmp = scratchDir();
afterAll(() => tmp.remove());
const JNB = 'Africa/Johannesburg';
const BERLIN = 'Europe/Berlin';

const decision = (plan: ImportPlan, name: string) => {
  const d = plan.timeBases.find((x) => x.name === name);
  if (!d) throw new Error(`no decision for ${name}`);
  return d;
};

describe('time base detection', () => {
  it('finds UTC in a file whose app wrote UTC', async () => {
    const gen = generateLegacyDb(tmp.file('utc.db'), { orders: 60, appTimeBase: 'utc' });
    const plan = await planLegacyImport(gen.path, { plantZone: JNB });
    const start = decision(plan, 'production_orders.start_time');
    expect(start).toMatchObject({
      base: 'utc',
      source: 'paired',
      confidence: 'strong',
      needsReview: false,
    });
    expect(start.evidence[0]).toMatchObject({
      against: 'production_events.timestamp',
      pairs: 60,
      nearZero: 60,
      nearPlantOffset: 0,
      other: 0,
      medianDiffMinutes: 0,
      plantOffsetsMinutes: [120],
      verdict: 'utc',
    });
    expect(decision(plan, 'production_stops.end_time')).toMatchObject({
      base: 'utc',
      source: 'paired',
    });
    expect(decision(plan, 'users.last_login')).toMatchObject({ base: 'utc', source: 'paired' });
    expect(decision(plan, 'production_events.timestamp')).toMatchObject({
      base: 'utc',
      source: 'default-utc',
      confidence: 'certain',
    });
    expect(decision(plan, 'downtime_events.start_time')).toMatchObject({
      base: 'utc',
      source: 'file-convention',
      needsReview: false,
    });
    expect(plan.summary.timeBasesToReview).toEqual([]);
  });

  it('finds SAST wall-clock time (+2 h) in a file whose app wrote plant time, UTC defaults kept UTC', async () => {
    const gen = generateLegacyDb(tmp.file('sast.db'), { orders: 60, appTimeBase: 'plant' });
    const plan = await planLegacyImport(gen.path, { plantZone: JNB });
    const start = decision(plan, 'production_orders.start_time');
    expect(start).toMatchObject({ base: 'plant', source: 'paired', confidence: 'strong' });
    expect(start.evidence[0]).toMatchObject({
      pairs: 60,
      nearZero: 0,
      nearPlantOffset: 60,
      medianDiffMinutes: 120,
      verdict: 'plant',
    });
    expect(start.explanation).toMatch(/60 pairs .*median difference \+120 min/);
    for (const name of [
      'production_orders.complete_time',
      'production_orders.stop_time',
      'production_stops.end_time',
      'users.last_login',
    ]) {
      expect(decision(plan, name).base, name).toBe('plant');
    }
    expect(decision(plan, 'production_stops.start_time')).toMatchObject({
      base: 'utc',
      source: 'default-utc',
    });
    expect(decision(plan, 'machines.last_maintenance')).toMatchObject({
      base: 'plant',
      source: 'file-convention',
    });
    expect(
      planTable(plan, 'production_orders').columns.find((c) => c.name === 'start_time')?.timeBase,
    ).toBe('plant');
  });

  it('takes an override, and still shows the evidence', async () => {
    const gen = generateLegacyDb(tmp.file('override.db'), { orders: 40, appTimeBase: 'plant' });
    const overrides = new Map([
      ['production_orders.start_time', 'utc' as const],
      ['production_events.timestamp', 'plant' as const],
    ]);
    const plan = await planLegacyImport(gen.path, { plantZone: JNB, timeBaseOverrides: overrides });
    expect(decision(plan, 'production_orders.start_time')).toMatchObject({
      base: 'utc',
      source: 'override',
    });
    expect(decision(plan, 'production_orders.start_time').evidence[0]?.verdict).toBe('plant');
    expect(decision(plan, 'production_events.timestamp')).toMatchObject({
      base: 'plant',
      source: 'override',
    });
    expect(plan.options.timeBaseOverrides).toEqual({
      'production_orders.start_time': 'utc',
      'production_events.timestamp': 'plant',
    });
    await expect(
      planLegacyImport(gen.path, {
        plantZone: JNB,
        timeBaseOverrides: new Map([['production_orders.notes', 'utc']]),
      }),
    ).rejects.toThrow(/no time column production_orders.notes/);
  });

  it('uses the zone offset at each instant in a DST zone (Berlin: +60 in winter, +120 in summer)', async () => {
    const gen = generateLegacyDb(tmp.file('berlin.db'), {
      orders: 400,
      appTimeBase: 'plant',
      plantZone: BERLIN,
      spanDays: 365,
    });
    const plan = await planLegacyImport(gen.path, { plantZone: BERLIN });
    const start = decision(plan, 'production_orders.start_time');
    expect(start).toMatchObject({ base: 'plant', source: 'paired' });
    expect(start.evidence[0]).toMatchObject({
      pairs: 400,
      nearPlantOffset: 400,
      nearZero: 0,
      plantOffsetsMinutes: [60, 120],
    });
    const utc = generateLegacyDb(tmp.file('berlin-utc.db'), {
      orders: 100,
      appTimeBase: 'utc',
      plantZone: BERLIN,
    });
    expect(
      decision(
        await planLegacyImport(utc.path, { plantZone: BERLIN }),
        'production_orders.start_time',
      ).base,
    ).toBe('utc');
  });

  it('asks for a review when there is no evidence, or when the evidence is mixed', async () => {
    const gen = generateLegacyDb(tmp.file('bare.db'), { orders: 40, appTimeBase: 'plant' });
    const db = new Database(gen.path);
    db.exec("DELETE FROM production_events; DELETE FROM audit_log WHERE action = 'login'");
    db.close();
    const bare = await planLegacyImport(gen.path, { plantZone: JNB });
    const start = decision(bare, 'production_orders.start_time');
    expect(start).toMatchObject({
      base: 'utc',
      source: 'no-evidence',
      confidence: 'none',
      needsReview: true,
    });
    expect(bare.summary.timeBasesToReview).toContain('production_orders.start_time');
    expect(bare.warnings.join('\n')).toMatch(/--time-base production_orders.start_time=utc\|plant/);

    const mixed = generateLegacyDb(tmp.file('mixed.db'), { orders: 40, appTimeBase: 'plant' });
    const m = new Database(mixed.path);
    // Half the orders written by an app version that used UTC.
    m.exec(
      "UPDATE production_orders SET start_time = datetime(start_time, '-2 hours') WHERE id % 2 = 0",
    );
    m.close();
    const plan = await planLegacyImport(mixed.path, { plantZone: JNB });
    const d = decision(plan, 'production_orders.start_time');
    expect(d.evidence[0]).toMatchObject({
      nearZero: 20,
      nearPlantOffset: 20,
      verdict: 'inconclusive',
    });
    expect(d.needsReview).toBe(true);
  });

  it('reads a DEFAULT that shifts the clock as plant time', async () => {
    const file = tmp.file('shifted.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE legacy_log (id INTEGER PRIMARY KEY, at DATETIME DEFAULT (datetime('now', '+2 hours')), msg TEXT);
      INSERT INTO legacy_log (msg) VALUES ('x');`);
    db.close();
    const plan = await planLegacyImport(file, { plantZone: JNB });
    expect(decision(plan, 'legacy_log.at')).toMatchObject({
      base: 'plant',
      source: 'default-shifted',
      known: false,
    });
  });
});

function planTable(plan: ImportPlan, name: string) {
  const t = plan.tables.find((x) => x.name === name);
  if (!t) throw new Error(name);
  return t;
}
