import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { generateLegacyDb } from './generate.js';
import { tempDir } from './import-support.js';

/**
 * The legacy app keeps writing while `legacy import` reads the file (a consistent snapshot:
 * read transaction on a WAL file, backup copy of a rollback-journal file). The import finishes
 * with its accounting right; after the app stops, `sync` then `verify` find the file and
 * PostgreSQL identical.
 */
const dbs: TestDatabase[] = [];

afterAll(async () => {
  for (const db of dbs) await db.drop();
});

/**
 * A stand-in for the legacy app: inserts, updates and deletes orders until told to stop (it
 * stops between transactions: a writer killed inside one leaves a hot journal that a read-only
 * reader cannot roll back).
 */
function startLegacyApp(file: string): ChildProcess {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1], { timeout: 20000 });
    let id = 1000000;
    const order = db.prepare("INSERT INTO production_orders (id, order_number, product_name, quantity, environment, status, start_time) VALUES (?, ?, 'Live product', 10, 'blending', 'pending', datetime('now'))");
    const event = db.prepare("INSERT INTO production_events (order_id, event_type, description) VALUES (?, 'create', 'live')");
    const touch = db.prepare("UPDATE production_orders SET notes = 'touched ' || ? WHERE id = ?");
    const drop = db.prepare("DELETE FROM quality_checks WHERE id = (SELECT min(id) FROM quality_checks)");
    const write = db.transaction((n) => { order.run(n, 'LIVE-' + n); event.run(n); touch.run(n, (n % 50) + 1); if (n % 7 === 0) drop.run(); });
    const tick = () => { write(++id); setTimeout(tick, 2); };
    process.on('SIGTERM', () => { db.close(); process.exit(0); });
    tick();
  `;
  return spawn(process.execPath, ['-e', script, file], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

async function stop(app: ChildProcess): Promise<void> {
  const closed = new Promise((resolve) => app.once('close', resolve));
  app.kill('SIGTERM');
  await closed;
}

describe.each(['wal', 'delete'] as const)(
  'import while the legacy app writes (%s journal)',
  (journal) => {
    it('imports a consistent snapshot; sync and verify then agree with the file', async () => {
      const db = await createTestDatabase();
      dbs.push(db);
      const file = path.join(tempDir(), 'production.db');
      generateLegacyDb(file, { orders: 1500, seed: 3, quirks: 'all', journalMode: journal });
      const env = { DATABASE_URL: db.url };
      const app = startLegacyApp(file);
      let appErrors = '';
      app.stderr?.on('data', (d: Buffer) => (appErrors += d.toString()));
      try {
        await new Promise((r) => setTimeout(r, 300));
        const imported = await runCli(['legacy', 'import', '--from', file, '--batch-size', '500'], {
          env,
          timeoutMs: 180_000,
        });
        expect(imported.stderr).not.toMatch(/unexpected/);
        expect(imported.code).toBe(0);
        expect(imported.stdout).toMatch(/every source row accounted for/);
        const synced = await runCli(['legacy', 'sync', '--from', file], {
          env,
          timeoutMs: 180_000,
        });
        expect(synced.code).toBe(0);
        expect(synced.stdout).toMatch(/sync \d+: \d+ rows changed/);
      } finally {
        await stop(app);
      }
      expect(appErrors).toBe('');
      const synced = await runCli(['legacy', 'sync', '--from', file], { env, timeoutMs: 180_000 });
      expect(synced.code, `${synced.stdout}\n${synced.stderr}`).toBe(0);
      const verified = await runCli(['legacy', 'verify', '--from', file], {
        env,
        timeoutMs: 180_000,
      });
      expect(verified.stdout).toMatch(/: 0 differences/);
      expect(verified.code).toBe(0);
      const live = await db.pool.query<{ n: string }>(
        `select count(*)::text as n from production_orders where order_number like 'LIVE-%'`,
      );
      expect(Number(live.rows[0]!.n)).toBeGreaterThan(10);
    }, 300_000);
  },
);
