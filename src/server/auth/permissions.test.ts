import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../common/roles.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signIn, signInAll, type SignedIn } from '../../../test/support/actors.js';
import { PERMISSIONS, roleAllows, type Access } from '../../common/permissions.js';

/**
 * Every route × every role, driven by the permission table: a route added without an entry
 * cannot even be registered, and an entry without a route fails here.
 */
let t: TestApp;
let users: Record<Role, SignedIn>;

beforeAll(async () => {
  t = await createTestApp();
  users = await signInAll(t.app, t.database.db);
});
afterAll(async () => {
  await t.close();
});

const entries = Object.entries(PERMISSIONS) as [string, Access][];

describe('permission table', () => {
  it('has a registered route for every entry', () => {
    const missing = entries
      .map(([key]) => key.split(' ') as [string, string])
      .filter(([method, url]) => !t.app.hasRoute({ method: method as 'GET', url }));
    expect(missing).toEqual([]);
  });

  it.each(entries)('%s is %s', async (key, access) => {
    const [method, url] = key.split(' ') as [string, string];
    const path = url.replace(/:id\b/g, '2147483000');
    const call = (cookie?: string) =>
      t.app.inject({
        method: method as 'GET',
        url: path,
        headers: cookie ? { cookie } : {},
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
      });
    const anonymous = await call();
    if (access === 'public') {
      expect(anonymous.statusCode).not.toBe(403);
    } else {
      expect(anonymous.statusCode).toBe(401);
    }
    for (const role of ROLES) {
      // Signing out ends the session: use a throw-away one for that route.
      const who =
        key === 'POST /api/auth/logout' ? await signIn(t.app, t.database.db, role) : users[role];
      const res = await call(who.cookie);
      if (access === 'public' || roleAllows(role, access)) {
        expect([401, 403], `${role} ${key}: ${res.body}`).not.toContain(res.statusCode);
        expect(res.statusCode, `${role} ${key}: ${res.body}`).toBeLessThan(500);
      } else {
        expect(res.statusCode, `${role} ${key}`).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
      }
    }
  });
});
