import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
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
    const app = await buildApp({ db: database.db, timeZone: 'Africa/Johannesburg' });
    const res = await app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('{"status":"ok"}');
    expect(res.headers['x-request-id']).toBeTruthy();
    await app.close();
  });
});

describe('GET /api/ready', () => {
  it('gives the plant zone, offset, plant time and shift, and no internals', async () => {
    const app = await buildApp({ db: database.db, timeZone: 'Africa/Johannesburg' });
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
    const app = await buildApp({ db: database.db, timeZone: 'Asia/Kathmandu' });
    const body = ReadyResponse.parse((await app.inject({ url: '/api/ready' })).json());
    expect(body.plant.utcOffset).toBe('+05:45');
    expect(body.plant.now).toMatch(/\+05:45$/);
    await app.close();
  });

  it('is 503 when migrations are pending', async () => {
    const empty = await createTestDatabase();
    await empty.db.deleteFrom('kysely_migration' as never).execute();
    const app = await buildApp({ db: empty.db, timeZone: 'Africa/Johannesburg' });
    const res = await app.inject({ url: '/api/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', reason: 'migrations_pending' });
    await app.close();
    await empty.drop();
  });

  it('is 503 when the database does not answer', async () => {
    const dead = createDb({ url: 'postgres://nobody@127.0.0.1:1/none', timeZone: 'UTC' });
    const app = await buildApp({ db: dead.db, timeZone: 'UTC' });
    const res = await app.inject({ url: '/api/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', reason: 'database_unreachable' });
    await app.close();
    await dead.close();
  });
});

describe('errors', () => {
  it('maps unknown API routes, malformed JSON, big bodies and crashes to the error body', async () => {
    const app = await buildApp({ db: database.db, timeZone: 'UTC', bodyLimitBytes: 1024 });
    app.post('/api/echo', async (req) => ({ got: req.body }));
    app.get('/api/boom', async () => {
      throw new Error('secret internals: password=hunter2');
    });

    const missing = await app.inject({ url: '/api/nope?x=1' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'not_found', message: 'No route GET /api/nope' },
      requestId: missing.headers['x-request-id'],
    });

    const bad = await app.inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('malformed_json');

    const big = await app.inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ a: 'x'.repeat(5000) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');

    const text = await app.inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'content-type': 'text/xml' },
      payload: '<a/>',
    });
    expect(text.statusCode).toBe(415);

    const boom = await app.inject({ url: '/api/boom', headers: { 'x-request-id': 'req-42' } });
    expect(boom.statusCode).toBe(500);
    expect(boom.json()).toEqual({
      error: {
        code: 'internal',
        message: 'Internal error; quote request id req-42 when reporting it',
      },
      requestId: 'req-42',
    });
    expect(boom.body).not.toContain('hunter2');
    await app.close();
  });
});
