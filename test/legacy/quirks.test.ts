/**
 * Each quirk of LEGACY.md on its own, then all together: the plan reports exactly what the
 * generator injected (same issues, same counts, same keys), and nothing on a clean file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { planLegacyImport } from '../../src/server/legacy/plan/build-plan.js';
import type { ImportPlan } from '../../src/server/legacy/plan/types.js';
import { generateLegacyDb, QUIRKS, type GenerateResult } from './generate.js';
import { issueCounts, issuesByLabel, lengths, planTable, scratchDir } from './helpers.js';

const tmp = scratchDir();
afterAll(() => tmp.remove());
const JNB = 'Africa/Johannesburg';

async function run(name: string, o: Parameters<typeof generateLegacyDb>[1]) {
  const gen = generateLegacyDb(tmp.file(`${name}.db`), o);
  const plan = await planLegacyImport(gen.path, { plantZone: JNB });
  return { gen, plan };
}

function checkTotals(gen: GenerateResult, plan: ImportPlan) {
  for (const [table, rows] of Object.entries(gen.counts)) {
    const t = planTable(plan, table);
    expect(t.rows, table).toBe(rows);
    expect(t.outcome.sourceRows, table).toBe(rows);
    expect(t.outcome.imported + t.outcome.quarantined, table).toBe(rows);
  }
  expect(plan.summary.imported + plan.summary.quarantined).toBe(plan.summary.sourceRows);
}

function checkInjected(gen: GenerateResult, plan: ImportPlan) {
  expect(issueCounts(plan)).toEqual(lengths(gen.injected));
  const byLabel = issuesByLabel(plan);
  for (const [label, keys] of Object.entries(gen.injected)) {
    for (const k of byLabel[label]?.sampleKeys ?? []) expect(keys, label).toContain(k);
  }
}

describe('a clean legacy file', () => {
  it('has no issues, nothing quarantined, every row accounted for', async () => {
    const { gen, plan } = await run('clean', { orders: 40, laterTables: true });
    checkTotals(gen, plan);
    expect(issueCounts(plan)).toEqual({});
    expect(plan.summary.quarantined).toBe(0);
    expect(plan.summary.recorded).toBe(0);
    expect(plan.summary.unknownTables).toBe(0);
    expect(plan.missingTables).toEqual([]);
    expect(plan.orphans).toEqual([]);
    expect(plan.duplicates.every((d) => d.groups === 0)).toBe(true);
    expect(plan.warnings).toEqual([]);
    expect(plan.contests.runningOrders).toHaveLength(12);
    expect(plan.contests.openStops).toHaveLength(6);
    expect(plan.contests.runningOrdersSuperseded + plan.contests.openStopsSuperseded).toBe(0);
    for (const [machine, [order]] of Object.entries(gen.facts).filter(([k]) =>
      k.startsWith('runningOrders:'),
    )) {
      const winner = plan.contests.runningOrders.find((w) => w.machineId === machine.split(':')[1]);
      expect(winner?.key).toBe(order);
    }
    expect(plan.environments.map((e) => e.code)).toEqual([
      'beverage',
      'blending',
      'maturation',
      'milk-powder',
      'packaging',
      'seasoning',
    ]);
    expect(plan.environments.every((e) => e.legacyId !== null)).toBe(true);
    expect(planTable(plan, 'production_stops').policies).toContainEqual({
      column: 'order_id',
      when: 'the order has no usable machine (stops need one)',
      disposition: 'quarantine-row',
    });
    expect(planTable(plan, 'production_orders').policies).toContainEqual({
      column: 'machine_id',
      when: 'points at a missing or quarantined machines row',
      disposition: 'clear-and-record',
    });
    expect(planTable(plan, 'quality_checks').policies).toEqual([]);
    const orders = planTable(plan, 'production_orders');
    expect(orders.columns.find((c) => c.name === 'quantity')?.storage).toEqual({
      integer: 40,
      real: 0,
      text: 0,
      blob: 0,
      null: 0,
    });
  });

  it('is written the same way for the same seed', async () => {
    const a = await run('seed-a', { orders: 30, seed: 7 });
    const b = await run('seed-b', { orders: 30, seed: 7 });
    const strip = (p: ImportPlan) => JSON.stringify({ ...p, createdAt: 0, source: 0 });
    expect(strip(a.plan)).toBe(strip(b.plan));
  });
});

describe.each(QUIRKS)('quirk %s alone', (quirk) => {
  it('is reported exactly (issues, counts, keys), and source = imported + quarantined', async () => {
    const { gen, plan } = await run(`q-${quirk}`, {
      orders: 40,
      quirks: [quirk],
      appTimeBase: 'plant',
    });
    checkTotals(gen, plan);
    checkInjected(gen, plan);
  });
});

describe('all quirks at once, with the later tables', () => {
  it('reports every injected issue exactly', async () => {
    const { gen, plan } = await run('all', {
      orders: 60,
      quirks: 'all',
      laterTables: true,
      appTimeBase: 'plant',
    });
    checkTotals(gen, plan);
    checkInjected(gen, plan);
    expect(Object.keys(gen.injected).length).toBeGreaterThan(50);
  });
});

describe('quirk details in the plan', () => {
  it('lists time formats, unknown tables and columns, and values past 2^53', async () => {
    const { gen, plan } = await run('details', {
      orders: 40,
      quirks: ['timeFormats', 'unknownTable', 'unknownColumn', 'bigIntegers'],
    });
    const orders = planTable(plan, 'production_orders');
    for (const [name, formats] of Object.entries(gen.formats)) {
      const [table, column] = name.split('.') as [string, string];
      const col = planTable(plan, table).columns.find((c) => c.name === column);
      for (const [format, count] of Object.entries(formats)) {
        expect(col?.time?.formats[format as keyof typeof formats], `${name} ${format}`).toBe(count);
      }
    }
    expect(orders.columns.find((c) => c.name === 'start_time')?.time?.unparseableSamples).toEqual([
      '"yesterday afternoon"',
    ]);
    expect(orders.unknownColumns).toEqual(['batch_ref']);
    expect(orders.columns.find((c) => c.name === 'batch_ref')).toMatchObject({
      known: false,
      target: null,
    });
    expect(
      plan.tables
        .filter((t) => !t.known)
        .map((t) => t.name)
        .sort(),
    ).toEqual(['kv_settings', 'legacy_shift_notes']);
    expect(planTable(plan, 'kv_settings')).toMatchObject({
      withoutRowid: true,
      rows: 2,
      maxRowid: null,
      target: { kind: 'legacy-copy' },
    });
    expect(planTable(plan, 'production_events').maxRowid).toBe('9007199254740993');
    expect(planTable(plan, 'production_orders').maxRowid).toBe('3000000000');
    const entity = planTable(plan, 'audit_log').columns.find((c) => c.name === 'entity_id');
    expect(entity?.number?.beyondSafeInteger).toBe(1);
    expect(entity?.number?.samples.beyondSafeInteger).toEqual(['9007199254740993']);
    expect(plan.warnings.join('\n')).toMatch(/unknown tables .*kv_settings, legacy_shift_notes/);
  });

  it('reports duplicates, orphans with their missing parents, and the mapping tables', async () => {
    const { plan } = await run('dups', {
      orders: 40,
      quirks: [
        'duplicateReasonCodes',
        'duplicateUsers',
        'orphans',
        'legacyEnums',
        'booleanSpellings',
        'textInNumbers',
      ],
    });
    const maint = plan.duplicates.find((d) => d.rule === 'reason_codes.code');
    expect(maint).toMatchObject({ policy: 'merge', groups: 3, laterRows: 5 });
    expect(maint?.samples.find((s) => s.key === 'MAINT')).toEqual({
      key: 'MAINT',
      firstId: '1',
      rows: 3,
    });
    expect(plan.reasonTree.reasonCodes.find((r) => r.code === 'MATSHO')).toMatchObject({
      rows: 3,
      firstId: '2',
      category: 'MATERIAL',
    });
    const machineOrphans = plan.orphans.find(
      (o) => o.table === 'production_orders' && o.column === 'machine_id',
    );
    expect(machineOrphans).toMatchObject({
      parent: 'machines',
      missing: 1,
      parentQuarantined: 0,
      consequence: 'clear-and-record',
    });
    expect(machineOrphans?.sampleMissingParents).toHaveLength(1);
    expect(
      plan.orphans.find((o) => o.table === 'production_stops' && o.column === 'order_id')
        ?.consequence,
    ).toBe('quarantine-row');
    expect(plan.orphans.find((o) => o.column === 'operator_id')?.consequence).toBe('report-only');
    const priority = plan.mappings.find((m) => m.name === 'order-priority');
    expect(priority?.found).toContainEqual({
      column: 'production_orders.priority',
      value: 'medium',
      count: 1,
      becomes: 'normal',
      how: 'alias',
    });
    expect(priority?.found).toContainEqual({
      column: 'production_orders.priority',
      value: 'whenever',
      count: 1,
      becomes: 'normal',
      how: 'unknown-fallback',
    });
    expect(priority?.aliases).toContainEqual({ from: 'medium', to: 'normal' });
    const roles = plan.mappings.find((m) => m.name === 'user-role')?.found ?? [];
    expect(roles.find((f) => f.value === 'packer')).toMatchObject({
      becomes: 'operator',
      how: 'alias',
    });
    expect(roles.find((f) => f.value === 'superhero')).toMatchObject({
      becomes: 'viewer',
      how: 'unknown-fallback',
    });
    const cats = plan.mappings.find((m) => m.name === 'stop-category')?.found ?? [];
    expect(cats.find((f) => f.value === 'safety')).toMatchObject({ becomes: 'SAFETY', count: 1 });
    expect(cats.find((f) => f.value === 'maintenance')).toMatchObject({ becomes: 'PLANNED' });
    const active =
      planTable(plan, 'users').columns.find((c) => c.name === 'is_active')?.bool?.spellings ?? [];
    expect(active.map((s) => s.spelling).sort()).toEqual(
      ["'f'", "'false'", "'maybe'", "'no'", "'t'", "'true'", "'yes'", '0', '1'].sort(),
    );
    expect(active.find((s) => s.spelling === "'maybe'")?.value).toBeNull();
    const prefs =
      planTable(plan, 'notification_preferences').columns.find((c) => c.name === 'email_enabled')
        ?.bool?.spellings ?? [];
    expect(prefs.map((s) => s.spelling)).toEqual(
      expect.arrayContaining(["'true'", "'yes'", "'T'", '1']),
    );
    const reason = planTable(plan, 'waste_records').columns.find((c) => c.name === 'reason');
    expect(reason?.text?.numericLooking).toBe(1);
    const quantity = planTable(plan, 'production_orders').columns.find(
      (c) => c.name === 'quantity',
    )?.number;
    expect(quantity).toMatchObject({ withUnit: 1, notANumber: 1 });
    expect(quantity?.samples.withUnit).toEqual(['"12 kg"']);
  });

  it('decides one running order and one open stop per machine', async () => {
    const { gen, plan } = await run('contests', {
      orders: 40,
      quirks: ['openIntervals', 'runningConflicts'],
    });
    expect(plan.contests.runningOrdersSuperseded).toBe(1);
    expect(plan.contests.openStopsSuperseded).toBe(2);
    const winner = gen.facts['openStops:winner']?.[0];
    expect(
      plan.contests.openStops.some((w) => w.table === 'downtime_events' && w.key === winner),
    ).toBe(true);
    expect(planTable(plan, 'downtime_events').outcome.quarantined).toBe(2);
    expect(planTable(plan, 'production_orders').outcome).toMatchObject({
      quarantined: 0,
      recorded: 2,
    });
  });

  it('cascades: rows of a quarantined order are quarantined too', async () => {
    const { plan } = await run('cascade', { orders: 40, quirks: ['nonPositiveQuantities'] });
    expect(planTable(plan, 'production_orders').outcome.quarantined).toBe(2);
    expect(planTable(plan, 'production_events').outcome.quarantined).toBe(1);
    expect(planTable(plan, 'production_stops').outcome.quarantined).toBe(1);
    expect(planTable(plan, 'waste_records').outcome.quarantined).toBe(3);
    expect(plan.orphans.find((o) => o.table === 'production_events')).toMatchObject({
      missing: 0,
      parentQuarantined: 1,
    });
  });
});
