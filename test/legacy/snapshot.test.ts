/**
 * Reading the legacy file while the legacy app writes to it: one consistent snapshot (a WAL read
 * transaction, or a backup copy for rollback-journal files), no SQLITE_BUSY, and the file is
 * never modified.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planLegacyImport } from '../../src/server/legacy/plan/build-plan.js';
import type { ImportPlan } from '../../src/server/legacy/plan/types.js';
import { LegacySource } from '../../src/server/legacy/source/open.js';
import { generateLegacyDb } from './generate.js';
import { planTable, scratchDir } from './helpers.js';

const tmp = scratchDir();
afterAll(() => tmp.remove());
const JNB = 'Africa/Johannesburg';
const ROOT = path.resolve(import.meta.dirname, '../..');

/** A stand-in for the legacy app: each transaction adds one order and three events for it. */
const WRITER = `
const { createRequire } = require('node:module');
const Database = createRequire(process.argv[2])('better-sqlite3');
const db = new Database(process.argv[3]);
db.pragma('busy_timeout = 30000');
const order = db.prepare("INSERT INTO production_orders (order_number, product_name, quantity, environment, status) VALUES (?, 'Writer blend', 10, 'blending', 'pending')");
const event = db.prepare("INSERT INTO production_events (order_id, event_type, timestamp) VALUES (?, 'create', CURRENT_TIMESTAMP)");
let n = 0;
const tx = db.transaction(() => {
  const id = order.run('W-' + n).lastInsertRowid;
  for (let k = 0; k < 3; k++) event.run(id);
});
(function loop() {
  for (let i = 0; i < 10; i++) { tx(); n++; }
  process.stdout.write(n + '\\n');
  setImmediate(loop);
})();
`;

function startWriter(file: string): {
  child: ChildProcess;
  written: () => number;
  errors: () => string;
} {
  const script = tmp.file('writer.cjs');
  fs.writeFileSync(script, WRITER);
  const child = spawn(process.execPath, [script, path.join(ROOT, 'package.json'), file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let last = 0;
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    const lines = d.toString().trim().split('\n');
    last = Number(lines[lines.length - 1]);
  });
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return { child, written: () => last, errors: () => stderr };
}

async function until(check: () => boolean, ms = 20_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function fingerprint(file: string) {
  const stat = fs.statSync(file);
  return {
    sha: createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
    mtimeMs: stat.mtimeMs,
    size: stat.size,
  };
}

function consistent(plan: ImportPlan, baseOrders: number, baseEvents: number) {
  const orders = planTable(plan, 'production_orders').rows - baseOrders;
  const events = planTable(plan, 'production_events').rows - baseEvents;
  expect(events).toBe(3 * orders);
  expect(plan.orphans.filter((o) => o.table === 'production_events')).toEqual([]);
  return orders;
}

describe.each(['wal', 'delete'] as const)('a %s-journal file being written to', (journalMode) => {
  it('is read as one consistent snapshot, without SQLITE_BUSY', async () => {
    const gen = generateLegacyDb(tmp.file(`busy-${journalMode}.db`), { orders: 300, journalMode });
    const writer = startWriter(gen.path);
    try {
      await until(() => writer.written() >= 50);
      const seen: number[] = [];
      for (let round = 0; round < 3; round++) {
        const before = writer.written();
        const plan = await planLegacyImport(gen.path, { plantZone: JNB, busyTimeoutMs: 30_000 });
        expect(plan.source.snapshot).toBe(
          journalMode === 'wal' ? 'read-transaction' : 'backup-copy',
        );
        const added = consistent(
          plan,
          gen.counts.production_orders ?? 0,
          gen.counts.production_events ?? 0,
        );
        expect(added).toBeGreaterThanOrEqual(before);
        seen.push(added);
        await until(() => writer.written() > added + 20);
      }
      expect(seen[2]).toBeGreaterThan(seen[0] ?? 0);
      expect(writer.child.exitCode).toBeNull();
      expect(writer.errors()).toBe('');
    } finally {
      writer.child.kill('SIGKILL');
    }
  });
});

describe('the source file', () => {
  it.each(['wal', 'delete'] as const)(
    'is never modified (%s journal): same bytes, same mtime',
    async (journalMode) => {
      const gen = generateLegacyDb(tmp.file(`untouched-${journalMode}.db`), {
        orders: 40,
        quirks: 'all',
        journalMode,
      });
      const before = fingerprint(gen.path);
      const dir = fs.readdirSync(path.dirname(gen.path)).sort();
      await new Promise((r) => setTimeout(r, 20));
      await planLegacyImport(gen.path, { plantZone: JNB });
      await planLegacyImport(gen.path, {
        plantZone: JNB,
        timeBaseOverrides: new Map([['production_orders.start_time', 'plant']]),
      });
      expect(fingerprint(gen.path)).toEqual(before);
      // A rollback-journal file is copied with the backup API: not even a journal appears.
      if (journalMode === 'delete')
        expect(fs.readdirSync(path.dirname(gen.path)).sort()).toEqual(dir);
    },
  );

  it('is read from a private copy that is gone as soon as it is open (rollback journal)', async () => {
    const gen = generateLegacyDb(tmp.file('copy.db'), { orders: 30 });
    const copyDir = tmp.file('copies');
    fs.mkdirSync(copyDir);
    const source = await LegacySource.open(gen.path, { tempDir: copyDir });
    expect(source.snapshot.method).toBe('backup-copy');
    // Already unlinked while open: nothing is left behind even if the process is killed.
    expect(fs.readdirSync(copyDir)).toEqual([]);
    expect(source.get<{ n: bigint }>('SELECT count(*) AS n FROM production_orders')?.n).toBe(30n);
    expect(() => source.db.exec('DELETE FROM machines')).toThrow(/readonly/);
    source.close();
    expect(fs.readdirSync(copyDir)).toEqual([]);
  });

  it('refuses writes through its read-only connection (WAL)', async () => {
    const gen = generateLegacyDb(tmp.file('ro.db'), { orders: 30, journalMode: 'wal' });
    const source = await LegacySource.open(gen.path);
    expect(source.snapshot.method).toBe('read-transaction');
    expect(() => source.db.exec("UPDATE machines SET name = 'x'")).toThrow(/readonly/);
    expect(source.get<{ n: bigint }>('SELECT count(*) AS n FROM machines')?.n).toBe(12n);
    source.close();
  });
});
