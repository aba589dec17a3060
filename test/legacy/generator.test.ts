/** The legacy file generator itself: shape, scale, determinism, and sign-in-able passwords. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/server/auth/passwords.js';
import { CATALOG, SNAPSHOT_TABLES } from '../../src/server/legacy/catalog/index.js';
import { generateLegacyDb } from './generate.js';
import { scratchDir } from './helpers.js';

const tmp = scratchDir();
afterAll(() => tmp.remove());
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('generateLegacyDb', () => {
  it('writes the legacy schema of LEGACY.md (and the later tables on request)', () => {
    const gen = generateLegacyDb(tmp.file('schema.db'), { orders: 30, laterTables: true });
    const db = new Database(gen.path, { readonly: true });
    const tables = (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables.sort()).toEqual(CATALOG.map((t) => t.name).sort());
    const cols = db
      .prepare("SELECT name, type, dflt_value FROM pragma_table_info('production_events')")
      .all();
    expect(cols).toContainEqual({
      name: 'timestamp',
      type: 'DATETIME',
      dflt_value: 'CURRENT_TIMESTAMP',
    });
    const orders = db
      .prepare('SELECT name, type, "notnull" AS nn FROM pragma_table_info(\'production_orders\')')
      .all();
    expect(orders).toContainEqual({ name: 'operator_id', type: 'INTEGER', nn: 0 });
    expect(orders).toContainEqual({ name: 'order_number', type: 'TEXT', nn: 1 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();
    const snap = generateLegacyDb(tmp.file('snap.db'), { orders: 30, journalMode: 'wal' });
    expect(Object.keys(snap.counts).sort()).toEqual(SNAPSHOT_TABLES.map((t) => t.name).sort());
  });

  it('is deterministic for a seed, and differs for another', () => {
    const a = generateLegacyDb(tmp.file('a.db'), { orders: 50, quirks: 'all', seed: 42 });
    const b = generateLegacyDb(tmp.file('b.db'), { orders: 50, quirks: 'all', seed: 42 });
    const c = generateLegacyDb(tmp.file('c.db'), { orders: 50, quirks: 'all', seed: 43 });
    expect(sha(a.path)).toBe(sha(b.path));
    expect(sha(a.path)).not.toBe(sha(c.path));
    expect(a.users).toEqual(b.users);
    expect(a.injected).toEqual(b.injected);
  });

  it('writes about five events and one stop per order at scale', () => {
    const gen = generateLegacyDb(tmp.file('scale.db'), { orders: 5_000 });
    expect(gen.counts.production_orders).toBe(5_000);
    expect(gen.counts.production_events).toBeGreaterThan(24_900);
    expect(gen.counts.production_events).toBeLessThan(25_100);
    expect(gen.counts.production_stops).toBeGreaterThan(4_950);
    expect(gen.counts.production_stops).toBeLessThan(5_050);
  });

  it('stores bcrypt hashes the recorded passwords verify against (signing in after the move)', async () => {
    const gen = generateLegacyDb(tmp.file('users.db'), {
      orders: 30,
      quirks: ['duplicateUsers', 'legacyEnums'],
    });
    const db = new Database(gen.path, { readonly: true });
    const hashOf = db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck();
    expect(gen.users.length).toBe(13);
    for (const u of gen.users) {
      const hash = hashOf.get(u.id) as string;
      expect(hash).toMatch(/^\$2[aby]\$04\$[./A-Za-z0-9]{53}$/);
      expect(await verifyPassword(hash, u.password), u.username).toBe(true);
      expect(await verifyPassword(hash, `${u.password}x`)).toBe(false);
    }
    db.close();
  });

  it('refuses to overwrite a file and too few orders', () => {
    const file = tmp.file('exists.db');
    fs.writeFileSync(file, 'x');
    expect(() => generateLegacyDb(file, { orders: 30 })).toThrow(/already exists/);
    expect(() => generateLegacyDb(tmp.file('few.db'), { orders: 5 })).toThrow(/at least 22/);
    expect(() =>
      generateLegacyDb(tmp.file('zone.db'), { orders: 30, plantZone: '+02:00' }),
    ).toThrow(/IANA/);
  });
});
