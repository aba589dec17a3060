import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { generateLegacyDb } from './generate.js';
import { dumpDatabase, tempDir, withSource } from './import-support.js';
import { verifyLegacy } from '../../src/server/legacy/verify/verifier.js';
import { silentProgress } from '../../src/server/legacy/import/progress.js';

/**
 * kill -9 at random moments of `shopfloor legacy import`, then import again: the result is the
 * same, table by table, as an uninterrupted import of the same file.
 */
let file: string;
let clean: TestDatabase;
let killed: TestDatabase;
const BATCH = '150';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts the built CLI and kills it with SIGKILL (unless it ended before): after `kill` ms, or
 * as soon as `kill()` says so (polled).
 */
function cliRun(
  db: TestDatabase,
  args: string[],
  kill: number | (() => Promise<boolean>) | null,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'legacy', ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TZ: process.env.TZ,
        DATABASE_URL: db.url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let closed = false;
    const timer = typeof kill === 'number' ? setTimeout(() => child.kill('SIGKILL'), kill) : null;
    const poll = async () => {
      if (closed || typeof kill !== 'function') return;
      if (await kill().catch(() => false)) child.kill('SIGKILL');
      else setTimeout(() => void poll(), 15);
    };
    void poll();
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      closed = true;
      if (timer) clearTimeout(timer);
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const importRun = (db: TestDatabase, kill: number | (() => Promise<boolean>) | null) =>
  cliRun(db, ['import', '--from', file, '--batch-size', BATCH], kill);

async function mappedRows(db: TestDatabase): Promise<number> {
  const r = await db.pool.query<{ n: string }>(`select count(*)::text as n from legacy_row_map`);
  return Number(r.rows[0]!.n);
}

beforeAll(async () => {
  file = path.join(tempDir(), 'production.db');
  generateLegacyDb(file, { orders: 2500, seed: 77, quirks: 'all', laterTables: true });
  clean = await createTestDatabase();
  killed = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await clean?.drop();
  await killed?.drop();
});

// Every other kill waits until a random share of the rows is in (polled in the database), so
// some kills land mid-data however busy the machine is; the others land at random moments.
describe('legacy import killed with SIGKILL at random moments', () => {
  it('finishes with exactly the result of an uninterrupted import', async () => {
    const t0 = performance.now();
    const uninterrupted = await importRun(clean, null);
    // Kills by time land within the time a whole import takes (it gets faster; the test must
    // not fall behind it), those by progress before the last fifth of the rows.
    const duration = performance.now() - t0;
    expect(uninterrupted.stderr).not.toMatch(/unexpected/);
    expect(uninterrupted.code).toBe(0);
    const total = await mappedRows(clean);

    const progress: number[] = [];
    let kills = 0;
    const once = (share: number) => async () => (await mappedRows(killed)) > share * total;
    for (let attempt = 0; attempt < 6; attempt++) {
      // The first two kills wait for a random share of the rows (in the first, then the second
      // part of the data), so at least two land mid-data: once a kill has landed after the last
      // row none can, and a timed kill may come after a resumed run has ended. The others come
      // at a random time (any phase) or at a random share, in turn.
      const kill =
        attempt < 2
          ? once(0.05 + 0.4 * attempt + Math.random() * 0.35)
          : attempt % 2 === 0
            ? 100 + Math.floor(Math.random() * 0.8 * duration)
            : once(Math.random() * 0.8);
      const run = await importRun(killed, kill);
      if (run.signal !== 'SIGKILL') {
        expect(run.stderr).not.toMatch(/unexpected/);
        break;
      }
      kills++;
      progress.push(await mappedRows(killed).catch(() => 0));
    }
    const last = await importRun(killed, null);
    expect(last.stderr).not.toMatch(/unexpected/);
    expect(last.code).toBe(0);
    expect(kills).toBeGreaterThanOrEqual(2);
    // Some kills landed in the middle of the data (not only before or after it).
    expect(progress.some((n) => n > 0 && n < total)).toBe(true);

    const a = await dumpDatabase(clean.pool);
    const b = await dumpDatabase(killed.pool);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const table of Object.keys(a)) expect(b[table], table).toBe(a[table]);

    const v = await withSource(killed.pool, file, (source, client) =>
      verifyLegacy(client, source, { chunkSize: 500, progress: silentProgress, limit: 10 }),
    );
    expect(v.shown).toEqual([]);
  }, 300_000);

  it('a killed sync, run again, ends where an uninterrupted sync ends', async () => {
    const w = new Database(file);
    w.exec(`
      UPDATE production_orders SET notes = 'changed ' || id WHERE id % 3 = 0;
      UPDATE production_orders SET quantity = 0 WHERE id % 97 = 5;
      DELETE FROM production_events WHERE id % 11 = 0;
      DELETE FROM quality_checks WHERE id % 5 = 0;
      INSERT INTO production_events (order_id, event_type, description)
        SELECT id, 'update', 'late' FROM production_orders WHERE id % 7 = 0;
    `);
    w.close();
    const clean1 = await cliRun(clean, ['sync', '--from', file], null);
    expect(clean1.code, clean1.stderr).toBe(0);
    let kills = 0;
    for (let attempt = 0; attempt < 4; attempt++) {
      const run = await cliRun(
        killed,
        ['sync', '--from', file],
        200 + Math.floor(Math.random() * 1500),
      );
      if (run.signal !== 'SIGKILL') break;
      kills++;
    }
    const last = await cliRun(killed, ['sync', '--from', file], null);
    expect(last.code, last.stderr).toBe(0);
    expect(kills).toBeGreaterThanOrEqual(1);
    const a = await dumpDatabase(clean.pool);
    const b = await dumpDatabase(killed.pool);
    for (const table of Object.keys(a)) expect(b[table], table).toBe(a[table]);
  }, 300_000);

  it('a finished import run again changes nothing', async () => {
    const before = await dumpDatabase(clean.pool);
    const again = await importRun(clean, null);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/complete: nothing to do/);
    expect(await dumpDatabase(clean.pool)).toEqual(before);
  }, 120_000);
});
