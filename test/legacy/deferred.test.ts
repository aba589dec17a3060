import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import {
  deferForBulkLoad,
  indexBuilder,
  LegacyRestoreError,
  restoreDeferred,
  stillDeferred,
} from '../../src/server/legacy/import/deferred.js';
import { createRun } from '../../src/server/legacy/import/runs.js';

/**
 * The bulk load's set-aside indexes and foreign keys: recorded before they are dropped, put back
 * exactly, and never lost when putting them back fails.
 */
let db: TestDatabase;
let client: pg.PoolClient;
let runId: number;

const catalog = async (table: string) => {
  const r = await client.query<{ x: string }>(
    `select indexdef as x from pg_indexes where tablename = $1 and schemaname = 'public'
     union all
     select conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated
     from pg_constraint where conrelid = $1::regclass
     order by 1`,
    [table],
  );
  return r.rows.map((x) => x.x);
};

beforeAll(async () => {
  db = await createTestDatabase();
  client = await db.pool.connect();
  const run = await createRun(client, {
    kind: 'import',
    sourcePath: 'test.db',
    planHash: 'h',
    options: {},
  });
  runId = run.id;
}, 60_000);

afterAll(async () => {
  client?.release();
  await db?.drop();
});

describe('indexes and foreign keys set aside for a bulk load', () => {
  it('records them before dropping them, once per run, and puts them back exactly', async () => {
    const before = await catalog('order_events');
    await deferForBulkLoad(client, runId, 'order_events');
    const during = await catalog('order_events');
    expect(await stillDeferred(client)).toEqual([
      'order_events.order_events_order_at_idx',
      'order_events.order_events_order_id_fkey',
      'order_events.order_events_user_id_fkey',
      'order_events.order_events_user_id_idx',
    ]);
    // The primary key and the CHECKs stay: the loader relies on them to refuse rows.
    expect(during.some((x) => x.startsWith('CREATE UNIQUE INDEX order_events_pkey'))).toBe(true);
    expect(during.some((x) => x.startsWith('order_events_event_type_check'))).toBe(true);
    expect(during.some((x) => x.includes('_fkey'))).toBe(false);

    await deferForBulkLoad(client, runId, 'order_events'); // a resumed run: nothing more to do
    expect(await stillDeferred(client)).toHaveLength(4);

    await restoreDeferred(client, runId);
    expect(await catalog('order_events')).toEqual(before);
    expect(await stillDeferred(client)).toEqual([]);
  });

  it('leaves tables that are not loaded in bulk alone', async () => {
    const before = await catalog('machines');
    await deferForBulkLoad(client, runId, 'machines');
    expect(await catalog('machines')).toEqual(before);
    expect(await stillDeferred(client)).toEqual([]);
  });

  it('fails with the reason when a row breaks a key, keeping the record for the next try', async () => {
    const before = await catalog('order_events');
    await deferForBulkLoad(client, runId, 'order_events');
    await client.query(
      `insert into order_events (order_id, event_type) values (424242, 'created')`,
    );

    const err = await restoreDeferred(client, runId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyRestoreError);
    expect((err as Error).message).toMatch(/order_events_order_id_fkey on order_events/);
    expect((err as Error).message).toMatch(/424242|violates foreign key/);
    expect(await stillDeferred(client)).toHaveLength(4);
    // Rolled back as a whole: not half the indexes back.
    expect((await catalog('order_events')).some((x) => x.includes('order_at_idx'))).toBe(false);

    await client.query(`delete from order_events where order_id = 424242`);
    await restoreDeferred(client, runId);
    expect(await catalog('order_events')).toEqual(before);
    expect(await stillDeferred(client)).toEqual([]);
  });

  it('builds the indexes of a finished table on a connection of its own; its keys wait for the end', async () => {
    const before = await catalog('order_events');
    await deferForBulkLoad(client, runId, 'order_events');
    const builder = indexBuilder(() => db.pool.connect(), runId);
    builder.build('order_events');
    await builder.finish();
    expect(await stillDeferred(client)).toEqual([
      'order_events.order_events_order_id_fkey',
      'order_events.order_events_user_id_fkey',
    ]);
    expect((await catalog('order_events')).some((x) => x.includes('order_at_idx'))).toBe(true);
    await restoreDeferred(client, runId);
    expect(await catalog('order_events')).toEqual(before);
  });

  it('reports a background build that failed, and leaves its record for the end', async () => {
    await deferForBulkLoad(client, runId, 'stops');
    const builder = indexBuilder(() => Promise.reject(new Error('no connection left')), runId);
    builder.build('stops');
    await expect(builder.finish()).rejects.toThrow('no connection left');
    expect((await stillDeferred(client)).length).toBeGreaterThan(5);
    await restoreDeferred(client, runId);
    expect(await stillDeferred(client)).toEqual([]);
  });

  it("sets the row map's key aside too, and puts everything but one table back while that table's indexes are built", async () => {
    const before = await catalog('legacy_row_map');
    const events = await catalog('order_events');
    await deferForBulkLoad(client, runId, 'legacy_row_map');
    await deferForBulkLoad(client, runId, 'order_events');
    expect((await catalog('legacy_row_map')).some((x) => x.includes('PRIMARY KEY'))).toBe(false);
    const builder = indexBuilder(() => db.pool.connect(), runId);
    builder.build('legacy_row_map');
    await Promise.all([restoreDeferred(client, runId, 'legacy_row_map'), builder.finish()]);
    expect(await stillDeferred(client)).toEqual([]);
    expect(await catalog('legacy_row_map')).toEqual(before);
    expect(await catalog('order_events')).toEqual(events);

    await deferForBulkLoad(client, runId, 'legacy_row_map');
    await deferForBulkLoad(client, runId, 'order_events');
    await restoreDeferred(client, runId, 'legacy_row_map');
    expect(await stillDeferred(client)).toEqual([
      'legacy_row_map.legacy_row_map_pkey',
      'legacy_row_map.legacy_row_map_target_idx',
    ]);
    await restoreDeferred(client, runId);
    expect(await catalog('legacy_row_map')).toEqual(before);
  });
});
