import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { LegacySource } from '../../src/server/legacy/source/open.js';
import { decisionsFor } from '../../src/server/legacy/import/cli-support.js';
import { importLegacy } from '../../src/server/legacy/import/importer.js';
import { silentProgress } from '../../src/server/legacy/import/progress.js';
import { handMadeLegacyDb, tempDir } from './import-support.js';

const BCRYPT = '$2b$10$abcdefghijklmnopqrstuu9uzhwbYpQ2k9dQOMb3p8VjBuEuJC2W';

let db: TestDatabase;
let file: string;

beforeAll(async () => {
  db = await createTestDatabase();
  file = path.join(tempDir(), 'production.db');
  handMadeLegacyDb(
    file,
    `
    INSERT INTO machines (id, name, environment, status, capacity) VALUES
      (1, 'Blender 1', 'blending', 'available', 500), (2, 'Packer A', 'Packaging', 'running', NULL),
      (3, 'Blender 1', 'blending', 'weird', 'n/a');
    INSERT INTO operators VALUES (1, 'Thandi', 'blending', 'DS'), (2, 'Sipho', NULL, 'NS');
    INSERT INTO users (id, username, password_hash, email, role, created_at, last_login, is_active) VALUES
      (1, 'admin', '${BCRYPT}', 'admin@example.com', 'admin', '2024-01-01 08:00:00', NULL, 1),
      (2, 'john doe', '${BCRYPT}', 'not-an-email', 'manager', '2024-01-02 08:00:00', '2024-03-01 10:00:00', 't');
    INSERT INTO reason_codes (id, code, description) VALUES (1, 'MAINT', 'Maintenance'), (2, 'MATSHO', 'Material shortage'), (3, 'MAINT', 'Maint again'), (4, 'QUAL', 'Quality');
    INSERT INTO production_orders (id, order_number, product_name, quantity, environment, priority, due_date, status, machine_id, operator_id, start_time, complete_time, actual_quantity, created_by) VALUES
      (1, 'PO-1', 'Maize blend', 1000, 'blending', 'medium', '2024-05-01', 'completed', 1, 1, '2024-04-30 06:10:00', '2024-04-30 14:00:00', 1100, 1),
      (2, 'PO-2', 'Spice mix', 0, 'blending', 'high', NULL, 'pending', NULL, NULL, NULL, NULL, NULL, NULL),
      (3, 'PO-3', 'Milk powder', 50, 'milk-powder', 'low', NULL, 'in_progress', 99, 7, '2024-05-02 07:00:00', NULL, NULL, 42),
      (4, 'PO-4', 'Snack', 10, 'packaging', 'urgent', NULL, 'in_progress', 2, NULL, '2024-05-02 08:00:00', NULL, 3, 1);
    INSERT INTO production_events (id, order_id, event_type, description, timestamp) VALUES
      (1, 1, 'create', 'created', '2024-04-29 12:00:00'), (2, 1, 'start', NULL, '2024-04-30 06:10:00'),
      (3, 77, 'start', NULL, '2024-04-30 06:10:00'), (4, 4, 'teleport', 'odd', '2024-05-02 08:00:00');
    INSERT INTO production_stops (id, order_id, start_time, end_time, reason, category, notes, reported_by) VALUES
      (1, 1, '2024-04-30 09:00:00', '2024-04-30 09:30:00', 'Belt snapped', 'Maintenance', NULL, 2),
      (2, 4, '2024-05-02 09:00:00', NULL, 'No film', 'Utilities', NULL, 99),
      (3, 2, '2024-05-02 09:00:00', NULL, 'x', NULL, NULL, NULL);
    INSERT INTO downtime_events (id, order_id, machine_id, start_time, end_time, reason_code, root_cause, notes) VALUES
      (1, 1, 1, '2024-04-30 10:00:00', '2024-04-30 10:20:00', 'MATSHO', 'supplier', 'late'),
      (2, NULL, 2, '2024-05-01 10:00:00', NULL, 'maint', NULL, NULL),
      (3, 55, NULL, 'garbage', NULL, NULL, NULL, NULL);
    INSERT INTO waste_records (id, order_id, waste_amount, reason, timestamp) VALUES
      (1, 1, 12.5, '2', '2024-04-30 11:00:00'), (2, 1, '3 kg', 'spill', '2024-04-30 11:05:00'), (3, 88, 1, NULL, '2024-04-30 11:05:00'), (4, 1, -2, NULL, '2024-04-30 11:05:00');
    INSERT INTO quality_checks (id, order_id, check_type, result, notes) VALUES (1, 1, 'moisture', 'pass', NULL);
    INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, old_values, new_values, ip_address, user_agent, timestamp) VALUES
      (1, 1, 'login', NULL, NULL, NULL, NULL, '10.0.0.1', 'curl', '2024-03-01 10:00:00'),
      (2, 9, 'update', 'order', 9007199254740993, '{"a": 1.10, "b": [1,2]}', 'not json', NULL, NULL, '2024-03-01 10:00:00');
    INSERT INTO notifications VALUES (1, 'a@b.c', 'order_completed');
    INSERT INTO notification_preferences VALUES (1, 1, 'order_completed', 1, 0);
    CREATE TABLE mystery (a TEXT, b INTEGER, c BLOB);
    INSERT INTO mystery VALUES ('x', 1, x'00ff'), (NULL, 9007199254740993, NULL);
  `,
  );
});

afterAll(async () => {
  await db?.drop();
});

describe('legacy import (hand-made file)', () => {
  it('imports every row or quarantines it', async () => {
    const source = await LegacySource.open(file);
    try {
      const decisions = decisionsFor(source, 'Africa/Johannesburg', new Map());
      const client = await db.pool.connect();
      try {
        const report = await importLegacy(client, source, {
          decisions,
          batchSize: 2,
          progress: silentProgress,
        });
        console.log(JSON.stringify(report.tables, null, 1));
        expect(report.ok).toBe(true);
      } finally {
        client.release();
      }
    } finally {
      source.close();
    }
    const q = await db.pool.query(
      'select source_table, source_key, reason, action, cleared_columns from legacy_quarantine order by 1, 2',
    );
    console.log(q.rows);
  });
});
describe('dump', () => {
  it('dumps', async () => {
    for (const t of [
      'environments',
      'machines',
      'users',
      'stop_reasons',
      'production_orders',
      'order_events',
      'stops',
      'waste',
      'audit_log',
      'legacy.quality_checks',
      'legacy.mystery',
      'legacy.machines',
      'legacy.production_orders',
      'legacy_row_map',
    ]) {
      const r = await db.pool.query(`select * from ${t} order by 1, 2`);
      console.log(
        t,
        JSON.stringify(
          r.rows.map((x) =>
            Object.fromEntries(
              Object.entries(x).filter(([k]) => !['created_at', 'updated_at'].includes(k)),
            ),
          ),
        ),
      );
    }
  });
});
describe('verify', () => {
  it('finds no differences, then a tampered value', async () => {
    const { verifyLegacy } = await import('../../src/server/legacy/verify/verifier.js');
    const source = await LegacySource.open(file);
    const client = await db.pool.connect();
    try {
      const run = () =>
        verifyLegacy(client, source, { chunkSize: 3, progress: silentProgress, limit: 50 });
      const r1 = await run();
      console.log(r1.shown);
      expect(r1.differences).toBe(0);
      await client.query(`update production_orders set product_name = 'Tampered' where id = 4`);
      await client.query(`delete from legacy.machines where _source_key = 2`);
      const r2 = await run();
      console.log(r2.shown);
      expect(r2.shown.map((d) => `${d.table}/${d.key}/${d.column}`).sort()).toEqual([
        'machines/2/legacy.machines.efficiency_rating',
        'machines/2/legacy.machines.last_maintenance',
        'machines/2/legacy.machines.next_maintenance',
        'production_orders/4/product_name',
        'production_orders/4/updated_at',
      ]);
    } finally {
      client.release();
      source.close();
    }
  });
});

describe('sync', () => {
  it('applies inserts, updates and deletes, then verify is clean', async () => {
    const { verifyLegacy } = await import('../../src/server/legacy/verify/verifier.js');
    const { syncLegacy } = await import('../../src/server/legacy/sync/syncer.js');
    const Database = (await import('better-sqlite3')).default;
    const w = new Database(file);
    w.exec(`
      INSERT INTO machines (id, name, environment) VALUES (4, 'Filler', 'Beverage');
      INSERT INTO production_orders (id, order_number, product_name, quantity, environment, status, machine_id) VALUES (5, 'PO-5', 'Juice', 20, 'beverage', 'in_progress', 4);
      INSERT INTO production_events (id, order_id, event_type, timestamp) VALUES (5, 5, 'start', '2024-06-01 10:00:00');
      UPDATE production_orders SET quantity = 7, product_name = 'Snack v2' WHERE id = 4;
      UPDATE production_orders SET quantity = 5 WHERE id = 2;
      UPDATE waste_records SET waste_amount = 0 WHERE id = 2;
      DELETE FROM production_events WHERE id = 2;
      DELETE FROM quality_checks WHERE id = 1;
      DELETE FROM waste_records WHERE id = 3;
      INSERT INTO mystery VALUES ('new', 2, NULL);
      UPDATE reason_codes SET description = 'Planned maintenance' WHERE id = 1;
    `);
    w.close();
    const source = await LegacySource.open(file);
    const client = await db.pool.connect();
    try {
      const f = source;
      const s1 = await syncLegacy(client, f, { chunkSize: 2, progress: silentProgress });
      console.log(s1.tables.filter((t) => t.inserted + t.updated + t.deleted + t.quarantined > 0));
      expect(s1.ok).toBe(true);
      const v = await verifyLegacy(client, f, {
        chunkSize: 3,
        progress: silentProgress,
        limit: 50,
      });
      await client
        .query(`update production_orders set product_name = 'Snack' where id = 4`)
        .catch(() => undefined);
      console.log(v.shown);
      const s2 = await syncLegacy(client, f, { chunkSize: 2, progress: silentProgress });
      console.log(s2.tables.filter((t) => t.inserted + t.updated + t.deleted + t.quarantined > 0));
      const v2 = await verifyLegacy(client, f, {
        chunkSize: 3,
        progress: silentProgress,
        limit: 50,
      });
      console.log(v2.shown);
      expect(v2.differences).toBe(0);
      const s3 = await syncLegacy(client, f, { chunkSize: 2, progress: silentProgress });
      expect(s3.tables.every((t) => t.inserted + t.updated + t.deleted + t.quarantined === 0)).toBe(
        true,
      );
    } finally {
      client.release();
      source.close();
    }
  });
});
