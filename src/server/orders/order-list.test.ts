import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAll, type SignedIn } from '../../../test/support/actors.js';
import { ORDER_SORTS, type Order, type OrderPage } from '../../common/api/orders.js';
import {
  ORDER_PRIORITIES,
  ORDER_STATUSES,
  type OrderStatus,
} from '../../common/order-lifecycle.js';
import { addMachine, addOrder, seedPlant, type Plant } from './order.fixtures.js';
import { listOrdersQuery } from './order-query.repository.js';
import * as m0003 from '../db/migrations/0003_order_indexes.js';

/** GET /api/orders: filters, sorts, keyset pages, search, and the plans behind them. */
let t: TestApp;
let u: Record<'viewer' | 'operator' | 'supervisor' | 'admin', SignedIn>;
let plant: Plant;
let machineA = 0;
let searchEnv = 0;

interface Made {
  id: number;
  status: OrderStatus;
  archived: boolean;
  due: string | null;
  priority: string;
  environmentId: number;
  machineId: number | null;
}
const made: Made[] = [];
const STATUS_CYCLE: OrderStatus[] = [
  'pending',
  'draft',
  'completed',
  'cancelled',
  'in_progress',
  'paused',
];
const N = 120;

beforeAll(async () => {
  t = await createTestApp();
  u = await signInAll(t.app, t.database.db);
  const db = t.database.db;
  plant = await seedPlant(db);
  machineA = await addMachine(db, plant.environmentId);
  for (let i = 0; i < N; i++) {
    const status = STATUS_CYCLE[i % STATUS_CYCLE.length]!;
    const archived = (status === 'completed' || status === 'cancelled') && i % 4 === 2;
    const due = i % 7 === 0 ? null : `2026-03-${String((i % 10) + 1).padStart(2, '0')}`;
    const priority = ORDER_PRIORITIES[i % 4]!;
    const environmentId = i % 5 === 0 ? plant.otherEnvironmentId : plant.environmentId;
    // Pairs of orders created at the same microsecond, groups within the same millisecond.
    const ms = String(Math.floor(i / 4)).padStart(3, '0');
    const createdAt = `2026-01-05 10:00:00.${ms}${i % 4 < 2 ? '100' : '200'}+02`;
    const machineId = status === 'completed' && i % 3 === 0 ? machineA : undefined;
    const o = await addOrder(db, plant, {
      status,
      archived,
      due_date: due,
      priority,
      environment_id: environmentId,
      created_at: createdAt,
      order_number: `L-${String((i * 37) % N).padStart(3, '0')}`,
      ...(machineId ? { machine_id: machineId } : {}),
    });
    made.push({ id: o.id, status, archived, due, priority, environmentId, machineId: o.machineId });
  }
  searchEnv = (
    await db
      .insertInto('environments')
      .values({ code: 'search', name: 'Search' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  for (const [order_number, product_name] of [
    ['S-1', '50% off blend'],
    ['S-2', '500 g blend'],
    ['S-3', 'Salt_and_vinegar'],
    ['S-4', 'Saltxandxvinegar'],
    ['S-5', 'Back\\slash spice'],
    ['s_6%', 'Plain'],
  ] as const) {
    await addOrder(db, plant, { order_number, product_name, environment_id: searchEnv });
  }
});
afterAll(async () => {
  await t.close();
});

async function list(query: string, who: SignedIn = u.viewer) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/orders?${query}`,
    headers: { cookie: who.cookie },
  });
  return res;
}
async function page(query: string): Promise<OrderPage> {
  const res = await list(query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<OrderPage>();
}
const ids = (p: OrderPage) => p.items.map((o) => o.id);
const mine = (o: { id: number }) => made.some((m) => m.id === o.id);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('keyset pagination', () => {
  for (const sort of ORDER_SORTS) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`pages through all orders by ${sort} ${dir}: no duplicates, no gaps`, async () => {
        const base = `archived=all&environmentId=${plant.environmentId}&sort=${sort}&dir=${dir}`;
        const whole = await page(`${base}&limit=200`);
        expect(whole.nextCursor).toBeNull();
        const expected = made.filter((m) => m.environmentId === plant.environmentId);
        expect(sorted(ids(whole))).toEqual(sorted(expected.map((m) => m.id)));

        const seen: number[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const p: OrderPage = await page(
            `${base}&limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
          expect(p.items.length).toBeLessThanOrEqual(25);
          seen.push(...ids(p));
          cursor = p.nextCursor;
          pages++;
        } while (cursor && pages < 20);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen).toEqual(ids(whole));
        expect(pages).toBe(Math.ceil(expected.length / 25));
      });
    }
  }

  it('the order is the documented one (checked against JavaScript)', async () => {
    const rank =
      <T extends string>(list: readonly T[]) =>
      (v: T) =>
        list.indexOf(v);
    const key: Record<string, (o: Order) => string | number> = {
      dueDate: (o) => o.dueDate ?? '9999-12-31',
      priority: (o) => rank(ORDER_PRIORITIES)(o.priority),
      status: (o) => rank(ORDER_STATUSES)(o.status),
    };
    for (const [sort, k] of Object.entries(key)) {
      for (const dir of ['asc', 'desc'] as const) {
        const p = await page(`archived=all&sort=${sort}&dir=${dir}&limit=200`);
        const cmp = (a: Order, b: Order) => {
          const ka = k(a);
          const kb = k(b);
          const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
          return dir === 'asc' ? c : -c;
        };
        expect(ids(p)).toEqual(ids({ ...p, items: [...p.items].sort(cmp) }));
      }
    }
    const byCreated = await page('archived=all&sort=createdAt&limit=200');
    const created = byCreated.items.filter(mine).map((o) => o.createdAt);
    expect(created).toEqual([...created].sort());
  });

  it('refuses a cursor of another sort, or a forged one, with 400', async () => {
    const first = await page('archived=all&sort=dueDate&limit=5');
    const c = encodeURIComponent(first.nextCursor!);
    for (const q of [
      `archived=all&sort=priority&limit=5&cursor=${c}`,
      `archived=all&sort=dueDate&dir=desc&limit=5&cursor=${c}`,
      `cursor=${encodeURIComponent("'; drop table production_orders; --")}`,
      `cursor=${Buffer.from('{"s":"dueDate","d":"asc","v":"2026-13-01","i":1}').toString('base64url')}`,
    ]) {
      const res = await list(q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.fields).toHaveProperty('cursor');
    }
  });
});

describe('filters', () => {
  const expectIds = async (query: string, want: (m: Made) => boolean) => {
    const p = await page(`${query}&limit=200`);
    expect(sorted(ids(p).filter((id) => made.some((m) => m.id === id)))).toEqual(
      sorted(made.filter(want).map((m) => m.id)),
    );
  };

  it('archived: false by default, true, all', async () => {
    await expectIds('sort=dueDate', (m) => !m.archived);
    await expectIds('archived=false', (m) => !m.archived);
    await expectIds('archived=true', (m) => m.archived);
    await expectIds('archived=all', () => true);
  });

  it('status (one, repeated, comma-separated) and priority (multi)', async () => {
    await expectIds('status=paused', (m) => m.status === 'paused');
    await expectIds('status=pending&status=draft', (m) => ['pending', 'draft'].includes(m.status));
    await expectIds('status=in_progress,paused', (m) =>
      ['in_progress', 'paused'].includes(m.status),
    );
    await expectIds(
      'archived=all&status=completed&priority=high,urgent',
      (m) => m.status === 'completed' && ['high', 'urgent'].includes(m.priority),
    );
  });

  it('environment, machine, due range', async () => {
    await expectIds(
      `environmentId=${plant.otherEnvironmentId}`,
      (m) => !m.archived && m.environmentId === plant.otherEnvironmentId,
    );
    await expectIds(`archived=all&machineId=${machineA}`, (m) => m.machineId === machineA);
    await expectIds(
      'archived=all&dueFrom=2026-03-03&dueTo=2026-03-05',
      (m) => m.due !== null && m.due >= '2026-03-03' && m.due <= '2026-03-05',
    );
    await expectIds('archived=all&dueFrom=2026-03-10', (m) => m.due === '2026-03-10');
    const res = await list('dueFrom=2026-03-05&dueTo=2026-03-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ dueTo: 'must not be before dueFrom' });
  });

  it('unknown environment or machine: an empty page', async () => {
    const p = await page('environmentId=2147483000&machineId=2147483000');
    expect(p).toEqual({ items: [], nextCursor: null });
  });
});

describe('search', () => {
  const numbers = async (q: string) => {
    const p = await page(`environmentId=${searchEnv}&sort=orderNumber&q=${encodeURIComponent(q)}`);
    return p.items.map((o) => o.orderNumber).sort();
  };

  it('matches order number or product name, case-insensitively', async () => {
    expect(await numbers('SALT')).toEqual(['S-3', 'S-4']);
    expect(await numbers('s-2')).toEqual(['S-2']);
    expect(await numbers('blend')).toEqual(['S-1', 'S-2']);
  });

  it('takes % and _ and \\ literally', async () => {
    expect(await numbers('50%')).toEqual(['S-1']);
    expect(await numbers('%')).toEqual(['S-1', 's_6%']);
    expect(await numbers('t_a')).toEqual(['S-3']);
    expect(await numbers('_')).toEqual(['S-3', 's_6%']);
    expect(await numbers('\\')).toEqual(['S-5']);
    expect(await numbers('k\\s')).toEqual(['S-5']);
  });

  it('SQL in the search is just text', async () => {
    expect(await numbers("'; drop table production_orders; --")).toEqual([]);
    expect(await numbers("' or 1=1 --")).toEqual([]);
    const still = await page('archived=all&limit=1');
    expect(still.items).toHaveLength(1);
  });
});

describe('abuse', () => {
  it.each([
    ['sort=due_date', 'sort'],
    ['sort=dueDate%3B%20drop%20table%20x', 'sort'],
    ['dir=sideways', 'dir'],
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=2.5', 'limit'],
    ['status=bogus', 'status'],
    ['priority=medium', 'priority'],
    ['environmentId=abc', 'environmentId'],
    ['environmentId=-1', 'environmentId'],
    ['machineId=99999999999', 'machineId'],
    ['dueFrom=2026-02-30', 'dueFrom'],
    ['dueTo=yesterday', 'dueTo'],
    ['archived=yes', 'archived'],
    [`q=${'x'.repeat(101)}`, 'q'],
    ['q=a%00b', 'q'],
    ['name%3B%20DROP%20TABLE%20x=1', 'name; DROP TABLE x'],
    ['orderBy=id', 'orderBy'],
  ])('%s → 400 naming %s', async (query, field) => {
    const res = await list(query);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(Object.keys(res.json().error.fields ?? {}).join()).toContain(field);
  });

  it('needs a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/orders' });
    expect(res.statusCode).toBe(401);
  });
});

const CURSOR_VALUE = {
  dueDate: '2026-03-02',
  createdAt: '1767600000000000',
  orderNumber: 'L-050',
  priority: '1',
  status: '1',
};

const INDEX = {
  dueDate: 'due',
  createdAt: 'created',
  orderNumber: 'number',
  priority: 'priority',
  status: 'status',
};

describe('query plans', () => {
  it('every sort reads its index in order (no sort step), first page and later pages', async () => {
    await t.database.db.connection().execute(async (c) => {
      await sql`set enable_seqscan = off`.execute(c);
      await sql`set enable_bitmapscan = off`.execute(c);
      for (const sort of ORDER_SORTS) {
        for (const dir of ['asc', 'desc'] as const) {
          for (const archived of ['false', 'true'] as const) {
            for (const after of [undefined, { value: CURSOR_VALUE[sort], id: 10 }]) {
              const q = listOrdersQuery(c, { sort, dir, archived, limit: 50, after }).compile();
              const plan = await c.executeQuery<{ 'QUERY PLAN': string }>(
                CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]),
              );
              const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
              const label = `${sort} ${dir} archived=${archived} after=${after ? 'yes' : 'no'}\n${text}`;
              const index = `production_orders_${archived === 'false' ? 'active' : 'all'}_${INDEX[sort]}_idx`;
              expect(text, label).toMatch(
                new RegExp(`Index Scan( Backward)? using ${index} on production_orders`),
              );
              expect(text, label).not.toMatch(/\bSort\b/);
            }
          }
        }
      }
      await sql`reset enable_seqscan`.execute(c);
      await sql`reset enable_bitmapscan`.execute(c);
    });
  });
});

describe('migration 0003', () => {
  it('goes down and up again; trigram indexes where pg_trgm is available', async () => {
    const db = t.database.db;
    const names = async () =>
      (
        await sql<{ indexname: string }>`select indexname from pg_indexes
          where tablename = 'production_orders' and indexname ~ '_(active|all|trgm)_'
          order by 1`.execute(db)
      ).rows.map((r) => r.indexname);
    const before = await names();
    expect(before.filter((n) => /_(active|all)_/.test(n))).toHaveLength(10);
    await m0003.down(db as unknown as Kysely<unknown>);
    expect(await names()).toEqual([]);
    await m0003.up(db as unknown as Kysely<unknown>);
    expect(await names()).toEqual(before);
    const trgm = await sql`select 1 from pg_available_extensions where name = 'pg_trgm'`.execute(
      db,
    );
    expect(before.filter((n) => n.endsWith('_trgm_idx'))).toHaveLength(trgm.rows.length ? 2 : 0);
  });
});
