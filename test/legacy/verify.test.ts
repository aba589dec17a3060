import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { generateLegacyDb } from './generate.js';
import { tempDir } from './import-support.js';

/** `shopfloor legacy verify`, run as a user runs it (the built CLI). */
let db: TestDatabase;
let dir: string;
let file: string;
const cli = (args: string[]) =>
  runCli(['legacy', ...args], { env: { DATABASE_URL: db.url }, timeoutMs: 120_000 });

beforeAll(async () => {
  db = await createTestDatabase();
  dir = tempDir();
  file = path.join(dir, 'production.db');
  generateLegacyDb(file, { orders: 150, seed: 21, quirks: 'all', laterTables: true });
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

describe('legacy verify', () => {
  it('exits 1 when nothing was imported yet', async () => {
    const r = await cli(['verify', '--from', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no legacy import/);
  });

  it('exits 2 for a missing file or option', async () => {
    expect((await cli(['verify', '--from', path.join(dir, 'nope.db')])).code).toBe(2);
    expect((await cli(['verify'])).code).toBe(2);
    expect((await cli(['verify', '--from', file, '--limit', 'many'])).code).toBe(2);
  });

  it('finds no difference right after the import (exit 0)', async () => {
    const imported = await cli([
      'import',
      '--from',
      file,
      '--report',
      path.join(dir, 'import.json'),
    ]);
    expect(imported.stderr).not.toMatch(/unexpected/);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/OK: every source row accounted for/);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'import.json'), 'utf8')) as {
      ok: boolean;
      tables: { sourceRows: number; imported: number; quarantined: number }[];
    };
    expect(report.ok).toBe(true);
    for (const t of report.tables) expect(t.imported + t.quarantined).toBe(t.sourceRows);
    const r = await cli(['verify', '--from', file]);
    expect(r.stdout).toMatch(/: 0 differences/);
    expect(r.code).toBe(0);
  });

  it('finds tampered, deleted and extra rows, column by column (exit 1)', async () => {
    const order = (
      await db.pool.query<{ id: number; name: string }>(
        `select id, product_name as name from production_orders order by id limit 1 offset 3`,
      )
    ).rows[0]!;
    await db.pool.query(
      `update production_orders set product_name = 'Tampered', quantity = 7 where id = $1`,
      [order.id],
    );
    const event = (
      await db.pool.query<{ id: string }>(
        `select id::text from order_events order by id desc limit 1`,
      )
    ).rows[0]!;
    await db.pool.query(`delete from order_events where id = $1`, [event.id]);
    await db.pool.query(`update legacy.quality_checks set result = 'forged' where _source_key = 2`);
    await db.pool.query(
      `insert into legacy_row_map (source_table, source_key, target_table, target_id, row_hash)
       values ('machines', 999999, 'machines', 1, 0)`,
    );
    const r = await cli(['verify', '--from', file, '--report', path.join(dir, 'verify.json')]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContain(
      `production_orders ${order.id} product_name: expected ${order.name}, actual Tampered`,
    );
    expect(
      lines.some(
        (l) =>
          l.startsWith(`production_orders ${order.id} quantity: expected `) &&
          l.endsWith('actual 7'),
      ),
    ).toBe(true);
    expect(lines).toContain(
      `production_events ${event.id} row: expected present, actual no row in order_events`,
    );
    expect(
      lines.some(
        (l) =>
          l.startsWith('quality_checks 2 legacy.quality_checks.result: expected ') &&
          l.endsWith('actual forged'),
      ),
    ).toBe(true);
    expect(lines.some((l) => l.startsWith('machines 999999 row: expected not in the source'))).toBe(
      true,
    );
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'verify.json'), 'utf8')) as {
      differences: number;
    };
    expect(json.differences).toBeGreaterThanOrEqual(5);
    expect(r.stderr).toMatch(/verify found \d+ differences/);
  });
});
