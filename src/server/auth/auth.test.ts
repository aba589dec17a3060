import bcrypt from 'bcryptjs';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../common/roles.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signIn, type SignedIn } from '../../../test/support/actors.js';
import { TEST_SESSION_POLICY } from '../../../test/support/session.js';
import { createUser } from '../users/user.service.js';
import { LOGIN_LIMITS } from './auth.service.js';
import { SESSION_COOKIE, sessionIdOf } from './session-token.js';

/**
 * The sign-in side through the real app and database: cookies, generic failures, sessions
 * (logout, idle and absolute timeouts, revocation), password change, legacy bcrypt upgrade
 * and rate limiting. Tests that fail sign-ins use their own client address, so the
 * per-address limit of one test never spills into another.
 */

let t: TestApp;
let admin: SignedIn;
let seq = 0;
let ipSeq = 10;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, t.database.db, 'admin');
});
afterAll(async () => {
  await t.close();
});

const db = () => t.database.db;
const freshIp = () => `127.0.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

async function makeUser(role: Role = 'operator', password = 'correct-horse-1') {
  const username = `auth-user-${++seq}`;
  const u = await createUser(db(), { username, displayName: `Auth User ${seq}`, role, password });
  return { id: u.id, username, password };
}

function login(username: unknown, password: unknown, remoteAddress = '127.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress,
  });
}

function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
  if (!c) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return `${SESSION_COOKIE}=${c.value}`;
}

async function signedIn(role: Role = 'operator') {
  const u = await makeUser(role);
  const res = await login(u.username, u.password);
  expect(res.statusCode).toBe(200);
  return { ...u, cookie: sessionCookie(res) };
}

const me = (cookie?: string) =>
  t.app.inject({ method: 'GET', url: '/api/auth/me', headers: cookie ? { cookie } : {} });

const setCookieHeader = (res: LightMyRequestResponse): string => {
  const h = res.headers['set-cookie'];
  const all = Array.isArray(h) ? h : h === undefined ? [] : [h];
  const found = all.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!found) throw new Error('no Set-Cookie for the session');
  return found;
};

describe('POST /api/auth/login', () => {
  it('answers 200 with the user and an httpOnly SameSite=Strict cookie (no Secure on http)', async () => {
    const u = await makeUser('supervisor');
    const res = await login(u.username, u.password);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: { id: u.id, username: u.username, displayName: expect.any(String), role: 'supervisor' },
    });
    expect(res.body).not.toMatch(/hash|argon2|password/i);

    const header = setCookieHeader(res);
    const [pair, ...attrs] = header.split(/;\s*/);
    const token = pair!.slice(SESSION_COOKIE.length + 1);
    expect(token).toMatch(/^[\w-]{43}$/);
    const lower = attrs.map((a) => a.toLowerCase());
    expect(lower).toContain('httponly');
    expect(lower).toContain('samesite=strict');
    expect(lower).toContain('path=/');
    expect(lower).toContain(`max-age=${TEST_SESSION_POLICY.maxAgeMinutes * 60}`);
    expect(lower).not.toContain('secure');

    // Only an HMAC of the token is stored: a leaked sessions table signs nobody in.
    const rows = await db()
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', u.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(sessionIdOf(token, TEST_SESSION_POLICY.secret));
    expect(rows[0]!.id).not.toContain(token);
    const user = await db()
      .selectFrom('users')
      .select('last_login_at')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(user.last_login_at).toBeInstanceOf(Date);
  });

  it('matches the user name case-insensitively', async () => {
    const u = await makeUser();
    const res = await login(u.username.toUpperCase(), u.password);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe(u.username);
  });

  it('gives the same 401 body for a wrong password, an unknown user and an inactive user', async () => {
    const ip = freshIp();
    const u = await makeUser();
    const inactive = await makeUser();
    await db().updateTable('users').set({ active: false }).where('id', '=', inactive.id).execute();

    const wrong = await login(u.username, 'not-the-password', ip);
    const unknown = await login('nobody-by-this-name', 'not-the-password', ip);
    const off = await login(inactive.username, inactive.password, ip);
    for (const res of [wrong, unknown, off]) {
      expect(res.statusCode).toBe(401);
      expect(res.cookies).toEqual([]);
    }
    const body = (r: LightMyRequestResponse) => ({ ...r.json(), requestId: undefined });
    expect(body(wrong)).toEqual({
      error: { code: 'unauthenticated', message: 'Wrong user name or password' },
    });
    expect(body(unknown)).toEqual(body(wrong));
    expect(body(off)).toEqual(body(wrong));
  });

  it('refuses bad bodies with 400 naming the field, never 500', async () => {
    const ip = freshIp();
    const cases: [unknown, string][] = [
      [{ username: 'a', password: 'b', extra: 1 }, 'extra'],
      [{ username: 'a', password: 'b', 'name; DROP TABLE users': 1 }, 'name; DROP TABLE users'],
      [{ username: 'a' }, 'password'],
      [{ username: 42, password: 'x' }, 'username'],
      [{ username: 'a'.repeat(65), password: 'x' }, 'username'],
      [{ username: 'a', password: 'p'.repeat(257) }, 'password'],
      [{ username: '', password: 'x' }, 'username'],
      [{ username: ['a'], password: 'x' }, 'username'],
    ];
    for (const [payload, field] of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: payload as object,
        remoteAddress: ip,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(Object.keys(res.json().error.fields)).toContain(field);
    }
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "a", ',
      remoteAddress: ip,
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('malformed_json');
  });

  it('treats SQL-looking and odd user names as unknown users (401)', async () => {
    const ip = freshIp();
    for (const username of ["' OR '1'='1", "admin'; DROP TABLE users; --", '%', '_', 'ü🍪\u0000']) {
      const res = await login(username, 'whatever-password', ip);
      expect(res.statusCode, username).toBe(401);
    }
    expect(await db().selectFrom('users').select('id').execute()).not.toHaveLength(0);
  });
});

describe('GET /api/auth/me and POST /api/auth/logout', () => {
  it('/me needs a session and returns its user', async () => {
    const anon = await me();
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('unauthenticated');
    const u = await signedIn('viewer');
    const res = await me(u.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: { id: u.id, username: u.username, displayName: expect.any(String), role: 'viewer' },
    });
  });

  it('logout revokes this session only and clears the cookie', async () => {
    const u = await signedIn();
    const other = await login(u.username, u.password);
    const otherCookie = sessionCookie(other);

    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: u.cookie },
    });
    expect(out.statusCode).toBe(204);
    const cleared = setCookieHeader(out).toLowerCase();
    expect(cleared).toMatch(/^sf_session=;/);
    expect(cleared).toMatch(/max-age=0|expires=thu, 01 jan 1970/);

    expect((await me(u.cookie)).statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: u.cookie },
    });
    expect(again.statusCode).toBe(401);
    expect((await me(otherCookie)).statusCode).toBe(200);

    const revoked = await db()
      .selectFrom('sessions')
      .select(['revoked_at'])
      .where('user_id', '=', u.id)
      .orderBy('created_at')
      .execute();
    expect(revoked.map((r) => r.revoked_at === null)).toEqual([false, true]);
  });
});

describe('POST /api/auth/password', () => {
  const change = (cookie: string, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload });

  it('needs the old password, a long enough new one, and no unknown fields', async () => {
    const u = await signedIn();
    const cases: [object, string][] = [
      [{ oldPassword: 'wrong-old-password', newPassword: 'brand-new-pass-1' }, 'oldPassword'],
      [{ oldPassword: u.password, newPassword: 'short' }, 'newPassword'],
      [{ oldPassword: u.password, newPassword: u.password }, 'newPassword'],
      [{ newPassword: 'brand-new-pass-1' }, 'oldPassword'],
      [{ oldPassword: u.password, newPassword: 'brand-new-pass-1', userId: 1 }, 'userId'],
    ];
    for (const [payload, field] of cases) {
      const res = await change(u.cookie, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual([field]);
    }
    expect((await me(u.cookie)).statusCode).toBe(200);
    expect((await login(u.username, u.password)).statusCode).toBe(200);
  });

  it('changes the password, ends every session and sets a new working cookie', async () => {
    const u = await signedIn();
    const otherCookie = sessionCookie(await login(u.username, u.password));
    const res = await change(u.cookie, {
      oldPassword: u.password,
      newPassword: 'brand-new-pass-1',
    });
    expect(res.statusCode).toBe(204);
    const header = setCookieHeader(res).toLowerCase();
    expect(header).toContain('httponly');
    expect(header).toContain('samesite=strict');
    const fresh = sessionCookie(res);
    expect(fresh).not.toBe(u.cookie);

    expect((await me(u.cookie)).statusCode).toBe(401);
    expect((await me(otherCookie)).statusCode).toBe(401);
    expect((await me(fresh)).statusCode).toBe(200);
    expect((await login(u.username, u.password)).statusCode).toBe(401);
    expect((await login(u.username, 'brand-new-pass-1')).statusCode).toBe(200);

    const row = await db()
      .selectFrom('users')
      .select(['password_changed_at', 'password_hash'])
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.password_changed_at).toBeInstanceOf(Date);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', String(u.id))
      .execute();
    expect(audit.map((a) => [a.action, a.user_id])).toEqual([['password_changed', u.id]]);
    expect(JSON.stringify(audit)).not.toMatch(/argon2|brand-new/);
  });
});

describe('legacy bcrypt hashes', () => {
  it.each(['$2b$', '$2a$', '$2y$'])(
    '%s signs in once and is replaced by argon2id',
    async (prefix) => {
      const password = 'legacy-password-9';
      const hash = prefix + bcrypt.hashSync(password, 10).slice(4);
      const username = `legacy-${++seq}`;
      const { id } = await db()
        .insertInto('users')
        .values({ username, display_name: 'Legacy', role: 'operator', password_hash: hash })
        .returning('id')
        .executeTakeFirstOrThrow();
      const ip = freshIp();
      expect((await login(username, 'wrong-password-1', ip)).statusCode).toBe(401);
      const stillBcrypt = await db()
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(stillBcrypt.password_hash).toBe(hash);

      const res = await login(username, password, ip);
      expect(res.statusCode).toBe(200);
      const row = await db()
        .selectFrom('users')
        .select(['password_hash', 'password_changed_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
      expect(row.password_changed_at).toBeNull();
      expect((await login(username, password, ip)).statusCode).toBe(200);
      expect((await login(username, 'wrong-password-1', ip)).statusCode).toBe(401);
    },
  );
});

describe('rate limiting', () => {
  it(`locks a user name after ${LOGIN_LIMITS.perUser} failures, even for the right password`, async () => {
    expect(LOGIN_LIMITS.perUser).toBe(5);
    const u = await makeUser();
    const bystander = await makeUser();
    // Failures from different addresses count for the one user name.
    for (let i = 0; i < 5; i++) {
      expect((await login(u.username, `wrong-${i}-password`, freshIp())).statusCode).toBe(401);
    }
    const ip = freshIp();
    const locked = await login(u.username, u.password, ip);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('rate_limited');
    expect(locked.cookies).toEqual([]);
    expect((await login(u.username.toUpperCase(), u.password, ip)).statusCode).toBe(429);
    // Another user from the same address is not affected.
    expect((await login(bystander.username, bystander.password, ip)).statusCode).toBe(200);
    // Failures older than the window no longer count.
    await db()
      .updateTable('login_attempts')
      .set({ at: sql<Date>`now() - interval '16 minutes'` })
      .where('username_lower', '=', u.username.toLowerCase())
      .execute();
    expect((await login(u.username, u.password, ip)).statusCode).toBe(200);
  });

  it(`limits one address to ${LOGIN_LIMITS.perIp} failures, whatever the user names`, async () => {
    const ip = freshIp();
    const u = await makeUser();
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) {
      expect((await login(`spray-${seq}-${i}`, 'guess-password', ip)).statusCode).toBe(401);
    }
    expect((await login(u.username, u.password, ip)).statusCode).toBe(429);
    // X-Forwarded-For is not trusted: it cannot pose as another address.
    const spoofed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
      headers: { 'x-forwarded-for': '203.0.113.7' },
      remoteAddress: ip,
    });
    expect(spoofed.statusCode).toBe(429);
    expect((await login(u.username, u.password, freshIp())).statusCode).toBe(200);
  });

  it('lets no more guesses through when they arrive all at once', async () => {
    const u = await makeUser();
    const ip = freshIp();
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(u.username, `burst-guess-${i}`, ip)),
    );
    const codes = burst.map((r) => r.statusCode);
    expect(codes.every((c) => c === 401 || c === 429)).toBe(true);
    let guesses = codes.filter((c) => c === 401).length;
    // Then one by one: the password is checked exactly `perUser` times in all.
    for (let i = 0; i < 10; i++) {
      const res = await login(u.username, `late-guess-${i}`, ip);
      if (res.statusCode === 429) break;
      expect(res.statusCode).toBe(401);
      guesses++;
    }
    expect(guesses).toBe(LOGIN_LIMITS.perUser);
    expect((await login(u.username, u.password, ip)).statusCode).toBe(429);
  });
});

describe('session lifetime', () => {
  const sessionOf = (userId: number) => db().updateTable('sessions').where('user_id', '=', userId);

  it('ends a session idle for longer than the idle timeout', async () => {
    const u = await signedIn();
    const idle = TEST_SESSION_POLICY.idleMinutes;
    await sessionOf(u.id)
      .set({ last_seen_at: sql<Date>`now() - make_interval(mins => ${idle - 10})` })
      .execute();
    expect((await me(u.cookie)).statusCode).toBe(200);
    // The request moved the idle clock on.
    const seen = await db()
      .selectFrom('sessions')
      .select(sql<boolean>`last_seen_at > now() - interval '1 minute'`.as('fresh'))
      .where('user_id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(seen.fresh).toBe(true);

    await sessionOf(u.id)
      .set({ last_seen_at: sql<Date>`now() - make_interval(mins => ${idle + 1})` })
      .execute();
    const res = await me(u.cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('ends a session past its absolute expiry, however active', async () => {
    const u = await signedIn();
    await sessionOf(u.id)
      .set({
        created_at: sql<Date>`now() - interval '15 hours'`,
        expires_at: sql<Date>`now() - interval '1 minute'`,
        last_seen_at: sql<Date>`now()`,
      })
      .execute();
    expect((await me(u.cookie)).statusCode).toBe(401);
  });

  it('answers 401, never 500, for a tampered or garbage cookie', async () => {
    const u = await signedIn();
    const token = u.cookie.slice(SESSION_COOKIE.length + 1);
    const flipped = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    const storedId = sessionIdOf(token, TEST_SESSION_POLICY.secret);
    const values = [
      '',
      'x',
      flipped,
      `${token}A`,
      token.slice(0, -1),
      storedId, // the stored id is not a token
      'a'.repeat(5000),
      '%E0%A4%A',
      '"quoted"',
      "'; DROP TABLE sessions; --",
      '🍪'.repeat(30),
    ];
    for (const v of values) {
      const res = await me(`${SESSION_COOKIE}=${v}`);
      expect(res.statusCode, v.slice(0, 40)).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
    expect((await me('garbage without equals sign')).statusCode).toBe(401);
    const health = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { cookie: `${SESSION_COOKIE}=${flipped}` },
    });
    expect(health.statusCode).toBe(200);
    expect((await me(u.cookie)).statusCode).toBe(200);
  });

  it('deactivating a user ends their live session; reactivating does not revive it', async () => {
    const u = await signedIn('supervisor');
    expect((await me(u.cookie)).statusCode).toBe(200);
    const off = await t.app.inject({
      method: 'POST',
      url: `/api/users/${u.id}/deactivate`,
      headers: { cookie: admin.cookie },
      payload: {},
    });
    expect(off.statusCode).toBe(200);
    expect((await me(u.cookie)).statusCode).toBe(401);
    const live = await db()
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', u.id)
      .where('revoked_at', 'is', null)
      .execute();
    expect(live).toEqual([]);
    expect((await login(u.username, u.password)).statusCode).toBe(401);

    const on = await t.app.inject({
      method: 'POST',
      url: `/api/users/${u.id}/reactivate`,
      headers: { cookie: admin.cookie },
    });
    expect(on.statusCode).toBe(200);
    expect((await me(u.cookie)).statusCode).toBe(401);
    expect((await login(u.username, u.password)).statusCode).toBe(200);
  });

  it('a role change applies to the next request of a live session', async () => {
    const u = await signedIn('admin');
    const list = () =>
      t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: u.cookie } });
    expect((await list()).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      headers: { cookie: admin.cookie },
      payload: { role: 'viewer' },
    });
    expect(res.statusCode).toBe(200);
    expect((await list()).statusCode).toBe(403);
    expect((await me(u.cookie)).json().user.role).toBe('viewer');
  });
});
