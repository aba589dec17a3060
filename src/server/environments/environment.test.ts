import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAll } from '../../../test/support/actors.js';
import { Environment, EnvironmentList } from '../../common/api/environments.js';

let t: TestApp;
let admin: string;
let viewer: string;
let supervisor: string;

beforeAll(async () => {
  t = await createTestApp();
  const users = await signInAll(t.app, t.database.db);
  admin = users.admin.cookie;
  viewer = users.viewer.cookie;
  supervisor = users.supervisor.cookie;
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
  const res = await call('POST', '/api/environments', body);
  expect(res.statusCode, res.body).toBe(201);
  return Environment.parse(res.json());
};

describe('environments', () => {
  it('creates, lists in sort order, updates and deletes, audited', async () => {
    const milk = await create({
      code: 'milk-powder',
      name: 'Milk powder',
      colour: '#9c36b5',
      sortOrder: 5,
    });
    expect(milk).toEqual({
      id: milk.id,
      code: 'milk-powder',
      name: 'Milk powder',
      colour: '#9c36b5',
      active: true,
      sortOrder: 5,
    });
    const seasoning = await create({ code: 'seasoning', name: 'Seasoning', sortOrder: 1 });
    expect(seasoning).toMatchObject({ colour: null, active: true });

    const res = await t.app.inject({ url: '/api/environments', headers: { cookie: viewer } });
    const codes = EnvironmentList.parse(res.json()).items.map((e) => e.code);
    expect(codes.indexOf('seasoning')).toBeLessThan(codes.indexOf('milk-powder'));

    const updated = await call('PATCH', `/api/environments/${milk.id}`, {
      name: 'Milk powder line',
      colour: null,
      active: false,
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toEqual({
      ...milk,
      name: 'Milk powder line',
      colour: null,
      active: false,
    });

    expect((await call('DELETE', `/api/environments/${seasoning.id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/environments/${seasoning.id}`)).statusCode).toBe(404);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'before', 'after'])
      .where('entity_type', '=', 'environment')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'create', entity_id: String(milk.id), before: null, after: milk },
      { action: 'create', entity_id: String(seasoning.id), before: null, after: seasoning },
      { action: 'update', entity_id: String(milk.id), before: milk, after: updated.json() },
      { action: 'delete', entity_id: String(seasoning.id), before: seasoning, after: null },
    ]);
  });

  it('refuses a duplicate code with 409 naming the field', async () => {
    await create({ code: 'beverage', name: 'Beverage' });
    const res = await call('POST', '/api/environments', { code: 'beverage', name: 'Drinks' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'conflict',
      fields: { code: 'is already taken' },
    });
    const other = await create({ code: 'drinks', name: 'Drinks' });
    const rename = await call('PATCH', `/api/environments/${other.id}`, { code: 'beverage' });
    expect(rename.statusCode).toBe(409);
  });

  it('refuses to delete an environment in use (409 "in use")', async () => {
    const env = await create({ code: 'blending', name: 'Blending' });
    await t.database.db
      .insertInto('machines')
      .values({ code: 'BL-01', name: 'Blender 1', environment_id: env.id })
      .execute();
    const res = await call('DELETE', `/api/environments/${env.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict');
    expect(res.json().error.message).toMatch(/in use/);
    const still = await t.app.inject({ url: '/api/environments', headers: { cookie: viewer } });
    expect(still.json().items.map((e: Environment) => e.code)).toContain('blending');
  });

  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    expect((await call('PATCH', '/api/environments/987654', { name: 'X' })).statusCode).toBe(404);
    expect((await call('DELETE', '/api/environments/987654')).statusCode).toBe(404);
    for (const bad of ['x', '-1', '0', '3.5', '4294967296', "1'; DROP TABLE environments;--"]) {
      const res = await call('DELETE', `/api/environments/${encodeURIComponent(bad)}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.fields).toHaveProperty('id');
    }
  });

  it.each([
    [{ code: 'Blending', name: 'X' }, 'code'],
    [{ code: 'milk powder', name: 'X' }, 'code'],
    [{ code: "x'); DROP TABLE environments;--", name: 'X' }, 'code'],
    [{ code: 'c'.repeat(65), name: 'X' }, 'code'],
    [{ code: 'ok', name: '' }, 'name'],
    [{ code: 'ok', name: 'n'.repeat(101) }, 'name'],
    [{ code: 'ok', name: 'X', colour: 'red' }, 'colour'],
    [{ code: 'ok', name: 'X', colour: '#12345g' }, 'colour'],
    [{ code: 'ok', name: 'X', sortOrder: -1 }, 'sortOrder'],
    [{ code: 'ok', name: 'X', sortOrder: 2.5 }, 'sortOrder'],
    [{ code: 'ok', name: 'X', sortOrder: '1' }, 'sortOrder'],
    [{ code: 'ok', name: 'X', active: 'true' }, 'active'],
    [{ code: 'ok', name: 'X', id: 1 }, 'id'],
    [
      { code: 'ok', name: 'X', 'name; DROP TABLE environments': 1 },
      'name; DROP TABLE environments',
    ],
    [{ code: 'ok' }, 'name'],
  ])('POST refuses %j with 400 naming %s', async (payload, field) => {
    const res = await call('POST', '/api/environments', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.fields).toHaveProperty([field]);
  });

  // Kysely would send `update … set where …` (a syntax error) if the service did not skip it.
  it('an empty PATCH changes nothing and answers 200', async () => {
    const env = await create({ code: 'empty-patch', name: 'Empty patch' });
    const res = await call('PATCH', `/api/environments/${env.id}`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(env);
  });

  it('never answers 500 to bad input', async () => {
    const env = await create({ code: 'maturation', name: 'Maturation' });
    const bodies: unknown[] = [
      { code: 'with_underscore' },
      { name: 'x'.repeat(1_000_000) },
      [],
      'plain text',
      { name: { $gt: '' } },
    ];
    for (const payload of bodies) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/environments/${env.id}`,
        headers: { cookie: admin, 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
      expect(res.statusCode, `${JSON.stringify(payload).slice(0, 40)}: ${res.body}`).toBeLessThan(
        500,
      );
    }
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/environments',
      headers: { cookie: admin, 'content-type': 'application/json' },
      payload: '{"code": "x",',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('malformed_json');
  });

  it('is for admins to change; everyone signed in reads', async () => {
    const env = await create({ code: 'roles', name: 'Roles' });
    const asSupervisor = await t.app.inject({
      method: 'PATCH',
      url: `/api/environments/${env.id}`,
      headers: { cookie: supervisor },
      payload: { name: 'Hijacked' },
    });
    expect(asSupervisor.statusCode).toBe(403);
    const read = await t.app.inject({ url: '/api/environments', headers: { cookie: viewer } });
    expect(read.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/environments' })).statusCode).toBe(401);
  });
});
