import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { generateLegacyDb } from './generate.js';
import { importFile, tempDir } from './import-support.js';
import type { TimeBase } from '../../src/server/legacy/values/index.js';

/**
 * Time policy end to end: the app wrote orders' start times in UTC in one file and in plant
 * wall-clock time in another; the 'start' event of the same moment is UTC either way
 * (DEFAULT CURRENT_TIMESTAMP). After the import both must be the same instant — unless the
 * operator forces the wrong base, which shifts them by the plant's offset (2 h in SAST).
 */
const dbs: TestDatabase[] = [];
afterAll(async () => {
  for (const db of dbs) await db.drop();
});

async function importedGap(appTimeBase: TimeBase, override?: TimeBase) {
  const db = await createTestDatabase();
  dbs.push(db);
  const file = path.join(tempDir(), 'production.db');
  generateLegacyDb(file, { orders: 120, seed: 9, quirks: 'none', appTimeBase });
  const timeBases = new Map<string, TimeBase>(
    override ? [['production_orders.start_time', override]] : [],
  );
  const report = await importFile(db.pool, file, { timeBases });
  expect(report.ok).toBe(true);
  const r = await db.pool.query<{ gap: number; due: string; n: number }>(
    `select round(extract(epoch from (o.started_at - e.at)) / 60)::int as gap, o.due_date as due,
       count(*) over ()::int as n
     from production_orders o
     join order_events e on e.order_id = o.id and e.event_type = 'started'
     order by o.id limit 1`,
  );
  const gaps = await db.pool.query<{ g: number }>(
    `select distinct round(extract(epoch from (o.started_at - e.at)) / 60)::int as g
     from production_orders o join order_events e on e.order_id = o.id and e.event_type = 'started'`,
  );
  return { first: r.rows[0]!, gaps: gaps.rows.map((x) => x.g) };
}

describe('time bases', () => {
  it('reads an app-written UTC column as UTC', async () => {
    const { gaps, first } = await importedGap('utc');
    expect(gaps).toEqual([0]);
    expect(first.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('reads an app-written plant-time column as plant time (decided from the evidence)', async () => {
    expect((await importedGap('plant')).gaps).toEqual([0]);
  });

  it('follows --time-base when the operator overrides the evidence', async () => {
    expect((await importedGap('plant', 'utc')).gaps).toEqual([120]);
  });
});
