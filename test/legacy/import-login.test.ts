import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { generateLegacyDb, type GeneratedUser } from './generate.js';
import { importFile, tempDir } from './import-support.js';

/** People sign in to Shopfloor with the password they had in the legacy app. */
let t: TestApp;
let users: GeneratedUser[];

beforeAll(async () => {
  t = await createTestApp();
  const file = path.join(tempDir(), 'production.db');
  users = generateLegacyDb(file, { orders: 40, seed: 5, quirks: 'none' }).users;
  const report = await importFile(t.database.pool, file);
  expect(report.ok).toBe(true);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('a legacy user signs in with the old password', () => {
  it('through the real /api/auth/login, and the bcrypt hash is upgraded', async () => {
    const user = users.find((u) => u.role === 'supervisor') ?? users[0]!;
    const [before] = (
      await t.database.pool.query<{ h: string }>(
        'select password_hash as h from users where id = $1',
        [user.id],
      )
    ).rows;
    expect(before!.h).toMatch(/^\$2[aby]\$/);
    const res = await login(user.username, user.password);
    expect(res.statusCode).toBe(200);
    expect(res.cookies.some((c) => c.name === 'sf_session')).toBe(true);
    const [after] = (
      await t.database.pool.query<{ h: string }>(
        'select password_hash as h from users where id = $1',
        [user.id],
      )
    ).rows;
    expect(after!.h).toMatch(/^\$argon2id\$/);
    expect((await login(user.username, user.password)).statusCode).toBe(200);
  });

  it('refuses a wrong password', async () => {
    const user = users[0]!;
    expect((await login(user.username, `${user.password}x`)).statusCode).toBe(401);
  });
});
