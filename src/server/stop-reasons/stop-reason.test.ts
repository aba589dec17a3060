import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAll } from '../../../test/support/actors.js';
import { StopReason, StopReasonTree } from '../../common/api/stop-reasons.js';

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
  const res = await call('POST', '/api/stop-reasons', body);
  expect(res.statusCode, res.body).toBe(201);
  return StopReason.parse(res.json());
};

const tree = async (query = '') => {
  const res = await t.app.inject({ url: `/api/stop-reasons${query}`, headers: { cookie: viewer } });
  expect(res.statusCode, res.body).toBe(200);
  return StopReasonTree.parse(res.json()).items;
};

let seq = 0;
const category = (over: object = {}) =>
  create({
    code: `CAT${++seq}`,
    name: `Category ${seq}`,
    planned: false,
    oeeLoss: 'availability',
    ...over,
  });

describe('stop reason tree', () => {
  it('builds the tree: categories with their reasons inheriting the classification', async () => {
    const mech = await create({
      code: 'mech',
      name: 'Mechanical',
      planned: false,
      oeeLoss: 'availability',
      sortOrder: 1,
    });
    expect(mech).toEqual({
      id: mech.id,
      parentId: null,
      code: 'MECH',
      name: 'Mechanical',
      planned: false,
      oeeLoss: 'availability',
      active: true,
      sortOrder: 1,
    });
    const change = await create({
      code: 'CHANGE',
      name: 'Changeover',
      planned: true,
      oeeLoss: 'availability',
      sortOrder: 0,
    });
    const jam = await create({ parentId: mech.id, code: 'JAM', name: 'Jam', sortOrder: 2 });
    expect(jam).toMatchObject({ parentId: mech.id, planned: false, oeeLoss: 'availability' });
    const breakdown = await create({ parentId: mech.id, code: 'BREAKDOWN', name: 'Breakdown' });
    const old = await create({ parentId: mech.id, code: 'OLD', name: 'Old reason', active: false });
    const clean = await create({ parentId: change.id, code: 'CIP', name: 'Clean in place' });
    expect(clean).toMatchObject({ planned: true });

    const items = (await tree()).filter((c) => ['MECH', 'CHANGE'].includes(c.code));
    expect(items.map((c) => [c.code, c.reasons.map((r) => r.code)])).toEqual([
      ['CHANGE', ['CIP']],
      ['MECH', ['BREAKDOWN', 'JAM']],
    ]);
    expect(items[1]?.reasons[1]).toEqual(jam);
    const all = (await tree('?includeInactive=true')).find((c) => c.id === mech.id);
    expect(all?.reasons.map((r) => r.id)).toEqual([breakdown.id, old.id, jam.id]);

    // Changing the category's classification changes what its reasons inherit.
    const res = await call('PATCH', `/api/stop-reasons/${mech.id}`, { oeeLoss: 'performance' });
    expect(res.json()).toMatchObject({ oeeLoss: 'performance' });
    const after = (await tree()).find((c) => c.id === mech.id);
    expect(after?.reasons.every((r) => r.oeeLoss === 'performance')).toBe(true);

    // An inactive category hides its reasons unless asked for.
    await call('PATCH', `/api/stop-reasons/${change.id}`, { active: false });
    expect((await tree()).find((c) => c.id === change.id)).toBeUndefined();
    expect((await tree('?includeInactive=true')).find((c) => c.id === change.id)).toMatchObject({
      active: false,
      reasons: [clean],
    });
  });

  it('updates a reason, moves it to another category, and audits before/after', async () => {
    const a = await category({ planned: true, oeeLoss: 'quality' });
    const b = await category();
    const r = await create({ parentId: a.id, code: 'MOVEME', name: 'Move me' });
    const res = await call('PATCH', `/api/stop-reasons/${r.id}`, {
      parentId: b.id,
      name: 'Moved',
      code: 'moved',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      ...r,
      parentId: b.id,
      name: 'Moved',
      code: 'MOVED',
      planned: false,
      oeeLoss: 'availability',
    });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_type', '=', 'stop_reason')
      .where('entity_id', '=', String(r.id))
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'create', before: null, after: r },
      { action: 'update', before: r, after: res.json() },
    ]);
  });

  it('keeps the tree two levels deep with clear 400s', async () => {
    const cat = await category();
    const reason = await create({ parentId: cat.id, code: `R${++seq}`, name: 'Leaf' });

    const underReason = await call('POST', '/api/stop-reasons', {
      parentId: reason.id,
      code: 'DEEP',
      name: 'Too deep',
    });
    expect(underReason.statusCode).toBe(400);
    expect(underReason.json().error.fields).toEqual({
      parentId: 'must be a category, not a reason',
    });

    const missing = await call('POST', '/api/stop-reasons', {
      parentId: 99999,
      code: 'ORPHAN',
      name: 'Orphan',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual({ parentId: 'does not exist' });

    const moveUnderReason = await call('PATCH', `/api/stop-reasons/${reason.id}`, {
      parentId: reason.id,
    });
    expect(moveUnderReason.statusCode).toBe(400);
    expect(moveUnderReason.json().error.fields).toHaveProperty('parentId');

    const catUnderCat = await call('PATCH', `/api/stop-reasons/${cat.id}`, { parentId: cat.id });
    expect(catUnderCat.statusCode).toBe(400);
    expect(catUnderCat.json().error.fields).toHaveProperty('parentId');

    const reasonClass = await call('PATCH', `/api/stop-reasons/${reason.id}`, { planned: true });
    expect(reasonClass.statusCode).toBe(400);
    expect(reasonClass.json().error.fields).toEqual({
      planned: 'is inherited from the category: change it on the category',
    });

    const reasonWithClass = await call('POST', '/api/stop-reasons', {
      parentId: cat.id,
      code: 'CLASSY',
      name: 'X',
      oeeLoss: 'quality',
    });
    expect(reasonWithClass.statusCode).toBe(400);
    expect(reasonWithClass.json().error.fields).toHaveProperty('oeeLoss');

    const catWithout = await call('POST', '/api/stop-reasons', { code: 'BARE', name: 'Bare' });
    expect(catWithout.statusCode).toBe(400);
    expect(catWithout.json().error.fields).toEqual({
      planned: 'is required for a category',
      oeeLoss: 'is required for a category',
    });
  });

  it('maps the database refusal itself to 400 when a race gets past the checks', async () => {
    const cat = await category();
    const reason = await create({ parentId: cat.id, code: `R${++seq}`, name: 'Leaf' });
    const { translateStopReasonError } = await import('./stop-reason.errors.js');
    const err = await t.database.db
      .insertInto('stop_reasons')
      .values({ parent_id: reason.id, code: 'RACE', name: 'Race' })
      .execute()
      .catch((e: unknown) => e);
    expect(() => translateStopReasonError(err)).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        fields: { parentId: expect.any(String) },
      }),
    );
    const check = await t.database.db
      .insertInto('stop_reasons')
      .values({ code: 'NOCLASS', name: 'No class' })
      .execute()
      .catch((e: unknown) => e);
    expect(() => translateStopReasonError(check)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });

  it('deletes only unused nodes; used ones get 409 suggesting deactivation', async () => {
    const cat = await category();
    const used = await create({ parentId: cat.id, code: `USED${++seq}`, name: 'Used' });
    const unused = await create({ parentId: cat.id, code: `FREE${++seq}`, name: 'Free' });
    const env = await t.database.db
      .insertInto('environments')
      .values({ code: 'blending', name: 'Blending' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const machine = await t.database.db
      .insertInto('machines')
      .values({ code: 'BL-01', name: 'Blender 1', environment_id: env.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('stops')
      .values({
        machine_id: machine.id,
        reason_id: used.id,
        started_at: '2026-03-02T08:00:00+02:00',
        ended_at: '2026-03-02T08:20:00+02:00',
      })
      .execute();

    const refused = await call('DELETE', `/api/stop-reasons/${used.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(
      `Stop reason ${used.code} is used by 1 stop(s) and cannot be deleted; deactivate it instead`,
    );
    const withReasons = await call('DELETE', `/api/stop-reasons/${cat.id}`);
    expect(withReasons.statusCode).toBe(409);
    expect(withReasons.json().error.message).toMatch(/still has 2 reason\(s\).*deactivate/);

    expect((await call('DELETE', `/api/stop-reasons/${unused.id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/stop-reasons/${unused.id}`)).statusCode).toBe(404);
    const deactivated = await call('PATCH', `/api/stop-reasons/${used.id}`, { active: false });
    expect(deactivated.json()).toMatchObject({ active: false });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_type', '=', 'stop_reason')
      .where('entity_id', '=', String(unused.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.after === null])).toEqual([
      ['create', false],
      ['delete', true],
    ]);
    expect(audit[1]?.before).toEqual(unused);
  });

  it('refuses a duplicate code with 409', async () => {
    await category({ code: 'SAME' });
    const res = await call('POST', '/api/stop-reasons', {
      code: 'same',
      name: 'X',
      planned: true,
      oeeLoss: 'quality',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual({ code: 'is already taken' });
  });

  it.each([
    [{ code: 'A', name: 'A', planned: 'no', oeeLoss: 'quality' }, 'planned'],
    [{ code: 'A', name: 'A', planned: true, oeeLoss: 'speed' }, 'oeeLoss'],
    [{ code: 'A B', name: 'A', planned: true, oeeLoss: 'quality' }, 'code'],
    [{ code: "A'; DROP TABLE stops;--", name: 'A', planned: true, oeeLoss: 'quality' }, 'code'],
    [{ code: 'A', name: 'x'.repeat(201), planned: true, oeeLoss: 'quality' }, 'name'],
    [{ code: 'A', name: 'A', planned: true, oeeLoss: 'quality', sortOrder: -1 }, 'sortOrder'],
    [{ code: 'A', name: 'A', planned: true, oeeLoss: 'quality', sortOrder: 1.5 }, 'sortOrder'],
    [{ code: 'A', name: 'A', parentId: 'one' }, 'parentId'],
    [{ code: 'A', name: 'A', parentId: -4 }, 'parentId'],
    [
      { code: 'A', name: 'A', planned: true, oeeLoss: 'quality', 'code; DROP TABLE x': 1 },
      'code; DROP TABLE x',
    ],
    [{ code: 'A', name: 'A', planned: true, oeeLoss: 'quality', isCategory: true }, 'isCategory'],
  ])('POST refuses %j with 400 naming %s', async (payload, field) => {
    const res = await call('POST', '/api/stop-reasons', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty([field]);
  });

  it('answers 400 for bad query flags and ids, 404 for unknown ids', async () => {
    const q = await t.app.inject({
      url: '/api/stop-reasons?includeInactive=1',
      headers: { cookie: viewer },
    });
    expect(q.statusCode).toBe(400);
    expect(q.json().error.fields).toHaveProperty('includeInactive');
    expect((await call('PATCH', '/api/stop-reasons/424242', { name: 'X' })).statusCode).toBe(404);
    expect((await call('PATCH', '/api/stop-reasons/x', { name: 'X' })).statusCode).toBe(400);
    expect((await call('DELETE', '/api/stop-reasons/1.5')).statusCode).toBe(400);
  });
});
