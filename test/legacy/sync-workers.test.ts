import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { generateLegacyDb } from './generate.js';
import { importFile, tempDir, withSource } from './import-support.js';
import { laneFor } from '../../src/server/legacy/import/lanes/index.js';
import { silentProgress } from '../../src/server/legacy/import/progress.js';
import { openMappingSession } from '../../src/server/legacy/import/session.js';
import { KEY_MAX, KEY_MIN, sourceRows } from '../../src/server/legacy/import/source-rows.js';
import { chunkDigests } from '../../src/server/legacy/sync/digest.js';
import { DigestPool, pooledDigests } from '../../src/server/legacy/sync/digest-pool.js';
import { syncLegacy } from '../../src/server/legacy/sync/syncer.js';

/**
 * Sync's worker threads (sync/digest-pool.ts) with the compiled worker, as `shopfloor legacy
 * sync` runs them: what they hash, the snapshot they share, and how their failures surface.
 * test/legacy/sync.test.ts runs every sync scenario with and without them.
 */
const WORKER = new URL('../../dist/server/legacy/sync/digest-worker.js', import.meta.url);

let db: TestDatabase;
let file: string;

beforeAll(async () => {
  db = await createTestDatabase();
  file = path.join(tempDir(), 'production.db');
  generateLegacyDb(file, { orders: 150, seed: 7, quirks: 'all', laterTables: true });
  expect((await importFile(db.pool, file)).ok).toBe(true);
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

describe('sync worker threads', () => {
  it('hash every table they take exactly as this thread does, in ranges that cover every key', async () => {
    await withSource(
      db.pool,
      file,
      async (source, client) => {
        const session = await openMappingSession(client, source, 0);
        const pool = await DigestPool.start(WORKER, source.sharedPath!, session.inputs, 2);
        try {
          let tables = 0;
          for (const t of session.tables) {
            if (t.mapper.self || t.plan.keyColumn === null || t.plan.join?.wholeTable) continue;
            tables++;
            const batch = { ...t.batch, lane: laneFor(t.table, session.actx, session.ctx) };
            const here = { keys: [] as bigint[], hashes: [] as bigint[] };
            const rows = sourceRows(source.db, t.plan, KEY_MIN);
            for await (const d of chunkDigests(batch, rows, {
              size: 37,
              keep: false,
              owners: new Set(),
            })) {
              here.keys.push(...d.keys);
              here.hashes.push(...d.hashes);
            }
            pool.table(t.table.name, session.actx.quarantined);
            const there = { keys: [] as bigint[], hashes: [] as bigint[] };
            let lo = KEY_MIN;
            for await (const { digest, hi } of pooledDigests(pool, source.db, t.plan, 37)) {
              expect(digest.keys.every((k) => k > lo && k <= hi)).toBe(true);
              expect(digest.count).toBeLessThanOrEqual(37);
              there.keys.push(...digest.keys);
              there.hashes.push(...digest.hashes);
              lo = hi;
            }
            expect(lo).toBe(KEY_MAX);
            expect(there, t.table.name).toEqual(here);
            expect(here.keys.length).toBeGreaterThan(0);
          }
          expect(tables).toBeGreaterThanOrEqual(5);
        } finally {
          await pool.close();
        }
      },
      { share: true },
    );
  });

  it('leave the shared snapshot copy on disk only until they have it open', async () => {
    await withSource(
      db.pool,
      file,
      async (source, client) => {
        const copy = source.sharedPath!;
        expect(fs.existsSync(copy)).toBe(true);
        const r = await syncLegacy(client, source, {
          chunkSize: 50,
          progress: silentProgress,
          workers: { count: 2, script: WORKER },
        });
        expect(r.workers).toBe(2);
        expect(r.tables.every((t) => t.inserted + t.updated + t.deleted === 0)).toBe(true);
        expect(fs.existsSync(copy)).toBe(false);
        expect(source.sharedPath).toBeNull();
      },
      { share: true },
    );
  });

  it('are not used for a WAL file, whose snapshot is a read transaction nobody else can share', async () => {
    const wal = path.join(tempDir(), 'wal.db');
    generateLegacyDb(wal, { orders: 40, seed: 3, quirks: 'all', journalMode: 'wal' });
    const other = await createTestDatabase();
    try {
      expect((await importFile(other.pool, wal)).ok).toBe(true);
      const r = await withSource(
        other.pool,
        wal,
        (source, client) => {
          expect(source.snapshot.method).toBe('read-transaction');
          expect(source.sharedPath).toBeNull();
          return syncLegacy(client, source, {
            chunkSize: 50,
            progress: silentProgress,
            workers: { count: 2, script: WORKER },
          });
        },
        { share: true },
      );
      expect(r.ok).toBe(true);
      expect(r.workers).toBe(0);
    } finally {
      await other.drop();
    }
  });

  it('that do not start leave the hashing to this thread, which says so', async () => {
    const lines: string[] = [];
    const r = await withSource(
      db.pool,
      file,
      (source, client) =>
        syncLegacy(client, source, {
          chunkSize: 50,
          progress: { ...silentProgress, log: (line) => lines.push(line) },
          workers: { count: 2, script: new URL('./no-such-worker.js', WORKER) },
        }),
      { share: true },
    );
    expect(r.ok).toBe(true);
    expect(r.workers).toBe(0);
    expect(r.tables.every((t) => t.inserted + t.updated + t.deleted === 0)).toBe(true);
    expect(lines).toEqual([
      expect.stringMatching(/^Worker threads did not start \(.+\): hashing in one thread$/),
    ]);
  });

  it('say what went wrong: a file they cannot open, a range before its table', async () => {
    await withSource(
      db.pool,
      file,
      async (source, client) => {
        const session = await openMappingSession(client, source, 0);
        await expect(
          DigestPool.start(WORKER, path.join(tempDir(), 'missing.db'), session.inputs, 1),
        ).rejects.toThrow(/sync worker: .*(unable to open|does not exist)/i);
        const pool = await DigestPool.start(WORKER, source.sharedPath!, session.inputs, 1);
        try {
          await expect(pool.digest(KEY_MIN, KEY_MAX)).rejects.toThrow(
            'sync worker: Error: a range before its table',
          );
          pool.table('no_such_table', new Map());
          await expect(pool.digest(KEY_MIN, KEY_MAX)).rejects.toThrow(/no table no_such_table/);
        } finally {
          await pool.close();
        }
        const closed = await DigestPool.start(WORKER, source.sharedPath!, session.inputs, 1);
        await closed.close();
        await expect(closed.digest(KEY_MIN, KEY_MAX)).rejects.toThrow(/pool is closed/);
      },
      { share: true },
    );
  });
});
