import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAll } from '../../../test/support/actors.js';
import { Product, ProductList } from '../../common/api/products.js';

let t: TestApp;
let admin: string;
let viewer: string;

beforeAll(async () => {
  t = await createTestApp();
  const users = await signInAll(t.app, t.database.db);
  admin = users.admin.cookie;
  viewer = users.viewer.cookie;
});
afterAll(async () => {
  await t.close();
});

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: admin },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const create = async (body: object) => {
  const res = await call('POST', '/api/products', body);
  expect(res.statusCode, res.body).toBe(201);
  return Product.parse(res.json());
};

const list = async (query: string) => {
  const res = await t.app.inject({ url: `/api/products${query}`, headers: { cookie: viewer } });
  expect(res.statusCode, res.body).toBe(200);
  return ProductList.parse(res.json());
};

describe('products', () => {
  it('creates, updates and deletes with audit rows', async () => {
    const p = await create({ code: 'RB-500', name: 'Rooibos blend 500 g' });
    expect(p).toEqual({
      id: p.id,
      code: 'RB-500',
      name: 'Rooibos blend 500 g',
      unit: 'units',
      active: true,
    });
    const res = await call('PATCH', `/api/products/${p.id}`, { unit: 'kg', active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...p, unit: 'kg', active: false });
    expect((await call('DELETE', `/api/products/${p.id}`)).statusCode).toBe(204);
    expect((await call('PATCH', `/api/products/${p.id}`, { name: 'Gone' })).statusCode).toBe(404);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_type', '=', 'product')
      .where('entity_id', '=', String(p.id))
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'create', before: null, after: p },
      { action: 'update', before: p, after: { ...p, unit: 'kg', active: false } },
      { action: 'delete', before: { ...p, unit: 'kg', active: false }, after: null },
    ]);
  });

  it('searches code and name (wildcards literal) and filters on active', async () => {
    await create({ code: 'SEARCH-1', name: 'Chicken stock 10%' });
    await create({ code: 'SEARCH-2', name: 'Chicken_zest', active: false });
    await create({ code: 'SEARCH-3', name: 'Beef stock', unit: 'kg' });

    expect((await list('?search=chicken')).items.map((p) => p.code)).toEqual([
      'SEARCH-1',
      'SEARCH-2',
    ]);
    expect((await list('?search=search-3')).items.map((p) => p.name)).toEqual(['Beef stock']);
    expect((await list('?search=10%25')).items.map((p) => p.code)).toEqual(['SEARCH-1']);
    expect((await list('?search=n_z')).items.map((p) => p.code)).toEqual(['SEARCH-2']);
    expect((await list('?search=%25')).items.map((p) => p.code)).toEqual(['SEARCH-1']);
    expect((await list('?search=chicken&active=true')).items.map((p) => p.code)).toEqual([
      'SEARCH-1',
    ]);
    expect((await list('?search=chicken&active=false')).items.map((p) => p.code)).toEqual([
      'SEARCH-2',
    ]);
    expect((await list(`?search=${encodeURIComponent("' OR 1=1 --")}`)).items).toEqual([]);
    const limited = await list('?search=search&limit=2');
    expect(limited.items.map((p) => p.code)).toEqual(['SEARCH-3', 'SEARCH-1']);
    expect(limited.truncated).toBe(true);
    expect((await list('?search=search&limit=3')).truncated).toBe(false);
  });

  it('refuses a duplicate code (409) and refuses to delete a product in use (409)', async () => {
    const p = await create({ code: 'USED-1', name: 'Used product' });
    const dup = await call('POST', '/api/products', { code: 'USED-1', name: 'Other' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual({ code: 'is already taken' });

    const env = await t.database.db
      .insertInto('environments')
      .values({ code: 'packaging', name: 'Packaging' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('production_orders')
      .values({
        order_number: 'PO-USED-1',
        product_id: p.id,
        product_name: p.name,
        quantity: 100,
        environment_id: env.id,
      })
      .execute();
    const res = await call('DELETE', `/api/products/${p.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(
      'Product USED-1 is in use by orders or maturation batches and cannot be deleted; deactivate it instead',
    );
    const deactivated = await call('PATCH', `/api/products/${p.id}`, { active: false });
    expect(deactivated.json().active).toBe(false);
  });

  it.each([
    ['POST', { code: 'X', name: '' }, 'name'],
    ['POST', { code: '', name: 'X' }, 'code'],
    ['POST', { code: 'X', name: 'X', unit: 'u'.repeat(33) }, 'unit'],
    ['POST', { code: 'x'.repeat(65), name: 'X' }, 'code'],
    ['POST', { code: 'X', name: 'X', active: 'yes' }, 'active'],
    ['POST', { code: ['X'], name: 'X' }, 'code'],
    ['POST', { code: 'X', name: 'X', id: 5 }, 'id'],
    [
      'POST',
      { code: 'X', name: 'X', "unit'); DROP TABLE products;--": 'kg' },
      "unit'); DROP TABLE products;--",
    ],
    ['PATCH', { name: null }, 'name'],
    ['PATCH', { active: 1 }, 'active'],
  ])('%s refuses %j with 400 naming %s', async (method, payload, field) => {
    const p = await create({ code: `V-${Math.random()}`, name: 'Validation target' });
    const url = method === 'POST' ? '/api/products' : `/api/products/${p.id}`;
    const res = await call(method as 'POST', url, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty([field]);
  });

  it.each([
    ['?active=yes', 'active'],
    ['?limit=0', 'limit'],
    ['?limit=1.5', 'limit'],
    ['?limit=-3', 'limit'],
    ['?limit=abc', 'limit'],
    [`?search=${'x'.repeat(201)}`, 'search'],
    ['?sort=name', 'sort'],
  ])('GET %s is 400 naming %s', async (query, field) => {
    const res = await t.app.inject({ url: `/api/products${query}`, headers: { cookie: viewer } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty([field]);
  });

  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    expect((await call('DELETE', '/api/products/2147483647')).statusCode).toBe(404);
    expect((await call('PATCH', '/api/products/abc', { name: 'X' })).statusCode).toBe(400);
    expect((await call('DELETE', '/api/products/2147483648')).statusCode).toBe(400);
  });
});
