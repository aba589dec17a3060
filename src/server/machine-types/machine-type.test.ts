import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAll } from '../../../test/support/actors.js';
import { MachineType, MachineTypeList } from '../../common/api/machine-types.js';

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

const auditOf = (id: number) =>
  t.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', 'machine_type')
    .where('entity_id', '=', String(id))
    .orderBy('id')
    .execute();

describe('machine types', () => {
  it('creates, lists, updates and deletes, with an audit row for each change', async () => {
    const created = await call('POST', '/api/machine-types', {
      code: 'ribbon-mixer',
      name: '  Ribbon mixer  ',
      description: 'Horizontal ribbon blender, 2 t',
    });
    expect(created.statusCode).toBe(201);
    const type = MachineType.parse(created.json());
    expect(type).toEqual({
      id: type.id,
      code: 'ribbon-mixer',
      name: 'Ribbon mixer',
      description: 'Horizontal ribbon blender, 2 t',
    });

    const list = await t.app.inject({ url: '/api/machine-types', headers: { cookie: viewer } });
    expect(list.statusCode).toBe(200);
    expect(MachineTypeList.parse(list.json()).items).toContainEqual(type);

    const updated = await call('PATCH', `/api/machine-types/${type.id}`, {
      name: 'Ribbon mixer (2 t)',
      description: '',
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toEqual({ ...type, name: 'Ribbon mixer (2 t)', description: null });

    const unchanged = await call('PATCH', `/api/machine-types/${type.id}`, {});
    expect(unchanged.statusCode).toBe(200);
    expect(unchanged.json()).toEqual(updated.json());

    const deleted = await call('DELETE', `/api/machine-types/${type.id}`);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');

    const audit = await auditOf(type.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    expect(audit[1]?.before).toMatchObject({ name: 'Ribbon mixer' });
    expect(audit[1]?.after).toMatchObject({ name: 'Ribbon mixer (2 t)', description: null });
    expect(audit[2]?.before).toMatchObject({ code: 'ribbon-mixer' });
    expect(audit[2]?.after).toBeNull();
  });

  it('refuses a duplicate code with 409 naming the field', async () => {
    expect((await call('POST', '/api/machine-types', { code: 'dup', name: 'A' })).statusCode).toBe(
      201,
    );
    const res = await call('POST', '/api/machine-types', { code: 'dup', name: 'B' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'conflict',
      fields: { code: 'is already taken' },
    });
  });

  it('refuses to delete a type in use (409) and leaves it in place', async () => {
    const type = MachineType.parse(
      (await call('POST', '/api/machine-types', { code: 'filler', name: 'Filler' })).json(),
    );
    const env = await t.database.db
      .insertInto('environments')
      .values({ code: 'beverage', name: 'Beverage' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('machines')
      .values({ code: 'BV-01', name: 'Filler 1', environment_id: env.id, machine_type_id: type.id })
      .execute();
    const res = await call('DELETE', `/api/machine-types/${type.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(
      'Machine type filler is in use by 1 machine(s) and cannot be deleted',
    );
    expect(await auditOf(type.id)).toHaveLength(1);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await call('PATCH', '/api/machine-types/999999', { name: 'X' })).statusCode).toBe(404);
    expect((await call('DELETE', '/api/machine-types/999999')).statusCode).toBe(404);
    for (const bad of ['abc', '-1', '1.5', '0', '99999999999', '1;DROP TABLE machine_types']) {
      const res = await call('DELETE', `/api/machine-types/${encodeURIComponent(bad)}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.fields).toHaveProperty('id');
    }
  });

  it.each([
    [{ code: 'Mixer', name: 'X' }, 'code'],
    [{ code: 'a b', name: 'X' }, 'code'],
    [{ code: "x'; DROP TABLE machine_types; --", name: 'X' }, 'code'],
    [{ code: 'ok', name: '' }, 'name'],
    [{ code: 'ok', name: '   ' }, 'name'],
    [{ code: 'ok', name: 'x'.repeat(101) }, 'name'],
    [{ code: 'ok', name: 42 }, 'name'],
    [{ code: 12, name: 'X' }, 'code'],
    [{ code: 'ok', name: 'X', description: 'x'.repeat(1001) }, 'description'],
    [{ code: 'ok', name: 'X', colour: 'red' }, 'colour'],
    [
      { code: 'ok', name: 'X', 'name; DROP TABLE machine_types': 1 },
      'name; DROP TABLE machine_types',
    ],
    [{ name: 'X' }, 'code'],
  ])('refuses %j with 400 naming %s', async (payload, field) => {
    const res = await call('POST', '/api/machine-types', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.fields).toHaveProperty([field]);
  });

  it('stores SQL-looking text as plain text and survives huge bodies', async () => {
    const name = "Robert'); DROP TABLE machines; --";
    const res = await call('POST', '/api/machine-types', { code: 'bobby', name });
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe(name);
    const huge = await call('POST', '/api/machine-types', { code: 'big', name: 'x'.repeat(2e6) });
    expect([400, 413]).toContain(huge.statusCode);
    const tables = await t.database.db
      .selectFrom('machines')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(tables).toBeDefined();
  });

  it('is read-only for viewers', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/machine-types',
      headers: { cookie: viewer },
      payload: { code: 'nope', name: 'Nope' },
    });
    expect(res.statusCode).toBe(403);
  });
});
