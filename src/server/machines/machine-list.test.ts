import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAll } from '../../../test/support/actors.js';
import { MachineList } from '../../common/api/machines.js';

/**
 * The machines board reads everything from GET /api/machines: each machine with its
 * environment, type, the order running on it and its open stop.
 */
let t: TestApp;
let viewer: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  viewer = (await signInAll(t.app, t.database.db)).viewer.cookie;
  const db = t.database.db;
  const envs = await db
    .insertInto('environments')
    .values([
      { code: 'packaging', name: 'Packaging', colour: '#1971c2', sort_order: 2 },
      { code: 'blending', name: 'Blending', colour: '#2f9e44', sort_order: 1 },
    ])
    .returning(['id', 'code'])
    .execute();
  for (const e of envs) ids[e.code] = e.id;
  const type = await db
    .insertInto('machine_types')
    .values({ code: 'packer', name: 'Packing machine' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const machines = await db
    .insertInto('machines')
    .values([
      { code: 'PK-02', name: 'Sachet packer 2', environment_id: ids.packaging!, status: 'paused' },
      {
        code: 'PK-01',
        name: 'Sachet packer 1',
        environment_id: ids.packaging!,
        machine_type_id: type.id,
        status: 'in_use',
        rated_speed: '3600',
        staffing: JSON.stringify({ operator: 1, packer: 2, legacy_role: 3 }),
      },
      { code: 'BL-01', name: 'Blender 1', environment_id: ids.blending!, status: 'maintenance' },
      { code: 'BL-02', name: 'Blender 2', environment_id: ids.blending!, status: 'available' },
      {
        code: 'BL-00',
        name: 'Old blender',
        environment_id: ids.blending!,
        status: 'offline',
        retired_at: '2025-12-31T16:00:00Z',
      },
    ])
    .returning(['id', 'code'])
    .execute();
  for (const m of machines) ids[m.code] = m.id;

  const cat = await db
    .insertInto('stop_reasons')
    .values({ code: 'MATERIAL', name: 'Material', planned: false, oee_loss: 'availability' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const reason = await db
    .insertInto('stop_reasons')
    .values({ code: 'PACKSHO', name: 'Packaging shortage', parent_id: cat.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.reason = reason.id;
  const orders = await db
    .insertInto('production_orders')
    .values([
      {
        order_number: 'PO-1001',
        product_name: 'Rooibos 500 g',
        quantity: '12000',
        produced_quantity: '4500.5',
        unit: 'packs',
        environment_id: ids.packaging!,
        machine_id: ids['PK-01']!,
        status: 'in_progress',
        started_at: '2026-03-02T04:30:00Z',
      },
      {
        order_number: 'PO-1002',
        product_name: 'Chai 250 g',
        quantity: '800',
        environment_id: ids.packaging!,
        machine_id: ids['PK-02']!,
        status: 'paused',
        started_at: '2026-03-02T05:00:00Z',
      },
      // History that must not show up: a completed order on PK-01.
      {
        order_number: 'PO-0999',
        product_name: 'Old run',
        quantity: '10',
        environment_id: ids.packaging!,
        machine_id: ids['PK-01']!,
        status: 'completed',
        started_at: '2026-03-01T04:30:00Z',
        completed_at: '2026-03-01T06:30:00Z',
      },
    ])
    .returning(['id', 'order_number'])
    .execute();
  for (const o of orders) ids[o.order_number] = o.id;
  const stops = await db
    .insertInto('stops')
    .values([
      {
        machine_id: ids['PK-02']!,
        order_id: ids['PO-1002']!,
        reason_id: reason.id,
        started_at: '2026-03-02T06:15:00Z',
        notes: 'Waiting for film',
      },
      // A breakdown between orders: open, no order, reason not yet known.
      { machine_id: ids['BL-01']!, started_at: '2026-03-02T05:45:00Z' },
      // A closed stop: history, not shown.
      {
        machine_id: ids['PK-01']!,
        order_id: ids['PO-1001']!,
        reason_id: reason.id,
        started_at: '2026-03-02T05:00:00Z',
        ended_at: '2026-03-02T05:10:00Z',
      },
    ])
    .returning(['id', 'machine_id'])
    .execute();
  ids.stopPK02 = stops[0]!.id;
  ids.stopBL01 = stops[1]!.id;
});
afterAll(async () => {
  await t.close();
});

const list = async (query = '') => {
  const res = await t.app.inject({ url: `/api/machines${query}`, headers: { cookie: viewer } });
  expect(res.statusCode, res.body).toBe(200);
  return MachineList.parse(res.json()).items;
};

describe('GET /api/machines', () => {
  it('gives each machine its running order and open stop, in plant time, in board order', async () => {
    const items = await list();
    expect(items.map((m) => m.code)).toEqual(['BL-01', 'BL-02', 'PK-01', 'PK-02']);
    const [bl01, bl02, pk01, pk02] = items;
    expect(pk01).toEqual({
      id: ids['PK-01'],
      code: 'PK-01',
      name: 'Sachet packer 1',
      environment: { id: ids.packaging, code: 'packaging', name: 'Packaging', colour: '#1971c2' },
      type: { id: expect.any(Number), code: 'packer', name: 'Packing machine' },
      status: 'in_use',
      ratedSpeed: 3600,
      staffing: { operator: 1, packer: 2 },
      notes: null,
      retiredAt: null,
      version: 1,
      runningOrder: {
        id: ids['PO-1001'],
        orderNumber: 'PO-1001',
        productName: 'Rooibos 500 g',
        status: 'in_progress',
        quantity: 12000,
        producedQuantity: 4500.5,
        unit: 'packs',
        startedAt: '2026-03-02T06:30:00.000+02:00',
      },
      openStop: null,
    });
    expect(pk02?.status).toBe('paused');
    expect(pk02?.runningOrder).toMatchObject({ orderNumber: 'PO-1002', status: 'paused' });
    expect(pk02?.openStop).toEqual({
      id: ids.stopPK02,
      orderId: ids['PO-1002'],
      startedAt: '2026-03-02T08:15:00.000+02:00',
      reason: {
        id: ids.reason,
        code: 'PACKSHO',
        name: 'Packaging shortage',
        categoryName: 'Material',
        planned: false,
      },
      notes: 'Waiting for film',
    });
    expect(bl01).toMatchObject({
      status: 'maintenance',
      runningOrder: null,
      openStop: {
        id: ids.stopBL01,
        orderId: null,
        startedAt: '2026-03-02T07:45:00.000+02:00',
        reason: null,
      },
    });
    expect(bl02).toMatchObject({ runningOrder: null, openStop: null, staffing: {} });
  });

  it('speaks the configured plant zone', async () => {
    const other = await createTestApp({ timeZone: 'Asia/Kathmandu' });
    try {
      const db = other.database.db;
      const env = await db
        .insertInto('environments')
        .values({ code: 'x', name: 'X' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('machines')
        .values({
          code: 'K-1',
          name: 'K',
          environment_id: env.id,
          retired_at: '2026-06-15T00:00:00Z',
        })
        .execute();
      const { viewer: v } = await signInAll(other.app, db);
      const res = await other.app.inject({
        url: '/api/machines?includeRetired=true',
        headers: { cookie: v.cookie },
      });
      expect(res.json().items[0].retiredAt).toBe('2026-06-15T05:45:00.000+05:45');
    } finally {
      await other.close();
    }
  });

  it('filters by environment id or code, status, and retired', async () => {
    const codes = async (q: string) => (await list(q)).map((m) => m.code);
    expect(await codes(`?environmentId=${ids.blending}`)).toEqual(['BL-01', 'BL-02']);
    expect(await codes('?environment=packaging')).toEqual(['PK-01', 'PK-02']);
    expect(await codes('?environment=nowhere')).toEqual([]);
    expect(await codes(`?environment=${encodeURIComponent("packaging' OR '1'='1")}`)).toEqual([]);
    expect(await codes('?status=paused')).toEqual(['PK-02']);
    expect(await codes('?status=offline')).toEqual([]);
    expect(await codes('?status=offline&includeRetired=true')).toEqual(['BL-00']);
    expect(await codes('?includeRetired=true&environment=blending')).toEqual([
      'BL-00',
      'BL-01',
      'BL-02',
    ]);
    expect(await codes('?includeRetired=false')).toHaveLength(4);
    const retired = (await list('?includeRetired=true')).find((m) => m.code === 'BL-00');
    expect(retired?.retiredAt).toBe('2025-12-31T18:00:00.000+02:00');
  });

  it('shows a retired machine by id', async () => {
    const res = await t.app.inject({
      url: `/api/machines/${ids['BL-00']}`,
      headers: { cookie: viewer },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'BL-00', retiredAt: '2025-12-31T18:00:00.000+02:00' });
  });

  it.each([
    ['?status=in-use', 'status'],
    ['?status=', 'status'],
    ['?environmentId=abc', 'environmentId'],
    ['?environmentId=-1', 'environmentId'],
    ['?environmentId=1.5', 'environmentId'],
    ['?includeRetired=yes', 'includeRetired'],
    [`?environment=${'e'.repeat(65)}`, 'environment'],
    ['?sort=code', 'sort'],
    ['?status[$ne]=x', 'status[$ne]'],
  ])('GET %s is 400 naming %s', async (query, field) => {
    const res = await t.app.inject({ url: `/api/machines${query}`, headers: { cookie: viewer } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty([field]);
  });

  it('is described in the generated OpenAPI, with the other master data routes', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths as object);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/machines',
        '/api/machines/{id}',
        '/api/machines/{id}/status',
        '/api/machines/{id}/retire',
        '/api/machines/{id}/unretire',
        '/api/machine-types',
        '/api/machine-types/{id}',
        '/api/stop-reasons',
        '/api/stop-reasons/{id}',
        '/api/products',
        '/api/products/{id}',
      ]),
    );
  });

  it('needs a session', async () => {
    expect((await t.app.inject({ url: '/api/machines' })).statusCode).toBe(401);
  });
});
