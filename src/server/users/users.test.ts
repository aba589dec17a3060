import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../common/roles.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAll, type SignedIn } from '../../../test/support/actors.js';
import { presentUser, presentUserName } from './user.presenter.js';
import { findUser } from './user.repository.js';

/** Account administration through the real app: CRUD, concurrency, audit, abuse. */

let t: TestApp;
let users: Record<Role, SignedIn>;
let seq = 0;

beforeAll(async () => {
  t = await createTestApp();
  users = await signInAll(t.app, t.database.db);
});
afterAll(async () => {
  await t.close();
});

const db = () => t.database.db;
const ISO_PLANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+02:00$/;

function api(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, as?: SignedIn) {
  return t.app.inject({
    method,
    url,
    headers: { cookie: (as ?? users.admin).cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function create(overrides: Record<string, unknown> = {}) {
  const n = ++seq;
  const res = await api('POST', '/api/users', {
    username: `person.${n}`,
    displayName: `Person Number ${n}`,
    role: 'operator',
    password: 'first-password-1',
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; username: string; version: number; [k: string]: unknown };
}

const auditOf = (id: number) =>
  db()
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', 'user')
    .where('entity_id', '=', String(id))
    .orderBy('id')
    .execute();

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('POST /api/users', () => {
  it('creates a user who can sign in, audited without the password', async () => {
    const res = await api('POST', '/api/users', {
      username: 'Thandi.M',
      displayName: '  Thandi Mokoena ',
      role: 'supervisor',
      password: 'a-long-password',
      email: 'thandi@example.com',
      phone: '+27 82 555 0101',
    });
    expect(res.statusCode).toBe(201);
    const u = res.json();
    expect(u).toEqual({
      id: expect.any(Number),
      username: 'Thandi.M',
      displayName: 'Thandi Mokoena',
      role: 'supervisor',
      active: true,
      email: 'thandi@example.com',
      phone: '+27 82 555 0101',
      lastLoginAt: null,
      passwordChangedAt: null,
      createdAt: expect.stringMatching(ISO_PLANT),
      updatedAt: expect.stringMatching(ISO_PLANT),
      version: 1,
    });
    expect(res.body).not.toMatch(/hash|argon|a-long-password/i);

    const row = await db()
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const signed = await login('thandi.m', 'a-long-password');
    expect(signed.statusCode).toBe(200);

    const audit = await auditOf(u.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', user_id: users.admin.id, before: null });
    expect(audit[0]!.after).toMatchObject({ username: 'Thandi.M', email: 'thandi@example.com' });
    expect(JSON.stringify(audit)).not.toMatch(/hash|argon|a-long-password/i);
  });

  it('refuses a user name taken in any letter case (409 naming username)', async () => {
    const u = await create();
    for (const username of [u.username, u.username.toUpperCase()]) {
      const res = await api('POST', '/api/users', {
        username,
        displayName: 'Copy',
        role: 'viewer',
        password: 'some-password-1',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('conflict');
      expect(res.json().error.fields).toEqual({ username: 'is taken' });
    }
  });

  it('refuses an e-mail address another user has (409 naming email)', async () => {
    await create({ email: 'Shared@Example.com' });
    const res = await api('POST', '/api/users', {
      username: `other-${++seq}`,
      displayName: 'Other',
      role: 'viewer',
      password: 'some-password-1',
      email: 'shared@example.COM',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual({ email: 'is taken' });
  });

  it('answers 400 naming the field for bad input, and never stores it', async () => {
    const base = {
      username: 'valid-name',
      displayName: 'Valid',
      role: 'viewer',
      password: 'p'.repeat(12),
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ password: 'short' }, 'password'],
      [{ password: 'p'.repeat(300) }, 'password'],
      [{ role: 'superuser' }, 'role'],
      [{ role: 1 }, 'role'],
      [{ displayName: 123 }, 'displayName'],
      [{ displayName: '   ' }, 'displayName'],
      [{ displayName: 'x'.repeat(10_000) }, 'displayName'],
      [{ displayName: 'Nul\u0000Byte' }, 'displayName'],
      [{ username: 'has space' }, 'username'],
      [{ username: "x'; DROP TABLE users; --" }, 'username'],
      [{ username: 'é' }, 'username'],
      [{ username: 'u'.repeat(100_000) }, 'username'],
      [{ email: 'not-an-email' }, 'email'],
      [{ phone: 'call me maybe' }, 'phone'],
      [{ passwordHash: '$argon2id$forged' }, 'passwordHash'],
      [{ active: false }, 'active'],
      [{ id: 1 }, 'id'],
      [{ 'name; DROP TABLE users': 1 }, 'name; DROP TABLE users'],
      [{ version: 1 }, 'version'],
    ];
    for (const [change, field] of cases) {
      const res = await api('POST', '/api/users', { ...base, ...change });
      expect(res.statusCode, JSON.stringify(change).slice(0, 80)).toBe(400);
      expect(Object.keys(res.json().error.fields), JSON.stringify(change).slice(0, 80)).toContain(
        field,
      );
    }
    const noUsername: Partial<typeof base> = { ...base };
    delete noUsername.username;
    expect((await api('POST', '/api/users', noUsername)).statusCode).toBe(400);
    expect((await api('POST', '/api/users', [base])).statusCode).toBe(400);
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: users.admin.cookie, 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(malformed.json().error.code).toBe('malformed_json');
    const huge = await api('POST', '/api/users', { ...base, displayName: 'x'.repeat(400_000) });
    expect(huge.statusCode).toBe(413);
    const stored = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'valid-name')
      .execute();
    expect(stored).toEqual([]);
  });

  it('stores SQL-looking text literally', async () => {
    const name = "Robert'); DROP TABLE users; --";
    const u = await create({ displayName: name });
    expect(u.displayName).toBe(name);
    expect((await findUser(db(), u.id))?.display_name).toBe(name);
  });

  it('is for admins only: there is no self-registration', async () => {
    const body = {
      username: 'self-made',
      displayName: 'Me',
      role: 'admin',
      password: 'p'.repeat(12),
    };
    const anon = await t.app.inject({ method: 'POST', url: '/api/users', payload: body });
    expect(anon.statusCode).toBe(401);
    for (const role of ['viewer', 'operator', 'supervisor'] as const) {
      expect((await api('POST', '/api/users', body, users[role])).statusCode).toBe(403);
    }
  });
});

describe('GET /api/users and /api/users/:id', () => {
  it('reads one user; unknown 404, malformed id 400', async () => {
    const u = await create({ email: 'reader@example.com' });
    const res = await api('GET', `/api/users/${u.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(u);
    expect((await api('GET', '/api/users/2147483000')).statusCode).toBe(404);
    for (const bad of ['abc', '-1', '0', '1.5', '99999999999', '1;DROP TABLE users']) {
      const r = await api('GET', `/api/users/${encodeURIComponent(bad)}`);
      expect(r.statusCode, bad).toBe(400);
      expect(r.json().error.fields).toHaveProperty('id');
    }
  });

  it('filters by role, active and text in the user name or display name', async () => {
    const tag = `zq${Date.now().toString(36)}`;
    const a = await create({ username: `${tag}-anna`, displayName: 'Anna Smit', role: 'viewer' });
    const b = await create({ displayName: `Bongani ${tag.toUpperCase()}`, role: 'supervisor' });
    const c = await create({
      username: `${tag}-carl`,
      displayName: 'Carl 100%_done',
      role: 'viewer',
    });
    await api('POST', `/api/users/${c.id}/deactivate`, {});

    const list = async (qs: string) => {
      const res = await api('GET', `/api/users?${qs}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: { id: number }[]; total: number };
      return { ids: body.items.map((i) => i.id), total: body.total };
    };
    // Sorted by user name: person.N < zq…-anna < zq…-carl.
    expect(await list(`q=${tag}`)).toEqual({ ids: [b.id, a.id, c.id], total: 3 });
    expect((await list(`q=${tag}&role=viewer`)).ids).toEqual([a.id, c.id]);
    expect((await list(`q=${tag}&active=false`)).ids).toEqual([c.id]);
    expect((await list(`q=${tag}&active=true&role=supervisor`)).ids).toEqual([b.id]);
    expect((await list(`q=${encodeURIComponent('100%_')}`)).ids).toEqual([c.id]);
    expect((await list(`q=${encodeURIComponent('%')}`)).ids).toEqual([c.id]);
    expect((await list(`q=${tag}&limit=1&offset=1`)).ids).toHaveLength(1);
    expect((await list(`q=${tag}&limit=1`)).total).toBe(3);
    expect((await list(`q=${encodeURIComponent("' OR 1=1 --")}`)).ids).toEqual([]);

    const all = await api('GET', '/api/users?limit=500');
    expect(all.body).not.toMatch(/password_hash|passwordHash|argon2/);
    expect(all.json().items.length).toBe(all.json().total);
  });

  it('refuses bad query parameters with 400', async () => {
    for (const qs of [
      'role=root',
      'active=maybe',
      'limit=0',
      'limit=501',
      'limit=abc',
      'offset=-1',
      'offset=1.5',
      'unknown=1',
      `q=${'x'.repeat(101)}`,
      'q=%00',
      'role=viewer&role=admin',
    ]) {
      const res = await api('GET', `/api/users?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });
});

describe('PATCH /api/users/:id', () => {
  it('edits name, role and contacts, bumps the version and audits before/after', async () => {
    const u = await create({ email: 'old@example.com' });
    const res = await api('PATCH', `/api/users/${u.id}`, {
      displayName: 'New Name',
      role: 'supervisor',
      email: null,
      phone: '011 555 0000',
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: u.id,
      username: u.username,
      displayName: 'New Name',
      role: 'supervisor',
      email: null,
      phone: '011 555 0000',
      version: 2,
    });
    const audit = await auditOf(u.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]!.before).toMatchObject({
      displayName: u.displayName,
      role: 'operator',
      version: 1,
    });
    expect(audit[1]!.after).toMatchObject({
      displayName: 'New Name',
      role: 'supervisor',
      version: 2,
    });
  });

  it('answers 409 with the current user for a stale version, and changes nothing', async () => {
    const u = await create();
    expect(
      (await api('PATCH', `/api/users/${u.id}`, { displayName: 'First', version: 1 })).statusCode,
    ).toBe(200);
    const stale = await api('PATCH', `/api/users/${u.id}`, { displayName: 'Second', version: 1 });
    expect(stale.statusCode).toBe(409);
    const err = stale.json().error;
    expect(err.code).toBe('conflict');
    expect(err.fields).toEqual({ version: 'is stale' });
    expect(err.current).toMatchObject({ id: u.id, displayName: 'First', version: 2 });
    expect((await findUser(db(), u.id))?.display_name).toBe('First');
    const deact = await api('POST', `/api/users/${u.id}/deactivate`, { version: 1 });
    expect(deact.statusCode).toBe(409);
    expect((await findUser(db(), u.id))?.active).toBe(true);
  });

  it('resets a password: the user is signed out everywhere and signs in with the new one', async () => {
    const u = await create();
    const first = await login(u.username, 'first-password-1');
    const cookie = `sf_session=${first.cookies.find((c) => c.name === 'sf_session')!.value}`;
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect((await me()).statusCode).toBe(200);

    const res = await api('PATCH', `/api/users/${u.id}`, { password: 'reset-by-admin-1' });
    expect(res.statusCode).toBe(200);
    expect(res.json().passwordChangedAt).toMatch(ISO_PLANT);
    expect(res.body).not.toMatch(/reset-by-admin|argon/);
    expect((await me()).statusCode).toBe(401);
    expect((await login(u.username, 'first-password-1')).statusCode).toBe(401);
    expect((await login(u.username, 'reset-by-admin-1')).statusCode).toBe(200);
    const audit = await auditOf(u.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'password_reset']);
    expect(JSON.stringify(audit)).not.toMatch(/reset-by-admin|argon|hash/i);
  });

  it("won't reset an admin's own password without the old one", async () => {
    const res = await api('PATCH', `/api/users/${users.admin.id}`, { password: 'hijacked-pass-1' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.fields).toHaveProperty('password');
  });

  it('refuses empty, unknown and badly typed changes with 400', async () => {
    const u = await create();
    const cases: [unknown, string][] = [
      [{}, '(body)'],
      [{ version: 1 }, '(body)'],
      [{ username: 'renamed' }, 'username'],
      [{ active: false }, 'active'],
      [{ role: 'owner' }, 'role'],
      [{ displayName: '' }, 'displayName'],
      [{ email: 'nope' }, 'email'],
      [{ password: 'short' }, 'password'],
      [{ displayName: 'ok', version: -1 }, 'version'],
      [{ displayName: 'ok', version: 1.5 }, 'version'],
      [{ displayName: 'ok', version: '1' }, 'version'],
      [{ "role'; --": 'admin' }, "role'; --"],
    ];
    for (const [payload, field] of cases) {
      const res = await api('PATCH', `/api/users/${u.id}`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(Object.keys(res.json().error.fields), JSON.stringify(payload)).toContain(field);
    }
    expect((await api('PATCH', '/api/users/2147483000', { displayName: 'x' })).statusCode).toBe(
      404,
    );
    expect((await api('PATCH', '/api/users/abc', { displayName: 'x' })).statusCode).toBe(400);
    expect((await findUser(db(), u.id))?.version).toBe(1);
  });

  it('refuses an e-mail address another user has (409 naming email)', async () => {
    await create({ email: 'taken@example.com' });
    const u = await create();
    const res = await api('PATCH', `/api/users/${u.id}`, { email: 'TAKEN@example.com' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual({ email: 'is taken' });
  });
});

describe('deactivate and reactivate', () => {
  it('deactivates (signing the user out), is idempotent, reactivates; all audited', async () => {
    const u = await create();
    const first = await login(u.username, 'first-password-1');
    expect(first.statusCode).toBe(200);

    const off = await api('POST', `/api/users/${u.id}/deactivate`, { version: 1 });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    const live = await db()
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', u.id)
      .where('revoked_at', 'is', null)
      .execute();
    expect(live).toEqual([]);
    const again = await api('POST', `/api/users/${u.id}/deactivate`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ active: false, version: 2 });
    expect((await login(u.username, 'first-password-1')).statusCode).toBe(401);

    const on = await api('POST', `/api/users/${u.id}/reactivate`, {});
    expect(on.json()).toMatchObject({ active: true, version: 3 });
    expect((await api('POST', `/api/users/${u.id}/reactivate`)).json().version).toBe(3);
    expect((await login(u.username, 'first-password-1')).statusCode).toBe(200);

    const audit = await auditOf(u.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'deactivate', 'reactivate']);
    expect(audit[1]!.before).toMatchObject({ active: true });
    expect(audit[1]!.after).toMatchObject({ active: false });
    expect(audit.every((a) => a.user_id === users.admin.id)).toBe(true);
  });

  it("won't let an admin deactivate themselves", async () => {
    const res = await api('POST', `/api/users/${users.admin.id}/deactivate`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/your own account|last active admin/);
    expect((await findUser(db(), users.admin.id))?.active).toBe(true);
  });

  it('answers 404 for unknown ids and 400 for bad bodies', async () => {
    const u = await create();
    expect((await api('POST', '/api/users/2147483000/deactivate', {})).statusCode).toBe(404);
    expect((await api('POST', '/api/users/2147483000/reactivate', {})).statusCode).toBe(404);
    for (const body of [{ version: 'x' }, { version: 0 }, { reason: 'x' }, [1]]) {
      const res = await api('POST', `/api/users/${u.id}/deactivate`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await findUser(db(), u.id))?.active).toBe(true);
  });
});

describe('presenters', () => {
  it('show contact details to admins only, and names to everyone', async () => {
    const u = await create({ email: 'private@example.com', phone: '012 345 6789' });
    const row = (await findUser(db(), u.id))!;
    const asAdmin = presentUser(row, 'admin', 'Africa/Johannesburg');
    expect(asAdmin).toMatchObject({ email: 'private@example.com', phone: '012 345 6789' });
    for (const role of ['viewer', 'operator', 'supervisor'] as const) {
      const seen = presentUser(row, role, 'Africa/Johannesburg');
      expect(seen).not.toHaveProperty('email');
      expect(seen).not.toHaveProperty('phone');
      expect(seen.displayName).toBe(u.displayName);
    }
    expect(presentUserName(row)).toEqual({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
    });
    const me = await login(u.username, 'first-password-1');
    expect(me.body).not.toMatch(/private@example|345 6789/);
  });
});
