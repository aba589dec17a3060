import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAll } from '../../../test/support/actors.js';
import { Machine, MachineList } from '../../common/api/machines.js';

let t: TestApp;
let admin: string;
let viewer: string;
let blending: number;
let packaging: number;
let mixer: number;

beforeAll(async () => {
  t = await createTestApp();
  const users = await signInAll(t.app, t.database.db);
  admin = users.admin.cookie;
  viewer = users.viewer.cookie;
  const envs = await t.database.db
    .insertInto('environments')
    .values([
      { code: 'blending', name: 'Blending', colour: '#2f9e44', sort_order: 0 },
      { code: 'packaging', name: 'Packaging', colour: null, sort_order: 1 },
    ])
    .returning('id')
    .execute();
  blending = envs[0]!.id;
  packaging = envs[1]!.id;
  mixer = (
    await t.database.db
      .insertInto('machine_types')
      .values({ code: 'mixer', name: 'Ribbon mixer' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
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

let seq = 0;
const create = async (over: object = {}) => {
  const res = await call('POST', '/api/machines', {
    code: `M-${++seq}`,
    name: `Machine ${seq}`,
    environmentId: packaging,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return Machine.parse(res.json());
};

const list = async (query = '') => {
  const res = await t.app.inject({ url: `/api/machines${query}`, headers: { cookie: viewer } });
  expect(res.statusCode, res.body).toBe(200);
  return MachineList.parse(res.json()).items;
};

describe('machines: create, read, update', () => {
  it('creates a machine with its environment, type, speed and staffing', async () => {
    const m = await create({
      code: 'BL-01',
      name: 'Blender 1',
      environmentId: blending,
      machineTypeId: mixer,
      ratedSpeed: 1200.5,
      staffing: { operator: 1, hopper_loader: 2, packer: 0 },
      notes: 'Left of the dock door',
    });
    expect(m).toEqual({
      id: m.id,
      code: 'BL-01',
      name: 'Blender 1',
      environment: { id: blending, code: 'blending', name: 'Blending', colour: '#2f9e44' },
      type: { id: mixer, code: 'mixer', name: 'Ribbon mixer' },
      status: 'available',
      ratedSpeed: 1200.5,
      staffing: { operator: 1, hopper_loader: 2, packer: 0 },
      notes: 'Left of the dock door',
      retiredAt: null,
      version: 1,
      runningOrder: null,
      openStop: null,
    });
    const got = await t.app.inject({ url: `/api/machines/${m.id}`, headers: { cookie: viewer } });
    expect(got.json()).toEqual(m);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after', 'user_id'])
      .where('entity_type', '=', 'machine')
      .where('entity_id', '=', String(m.id))
      .execute();
    expect(audit).toEqual([
      { action: 'create', before: null, after: m, user_id: expect.any(Number) },
    ]);
    const events = await t.database.db
      .selectFrom('event_outbox')
      .select(['topic', 'payload'])
      .where('topic', '=', 'machine.updated')
      .execute();
    expect(events.map((e) => e.payload)).toContainEqual({
      action: 'create',
      machineId: m.id,
      code: 'BL-01',
      environmentId: blending,
      status: 'available',
      retiredAt: null,
      version: 1,
    });
  });

  it('updates planned fields with the version it was based on; a stale one is 409', async () => {
    const m = await create({ staffing: { operator: 1 } });
    const res = await call('PATCH', `/api/machines/${m.id}`, {
      version: 1,
      name: 'Sachet packer 3',
      environmentId: blending,
      machineTypeId: mixer,
      ratedSpeed: 3600,
      staffing: { operator: 2, packer: 3 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const updated = Machine.parse(res.json());
    expect(updated).toMatchObject({
      name: 'Sachet packer 3',
      environment: { id: blending, code: 'blending' },
      type: { id: mixer },
      ratedSpeed: 3600,
      staffing: { operator: 2, packer: 3 },
      version: 2,
    });

    const stale = await call('PATCH', `/api/machines/${m.id}`, { version: 1, name: 'Lost edit' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/changed by someone else \(version 2, not 1\)/);
    expect(stale.json().error.current).toEqual(updated);

    const cleared = await call('PATCH', `/api/machines/${m.id}`, {
      version: 2,
      machineTypeId: null,
      ratedSpeed: null,
      notes: '',
    });
    expect(cleared.json()).toMatchObject({ type: null, ratedSpeed: null, notes: null, version: 3 });

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_type', '=', 'machine')
      .where('entity_id', '=', String(m.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(audit[1]).toMatchObject({ before: { name: m.name, version: 1 }, after: updated });
  });

  it('two edits based on the same version at the same moment: exactly one wins', async () => {
    const m = await create();
    const results = await Promise.all(
      ['Left edit', 'Right edit'].map((name) =>
        call('PATCH', `/api/machines/${m.id}`, { version: 1, name }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.json();
    const loser = results.find((r) => r.statusCode === 409)!.json();
    expect(loser.error.current).toEqual(winner);
    expect(winner.version).toBe(2);
  });

  it('refuses a duplicate code (409) and unknown environment/type (400 naming the field)', async () => {
    const m = await create();
    const dup = await call('POST', '/api/machines', {
      code: m.code,
      name: 'Other',
      environmentId: packaging,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual({ code: 'is already taken' });
    const env = await call('POST', '/api/machines', {
      code: 'X-1',
      name: 'X',
      environmentId: 999999,
    });
    expect(env.statusCode).toBe(400);
    expect(env.json().error.fields).toEqual({ environmentId: 'does not exist' });
    const type = await call('PATCH', `/api/machines/${m.id}`, { version: 1, machineTypeId: 999 });
    expect(type.statusCode).toBe(400);
    expect(type.json().error.fields).toEqual({ machineTypeId: 'does not exist' });
  });

  it.each([
    [{ staffing: { cleaner: 1 } }, 'staffing.cleaner'],
    [{ staffing: { operator: 51 } }, 'staffing.operator'],
    [{ staffing: { operator: -1 } }, 'staffing.operator'],
    [{ staffing: { packer: 1.5 } }, 'staffing.packer'],
    [{ staffing: { packer: '2' } }, 'staffing.packer'],
    [{ staffing: [1, 2] }, 'staffing'],
    [
      { staffing: { "operator'); DROP TABLE machines;--": 1 } },
      "staffing.operator'); DROP TABLE machines;--",
    ],
    [{ ratedSpeed: 0 }, 'ratedSpeed'],
    [{ ratedSpeed: -5 }, 'ratedSpeed'],
    [{ ratedSpeed: '100' }, 'ratedSpeed'],
    [{ ratedSpeed: 1e12 }, 'ratedSpeed'],
    [{ environmentId: 'blending' }, 'environmentId'],
    [{ environmentId: 1.5 }, 'environmentId'],
    [{ code: '' }, 'code'],
    [{ code: 'x'.repeat(65) }, 'code'],
    [{ name: 'n'.repeat(201) }, 'name'],
    [{ notes: 'n'.repeat(4001) }, 'notes'],
    [{ status: 'in_use' }, 'status'],
    [{ version: 1 }, 'version'],
    [{ 'name; DROP TABLE machines': 'x' }, 'name; DROP TABLE machines'],
  ])('POST refuses %j with 400 naming %s', async (over, field) => {
    const res = await call('POST', '/api/machines', {
      code: 'ABUSE-1',
      name: 'Abuse',
      environmentId: packaging,
      ...over,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.fields).toHaveProperty([field]);
  });

  it('PATCH needs a version and refuses unknown fields', async () => {
    const m = await create();
    const noVersion = await call('PATCH', `/api/machines/${m.id}`, { name: 'X' });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().error.fields).toHaveProperty('version');
    const status = await call('PATCH', `/api/machines/${m.id}`, { version: 1, status: 'offline' });
    expect(status.statusCode).toBe(400);
    expect(status.json().error.fields).toEqual({ status: 'is not a known field' });
    const neg = await call('PATCH', `/api/machines/${m.id}`, { version: -1 });
    expect(neg.statusCode).toBe(400);
    expect((await call('PATCH', '/api/machines/777777', { version: 1 })).statusCode).toBe(404);
    expect((await call('PATCH', '/api/machines/0', { version: 1 })).statusCode).toBe(400);
  });

  it('stores SQL-looking text as text', async () => {
    const name = "'; DELETE FROM machines; --";
    const m = await create({ code: "BL-99' OR '1'='1", name });
    expect(m).toMatchObject({ code: "BL-99' OR '1'='1", name });
    expect((await list()).length).toBeGreaterThan(1);
  });

  it('answers 404 for an unknown machine and 400 for malformed ids', async () => {
    const res = await t.app.inject({
      url: '/api/machines/2147483647',
      headers: { cookie: viewer },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe('Machine 2147483647 does not exist');
    for (const bad of ['abc', '-3', '2.5', '2147483648', '1%20OR%201=1']) {
      const r = await t.app.inject({ url: `/api/machines/${bad}`, headers: { cookie: viewer } });
      expect(r.statusCode, bad).toBe(400);
    }
  });
});
