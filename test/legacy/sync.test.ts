import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { generateLegacyDb } from './generate.js';
import { dumpDatabase, importFile, tempDir, withSource } from './import-support.js';
import { syncLegacy, type SyncReport } from '../../src/server/legacy/sync/syncer.js';
import { verifyLegacy } from '../../src/server/legacy/verify/verifier.js';
import { silentProgress } from '../../src/server/legacy/import/progress.js';

/**
 * `legacy sync` against a file the legacy app kept changing after the import: hashing the file
 * in this thread, and in worker threads (the compiled worker, as `shopfloor legacy sync` runs it).
 */
const WORKER = new URL('../../dist/server/legacy/sync/digest-worker.js', import.meta.url);

describe.each([
  { how: 'in this thread', workers: undefined },
  { how: 'with worker threads', workers: { count: 2, script: WORKER } },
])('legacy sync, hashing $how', ({ workers }) => {
  let db: TestDatabase;
  let file: string;

  const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    (await db.pool.query<T>(sql, params)).rows;

  /** Changes the legacy file as the legacy app would (it is the only writer). */
  function legacyWrites(sql: string): void {
    const w = new Database(file);
    try {
      w.exec(sql);
    } finally {
      w.close();
    }
  }

  const sync = async () => {
    const r = await withSource(
      db.pool,
      file,
      (source, client) =>
        syncLegacy(client, source, { chunkSize: 37, progress: silentProgress, workers }),
      { share: true },
    );
    expect(r.workers).toBe(workers?.count ?? 0);
    return r;
  };

  const verify = () =>
    withSource(db.pool, file, (source, client) =>
      verifyLegacy(client, source, { chunkSize: 41, progress: silentProgress, limit: 20 }),
    );

  const changes = (r: SyncReport, table: string) => {
    const t = r.tables.find((x) => x.table === table)!;
    return {
      inserted: t.inserted,
      updated: t.updated,
      deleted: t.deleted,
      quarantined: t.quarantined,
    };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    file = path.join(tempDir(), 'production.db');
    generateLegacyDb(file, { orders: 200, seed: 31, quirks: 'all', laterTables: true });
    expect((await importFile(db.pool, file)).ok).toBe(true);
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('changes nothing when the file did not change', async () => {
    const before = await dumpDatabase(db.pool);
    const r = await sync();
    expect(r.ok).toBe(true);
    expect(r.tables.every((t) => t.inserted + t.updated + t.deleted + t.quarantined === 0)).toBe(
      true,
    );
    expect(await dumpDatabase(db.pool)).toEqual(before);
  });

  it('applies inserts, updates and deletes; verify is clean; a second sync changes nothing', async () => {
    legacyWrites(`
      INSERT INTO machines (id, name, environment, status) VALUES (500, 'Retort 9', 'Canning Line', 'available');
      INSERT INTO production_orders (id, order_number, product_name, quantity, environment, priority, status, machine_id, start_time)
        VALUES (5000, 'PO-NEW-1', 'Peach halves', 800, 'Canning Line', 'medium', 'in_progress', 500, '2026-01-05 08:00:00');
      INSERT INTO production_events (id, order_id, event_type, description) VALUES (90000, 5000, 'create', 'new'), (90001, 5000, 'start', NULL);
      INSERT INTO production_stops (id, order_id, start_time, end_time, reason, category) VALUES (90000, 5000, '2026-01-05 09:00:00', '2026-01-05 09:10:00', 'Seamer jam', 'Mechanical');
      INSERT INTO waste_records (id, order_id, waste_amount, reason) VALUES (90000, 5000, '4 kg', 'dented');
      INSERT INTO reason_codes (id, code, description) VALUES (900, 'SEAM', 'Seamer'), (901, 'maint', 'duplicate code');
      INSERT INTO quality_checks (id, order_id, check_type, result) VALUES (90000, 5000, 'seal', 'pass');
      INSERT INTO kv_settings (key, value) VALUES ('locale', 'en-ZA');
      UPDATE production_orders SET status = 'completed', complete_time = '2026-01-04 16:00:00', actual_quantity = 2400 WHERE id = 1;
      UPDATE production_events SET description = 'edited later' WHERE id = (SELECT min(id) FROM production_events WHERE order_id = 2);
      UPDATE users SET email = 'new.address@plant.example' WHERE id = 2;
      DELETE FROM production_events WHERE order_id = 3;
      DELETE FROM production_stops WHERE order_id = 3;
      DELETE FROM downtime_events WHERE order_id = 3;
      DELETE FROM waste_records WHERE order_id = 3;
      DELETE FROM quality_checks WHERE order_id = 3;
      DELETE FROM production_orders WHERE id = 3;
      DELETE FROM kv_settings WHERE key = 'theme';
      UPDATE production_orders SET quantity = 0 WHERE id = 4;
    `);
    const r = await sync();
    expect(r.ok).toBe(true);
    expect(changes(r, 'production_orders')).toMatchObject({
      inserted: 1,
      updated: 1,
      deleted: 2,
      quarantined: 1,
    });
    expect(changes(r, 'machines').inserted).toBe(1);
    expect(changes(r, 'production_events').inserted).toBe(2);
    expect(changes(r, 'kv_settings')).toMatchObject({ inserted: 1, deleted: 1 });
    const [order] = await q<{
      status: string;
      produced_quantity: string;
      machine_id: number;
      env: string;
    }>(
      `select o.status, o.produced_quantity, o.machine_id, e.code as env from production_orders o
       join environments e on e.id = o.environment_id where o.id = 5000`,
    );
    expect(order).toEqual({
      status: 'in_progress',
      produced_quantity: '0',
      machine_id: 500,
      env: 'canning-line',
    });
    expect(await q(`select id from production_orders where id in (3, 4)`)).toEqual([]);
    const [four] = await q<{ action: string; reason: string }>(
      `select action, reason from legacy_quarantine where source_table = 'production_orders' and source_key = '4'`,
    );
    expect(four?.action).toBe('quarantined');
    expect(await q(`select id from order_events where order_id = 4`)).toEqual([]);
    expect(await q(`select id from stops where order_id = 4`)).toEqual([]);
    const [user] = await q<{ email: string }>(`select email from users where id = 2`);
    expect(user?.email).toBe('new.address@plant.example');

    const v = await verify();
    expect(v.shown).toEqual([]);

    const before = await dumpDatabase(db.pool);
    const again = await sync();
    expect(
      again.tables.every((t) => t.inserted + t.updated + t.deleted + t.quarantined === 0),
    ).toBe(true);
    expect(await dumpDatabase(db.pool)).toEqual(before);
  });

  it('a changed reference row keeps its role: the first row with a code owns it, a duplicate stays merged', async () => {
    legacyWrites(`
      UPDATE reason_codes SET description = 'Seamer, line 2' WHERE id = 900;
      UPDATE reason_codes SET description = 'duplicate code, edited' WHERE id = 901;
    `);
    const r = await sync();
    expect(changes(r, 'reason_codes')).toMatchObject({ updated: 2, quarantined: 0 });
    const records = await q<{ source_key: string; action: string }>(
      `select source_key, action from legacy_quarantine
       where source_table = 'reason_codes' and source_key in ('900', '901') order by source_key`,
    );
    expect(records).toEqual([{ source_key: '901', action: 'imported_merged' }]);
    expect((await verify()).shown).toEqual([]);
  });

  it('a fixed row comes back with its children', async () => {
    legacyWrites(`UPDATE production_orders SET quantity = 10 WHERE id = 4;`);
    const r = await sync();
    expect(changes(r, 'production_orders').inserted).toBe(1);
    expect(changes(r, 'production_events').inserted).toBeGreaterThan(0);
    expect(await q(`select id from production_orders where id = 4`)).toEqual([{ id: 4 }]);
    expect(
      await q(
        `select 1 from legacy_quarantine where source_table = 'production_orders' and source_key = '4'`,
      ),
    ).toEqual([]);
    expect((await verify()).shown).toEqual([]);
  });

  it('keeps a deleted row the new system refers to, and removes it once it does not', async () => {
    const [o] = await q<{ id: number }>(
      `select id from production_orders where id not in (select order_id from waste) and status = 'completed' order by id limit 1`,
    );
    await q(
      `insert into waste (order_id, waste_type, quantity, unit, recorded_at) values ($1, 'packaging', 2, 'kg', now())`,
      [o!.id],
    );
    legacyWrites(`
      DELETE FROM production_events WHERE order_id = ${o!.id};
      DELETE FROM production_stops WHERE order_id = ${o!.id};
      DELETE FROM downtime_events WHERE order_id = ${o!.id};
      DELETE FROM waste_records WHERE order_id = ${o!.id};
      DELETE FROM quality_checks WHERE order_id = ${o!.id};
      DELETE FROM production_orders WHERE id = ${o!.id};
    `);
    const r = await sync();
    expect(r.ok).toBe(true);
    expect(r.after.tables.find((t) => t.table === 'production_orders')?.kept).toBe(1);
    const [rec] = await q<{ action: string; reason: string; target_id: string }>(
      `select action, reason, target_id::text from legacy_quarantine
       where source_table = 'production_orders' and source_key = $1`,
      [String(o!.id)],
    );
    expect(rec).toMatchObject({ action: 'kept_after_source_delete', target_id: String(o!.id) });
    expect(rec!.reason).toMatch(/deleted in the source; kept: the new system still refers to it/);
    const v = await verify();
    expect(v.shown.map((d) => `${d.table} ${d.key} ${d.column}`)).toEqual([
      `production_orders ${o!.id} row`,
    ]);

    await q(`delete from waste where order_id = $1`, [o!.id]);
    await sync();
    expect(await q(`select id from production_orders where id = $1`, [o!.id])).toEqual([]);
    expect((await verify()).shown).toEqual([]);
  });
});
