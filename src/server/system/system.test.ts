import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { TEST_SESSION_POLICY } from '../../../test/support/session.js';
import { createDb } from '../db/connection.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { ReadyResponse } from '../../common/api/system.js';
import { plantDay } from '../../common/plant-time/index.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('GET /api/health', () => {
  it('answers {"status":"ok"} and nothing else, without a session', async () => {
    const app = await buildApp({
      db: database.db,
      timeZone: 'Africa/Johannesburg',
      session: TEST_SESSION_POLICY,
    });
    const res = await app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('{"status":"ok"}');
    expect(res.headers['x-request-id']).toBeTruthy();
    await app.close();
  });
});

describe('GET /api/ready', () => {
  it('gives the plant zone, offset, plant time and shift, and no internals', async () => {
    const app = await buildApp({
      db: database.db,
      timeZone: 'Africa/Johannesburg',
      session: TEST_SESSION_POLICY,
    });
    const before = Date.now();
    const res = await app.inject({ url: '/api/ready' });
    expect(res.statusCode).toBe(200);
    const body = ReadyResponse.parse(res.json());
    expect(body.plant.timeZone).toBe('Africa/Johannesburg');
    expect(body.plant.utcOffset).toBe('+02:00');
    expect(body.plant.now).toMatch(/\+02:00$/);
    const now = Date.parse(body.plant.now);
    expect(Math.abs(now - before)).toBeLessThan(5_000);
    expect(body.plant.plantDay).toBe(plantDay(new Date(now), 'Africa/Johannesburg'));
    expect(['D', 'N']).toContain(body.plant.shift?.code);
    expect(res.body).not.toMatch(/version|count|rows|path|postgres/i);
    await app.close();
  });

  it('uses the configured zone, whatever the process zone', async () => {
    const app = await buildApp({
      db: database.db,
      timeZone: 'Asia/Kathmandu',
      session: TEST_SESSION_POLICY,
    });
    const body = ReadyResponse.parse((await app.inject({ url: '/api/ready' })).json());
    expect(body.plant.utcOffset).toBe('+05:45');
    expect(body.plant.now).toMatch(/\+05:45$/);
    await app.close();
  });

  it('is 503 when migrations are pending', async () => {
    const empty = await createTestDatabase();
    await empty.db.deleteFrom('kysely_migration' as never).execute();
    const app = await buildApp({
      db: empty.db,
      timeZone: 'Africa/Johannesburg',
      session: TEST_SESSION_POLICY,
    });
    const res = await app.inject({ url: '/api/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', reason: 'migrations_pending' });
    await app.close();
    await empty.drop();
  });

  it('is 503 when the database does not answer', async () => {
    const dead = createDb({ url: 'postgres://nobody@127.0.0.1:1/none', timeZone: 'UTC' });
    const app = await buildApp({ db: dead.db, timeZone: 'UTC', session: TEST_SESSION_POLICY });
    const res = await app.inject({ url: '/api/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', reason: 'database_unreachable' });
    await app.close();
    await dead.close();
  });
});

describe('errors', () => {
  it('refuses to build an app with a route missing from the permission table', async () => {
    const app = await buildApp({ db: database.db, timeZone: 'UTC', session: TEST_SESSION_POLICY });
    expect(() => app.get('/api/secret-new-route', async () => ({}))).toThrow(
      'Route GET /api/secret-new-route has no entry in the permission table',
    );
    await app.close();
  });

  it('maps unknown routes, malformed JSON, big bodies and other media types to the error body', async () => {
    const app = await buildApp({
      db: database.db,
      timeZone: 'UTC',
      session: TEST_SESSION_POLICY,
      bodyLimitBytes: 1024,
    });
    const missing = await app.inject({ url: '/api/nope?x=1' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'not_found', message: 'No route GET /api/nope' },
      requestId: missing.headers['x-request-id'],
    });
    const post = (payload: string, type = 'application/json') =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': type },
        payload,
      });

    const bad = await post('{"username":');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('malformed_json');

    const big = await post(JSON.stringify({ username: 'x'.repeat(5000), password: 'y' }));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');

    expect((await post('<a/>', 'text/xml')).statusCode).toBe(415);

    const unknown = await post(JSON.stringify({ username: 'a', password: 'b', role: 'admin' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      code: 'validation_failed',
      fields: { role: 'is not a known field' },
    });
    const wrongType = await post(JSON.stringify({ username: 42, password: 'b' }));
    expect(wrongType.statusCode).toBe(400);
    expect(Object.keys(wrongType.json().error.fields)).toEqual(['username']);
    await app.close();
  });

  it('shows a 500 with only the request id', async () => {
    const broken = await createTestDatabase();
    await broken.db.schema.dropTable('login_attempts').execute();
    const app = await buildApp({ db: broken.db, timeZone: 'UTC', session: TEST_SESSION_POLICY });
    const boom = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-request-id': 'req-42' },
      payload: { username: 'someone', password: 'whatever' },
    });
    expect(boom.statusCode).toBe(500);
    expect(boom.json()).toEqual({
      error: {
        code: 'internal',
        message: 'Internal error; quote request id req-42 when reporting it',
      },
      requestId: 'req-42',
    });
    expect(boom.body).not.toMatch(/login_attempts|relation|sql/i);
    await app.close();
    await broken.drop();
  });
});
