import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signIn, type SignedIn } from '../../../test/support/actors.js';
import type { RequestContext } from '../auth/actor.js';
import { AppError } from '../http/app-error.js';
import { deactivateUser } from './user-admin.service.js';
import { createUser } from './user.service.js';

/**
 * The last active admin can be neither deactivated nor demoted, also when two admins act on
 * each other at the same moment (run for real in parallel against PostgreSQL).
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const db = () => t.database.db;

function api(as: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: { cookie: as.cookie },
    ...(payload === undefined ? {} : { payload }),
  });
}

const activeAdmins = async () =>
  (
    await db()
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .where('active', '=', true)
      .orderBy('id')
      .execute()
  ).map((r) => r.id);

/** Leaves exactly the given number of freshly signed-in admins active. */
async function onlyAdmins(n: number): Promise<SignedIn[]> {
  await db().updateTable('users').set({ active: false }).where('role', '=', 'admin').execute();
  const admins: SignedIn[] = [];
  for (let i = 0; i < n; i++) admins.push(await signIn(t.app, db(), 'admin'));
  expect(await activeAdmins()).toEqual(admins.map((a) => a.id));
  return admins;
}

describe('the last active admin', () => {
  let sole: SignedIn;
  beforeEach(async () => {
    [sole] = (await onlyAdmins(1)) as [SignedIn];
  });

  it('cannot be demoted (409 with a clear message)', async () => {
    const res = await api(sole, 'PATCH', `/api/users/${sole.id}`, { role: 'supervisor' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/last active admin.*cannot be demoted/);
    expect(await activeAdmins()).toEqual([sole.id]);
    // Editing anything else is fine.
    const ok = await api(sole, 'PATCH', `/api/users/${sole.id}`, {
      role: 'admin',
      displayName: 'Boss',
    });
    expect(ok.statusCode).toBe(200);
  });

  it('cannot be deactivated', async () => {
    const res = await api(sole, 'POST', `/api/users/${sole.id}/deactivate`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/last active admin.*cannot be deactivated/);
    expect(await activeAdmins()).toEqual([sole.id]);
  });

  it('does not count inactive admins: demoting or editing one is fine', async () => {
    const old = await createUser(db(), {
      username: `retired-admin-${Date.now()}`,
      displayName: 'Retired Admin',
      role: 'admin',
      password: 'retired-admin-pw',
    });
    await db().updateTable('users').set({ active: false }).where('id', '=', old.id).execute();
    const res = await api(sole, 'PATCH', `/api/users/${old.id}`, { role: 'viewer' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'viewer', active: false });
  });

  it('can step down once another admin exists', async () => {
    const created = await api(sole, 'POST', '/api/users', {
      username: `second-admin-${Date.now()}`,
      displayName: 'Second Admin',
      role: 'admin',
      password: 'second-admin-pw',
    });
    expect(created.statusCode).toBe(201);
    const self = await api(sole, 'POST', `/api/users/${sole.id}/deactivate`, {});
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toMatch(/your own account/);
    const res = await api(sole, 'PATCH', `/api/users/${sole.id}`, { role: 'supervisor' });
    expect(res.statusCode).toBe(200);
    expect(await activeAdmins()).toEqual([created.json().id]);
    // The demoted session lost its admin rights on the spot.
    expect((await api(sole, 'GET', '/api/users')).statusCode).toBe(403);
  });
});

describe('two admins acting on each other at once', () => {
  const ROUNDS = 5;

  it(`exactly one deactivation succeeds (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = (await onlyAdmins(2)) as [SignedIn, SignedIn];
      const [ab, ba] = await Promise.all([
        api(a, 'POST', `/api/users/${b.id}/deactivate`, {}),
        api(b, 'POST', `/api/users/${a.id}/deactivate`, {}),
      ]);
      const codes = [ab.statusCode, ba.statusCode].sort();
      expect(codes[0], `round ${round}: ${ab.body} ${ba.body}`).toBe(200);
      // 401 when the winner had already ended the loser's session before it was read.
      expect([401, 403, 409]).toContain(codes[1]);
      const survivor = ab.statusCode === 200 ? a : b;
      expect(await activeAdmins()).toEqual([survivor.id]);
      const audit = await db()
        .selectFrom('audit_log')
        .select('user_id')
        .where('action', '=', 'deactivate')
        .where('entity_id', 'in', [String(a.id), String(b.id)])
        .execute();
      expect(audit).toEqual([{ user_id: survivor.id }]);
    }
  });

  it(`exactly one demotion succeeds (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = (await onlyAdmins(2)) as [SignedIn, SignedIn];
      const [ab, ba] = await Promise.all([
        api(a, 'PATCH', `/api/users/${b.id}`, { role: 'operator' }),
        api(b, 'PATCH', `/api/users/${a.id}`, { role: 'operator' }),
      ]);
      const codes = [ab.statusCode, ba.statusCode].sort();
      expect(codes[0], `round ${round}: ${ab.body} ${ba.body}`).toBe(200);
      expect([403, 409]).toContain(codes[1]);
      expect(await activeAdmins()).toHaveLength(1);
    }
  });

  it('each demoting themselves at once: one stays admin', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = (await onlyAdmins(2)) as [SignedIn, SignedIn];
      const results = await Promise.all([
        api(a, 'PATCH', `/api/users/${a.id}`, { role: 'viewer' }),
        api(b, 'PATCH', `/api/users/${b.id}`, { role: 'viewer' }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(await activeAdmins()).toHaveLength(1);
    }
  });

  // Below the HTTP layer both requests are certain to be past the session check.
  const ctxOf = (a: SignedIn): RequestContext => ({
    actor: { id: a.id, username: a.username, displayName: 'Admin', role: 'admin', sessionId: '-' },
    requestId: `race-${a.id}`,
    ip: '127.0.0.1',
    userAgent: null,
  });
  const settle = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`),
    );

  it(`service level: exactly one of two crossed deactivations wins (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = (await onlyAdmins(2)) as [SignedIn, SignedIn];
      const outcomes = await Promise.all([
        settle(deactivateUser(db(), ctxOf(a), 'Africa/Johannesburg', b.id, undefined)),
        settle(deactivateUser(db(), ctxOf(b), 'Africa/Johannesburg', a.id, undefined)),
      ]);
      expect(
        outcomes.filter((o) => o === 'ok'),
        outcomes.join(),
      ).toHaveLength(1);
      expect(['forbidden', 'conflict']).toContain(outcomes.find((o) => o !== 'ok'));
      expect(await activeAdmins()).toHaveLength(1);
    }
  });
});
