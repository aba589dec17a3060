import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signIn, type SignedIn } from '../../../test/support/actors.js';
import { addMachine, addOrder, seedPlant, type Plant } from './order.fixtures.js';

/** A machine with an open breakdown (a stop with no order) cannot start an order. */
let t: TestApp;
let operator: SignedIn;
let plant: Plant;

beforeAll(async () => {
  t = await createTestApp();
  operator = await signIn(t.app, t.database.db, 'operator');
  plant = await seedPlant(t.database.db);
});
afterAll(() => t.close());

const post = (url: string, payload: object = {}) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: operator.cookie }, payload });

describe('start on a stopped machine', () => {
  it('is refused until the breakdown is closed', async () => {
    const machineId = await addMachine(t.database.db, plant.environmentId);
    const order = await addOrder(t.database.db, plant);
    const opened = await post('/api/stops', { machineId });
    expect(opened.statusCode, opened.body).toBe(201);
    const stopId = (opened.json() as { id: number }).id;

    const refused = await post(`/api/orders/${order.id}/start`, { machineId });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'conflict',
      fields: { machineId: 'has an open stop' },
    });
    expect(refused.json().error.message).toContain(`#${stopId}`);

    expect((await post(`/api/stops/${stopId}/close`)).statusCode).toBe(200);
    const started = await post(`/api/orders/${order.id}/start`, { machineId });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().status).toBe('in_progress');
  });
});
