import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { generateLegacyDb, type GenerateResult } from './generate.js';
import { dumpDatabase, importFile, tempDir, withSource } from './import-support.js';
import { formatReport, type ImportReport } from '../../src/server/legacy/import/report.js';
import { verifyLegacy } from '../../src/server/legacy/verify/verifier.js';
import { silentProgress } from '../../src/server/legacy/import/progress.js';
import { LegacyTargetNotEmptyError } from '../../src/server/legacy/import/target-state.js';
import { LegacyDecisionsChangedError } from '../../src/server/legacy/import/importer.js';
import { seedDemoPlant } from '../../src/server/seed/demo.js';

/** Report-only issues of the catalog: shown by the plan, nothing recorded (values kept). */
const REPORT_ONLY = new Set([
  'production_orders.operator_id:orphan',
  'quality_checks.order_id:orphan',
  'notification_preferences.user_id:orphan',
]);

let db: TestDatabase;
let file: string;
let gen: GenerateResult;
let report: ImportReport;
let constraintsBefore: string[];
let indexesBefore: string[];

const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  (await db.pool.query<T>(sql, params)).rows;

async function constraints(): Promise<string[]> {
  const rows = await q<{ c: string }>(
    `select conrelid::regclass::text || ' ' || conname || ' ' || contype::text || ' ' || convalidated::text as c
     from pg_constraint where connamespace = 'public'::regnamespace
       and conrelid::regclass::text not like 'legacy%' order by 1`,
  );
  return rows.map((r) => r.c);
}

async function indexes(): Promise<string[]> {
  const rows = await q<{ d: string }>(
    `select indexdef as d from pg_indexes where schemaname = 'public' order by 1`,
  );
  return rows.map((r) => r.d);
}

beforeAll(async () => {
  db = await createTestDatabase();
  file = path.join(tempDir(), 'production.db');
  gen = generateLegacyDb(file, { orders: 400, seed: 11, quirks: 'all', laterTables: true });
  constraintsBefore = await constraints();
  indexesBefore = await indexes();
  report = await importFile(db.pool, file, { batchSize: 97 });
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

describe('legacy import of a generated file with every quirk', () => {
  it('accounts for every source row: source = imported + quarantined, per table', () => {
    expect(report.ok).toBe(true);
    for (const t of report.tables) {
      expect(t.sourceRows, t.table).toBe(gen.counts[t.table]);
      expect(t.imported + t.quarantined, t.table).toBe(t.sourceRows);
    }
    expect(report.tables.map((t) => t.table)).toEqual(
      expect.arrayContaining(Object.keys(gen.counts)),
    );
    expect(report.totals.quarantined).toBeGreaterThan(10);
  });

  it('verify finds no difference', async () => {
    const result = await withSource(db.pool, file, (source, client) =>
      verifyLegacy(client, source, { chunkSize: 50, progress: silentProgress, limit: 20 }),
    );
    expect(result.shown).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('keeps every constraint, all validated', async () => {
    const after = await constraints();
    expect(after).toEqual(constraintsBefore);
    expect(after.every((c) => c.endsWith(' true'))).toBe(true);
  });

  it('puts back every index and foreign key it set aside for the bulk load', async () => {
    expect(await indexes()).toEqual(indexesBefore);
    expect(indexesBefore.length).toBeGreaterThan(50);
    expect(await q(`select * from legacy_deferred`)).toEqual([]);
    expect(report.notRestored).toEqual([]);
  });

  it('records every injected quirk in legacy_quarantine (or only reports it)', async () => {
    const rows = await q<{ k: string }>(
      `select source_table || ':' || source_key as k from legacy_quarantine`,
    );
    const recorded = new Set(rows.map((r) => r.k));
    for (const [issue, keys] of Object.entries(gen.injected)) {
      if (REPORT_ONLY.has(issue)) continue;
      const table = issue.split('.')[0]!;
      for (const key of keys) expect(recorded.has(`${table}:${key}`), `${issue} ${key}`).toBe(true);
    }
  });

  it('keeps ids, sets sequences past them, and places rows by the rules', async () => {
    const [order] = await q<{ id: number }>(`select max(id) as id from production_orders`);
    const [seq] = await q<{ v: string }>(
      `select last_value::text as v from pg_sequences where sequencename = 'production_orders_id_seq'`,
    );
    expect(Number(seq!.v)).toBeGreaterThanOrEqual(order!.id);
    const quarantined = await q<{ k: string; action: string; raw: { id: unknown } }>(
      `select source_key as k, action, raw from legacy_quarantine where source_table = 'production_orders'`,
    );
    const big = quarantined.find((r) => r.k === '3000000000');
    expect(big).toMatchObject({ action: 'quarantined', raw: { id: 3000000000 } });
    for (const key of gen.injected['production_orders.status:running-order-superseded'] ?? []) {
      const [o] = await q<{ status: string }>(
        `select status from production_orders where id = $1`,
        [key],
      );
      expect(o?.status).toBe('pending');
    }
    const merged = await q<{ n: string }>(
      `select count(*)::text as n from legacy_quarantine where source_table = 'reason_codes' and action = 'imported_merged'`,
    );
    expect(Number(merged[0]!.n)).toBe(gen.injected['reason_codes.code:duplicate-merged']?.length);
    const [winner] = gen.facts['openStops:winner'] ?? [];
    const [open] = await q<{ ended_at: Date | null }>(
      `select s.ended_at from stops s join legacy_row_map m on m.target_id = s.id
       where m.source_table = 'downtime_events' and m.source_key = $1`,
      [winner],
    );
    expect(open).toEqual({ ended_at: null });
  });

  it('keeps integers past 2^53 exact', async () => {
    const big = await q<{ id: string }>(
      `select id::text from order_events where id > 9007199254740991`,
    );
    expect(big.length).toBe(1);
    const audit = await q<{ e: string }>(
      `select entity_id as e from audit_log where length(entity_id) > 15`,
    );
    expect(audit.map((a) => a.e)).toContain(big[0]!.id);
  });

  it('copies unknown tables and homeless columns verbatim into the legacy schema', async () => {
    const kv = await q<{ key: string; value: string }>(
      `select key, value from legacy.kv_settings order by key`,
    );
    expect(kv).toEqual([
      { key: 'export_dir', value: '/srv/exports' },
      { key: 'theme', value: 'dark' },
    ]);
    const [notes] = await q<{ n: string }>(
      `select count(*)::text as n from legacy.legacy_shift_notes`,
    );
    expect(Number(notes!.n)).toBe(gen.counts.legacy_shift_notes);
    const [side] = await q<{ n: string }>(
      `select count(*)::text as n from legacy.production_orders where batch_ref is not null`,
    );
    expect(Number(side!.n)).toBeGreaterThan(0);
  });

  it('a second import changes nothing', async () => {
    const before = await dumpDatabase(db.pool);
    const again = await importFile(db.pool, file, { batchSize: 97 });
    expect(again.ok).toBe(true);
    expect(await dumpDatabase(db.pool)).toEqual(before);
  });

  it('fails its report while anything set aside for the load is not back', async () => {
    const run = await q<{ id: number }>(`select id from legacy_runs where kind = 'import'`);
    await q(
      `insert into legacy_deferred (run_id, table_name, name, kind, definition)
       values ($1, 'waste', 'waste_probe_idx', 'index', 'CREATE INDEX waste_probe_idx ON waste (unit)')`,
      [run[0]!.id],
    );
    try {
      const again = await importFile(db.pool, file, { batchSize: 97 });
      expect(again.ok).toBe(false);
      expect(again.notRestored).toEqual(['waste.waste_probe_idx']);
      expect(again.tables.every((t) => t.ok)).toBe(true);
      const text = formatReport(again);
      expect(text).toMatch(/not yet put back: waste\.waste_probe_idx/);
      expect(text).toMatch(/^FAILED: constraints or indexes of the new model are missing/m);
    } finally {
      await q(`delete from legacy_deferred where name = 'waste_probe_idx'`);
    }
  });

  it('refuses to resume under other decisions', async () => {
    await expect(importFile(db.pool, file, { plantZone: 'Europe/Berlin' })).rejects.toBeInstanceOf(
      LegacyDecisionsChangedError,
    );
  });

  it('refuses a database that already holds a plant (the demo seed)', async () => {
    const other = await createTestDatabase();
    try {
      await seedDemoPlant(other.db);
      await expect(importFile(other.pool, file)).rejects.toBeInstanceOf(LegacyTargetNotEmptyError);
      const [runs] = (
        await other.pool.query<{ n: string }>(`select count(*)::text as n from legacy_runs`)
      ).rows;
      expect(runs!.n).toBe('0');
    } finally {
      await other.drop();
    }
  });
});
