import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createUser } from '../users/user.service.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { TEST_SESSION_POLICY } from '../../../test/support/session.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await createUser(database.db, {
    username: 'proxied',
    displayName: 'Proxied',
    role: 'viewer',
    password: 'a-long-password',
  });
});
afterAll(() => database.drop());

async function loginCookie(trustProxy: boolean, headers: Record<string, string>) {
  const app = await buildApp({
    db: database.db,
    timeZone: 'UTC',
    session: TEST_SESSION_POLICY,
    trustProxy,
  });
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers,
    payload: { username: 'proxied', password: 'a-long-password' },
  });
  await app.close();
  expect(res.statusCode).toBe(200);
  return String(res.headers['set-cookie']);
}

describe('session cookie behind a TLS proxy', () => {
  it('is Secure when a trusted proxy says https', async () => {
    const cookie = await loginCookie(true, { 'x-forwarded-proto': 'https' });
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('ignores X-Forwarded-Proto unless TRUST_PROXY is set', async () => {
    expect(await loginCookie(false, { 'x-forwarded-proto': 'https' })).not.toMatch(/Secure/);
  });
});
