import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAll, type SignedIn } from '../../../test/support/actors.js';
import type {
  MaturationBatch,
  MaturationBatchDetail,
  MaturationCheck,
  MaturationList,
  MaturationOverdue,
} from '../../common/api/maturation.js';
import { addDays, daysBetween, plantDay } from '../../common/plant-time/index.js';

const ZONE = 'Africa/Johannesburg';
let t: TestApp;
let u: Record<'viewer' | 'operator' | 'supervisor' | 'admin', SignedIn>;
let productId = 0;
const today = () => plantDay(new Date(), ZONE);

beforeAll(async () => {
  t = await createTestApp({ timeZone: ZONE });
  u = await signInAll(t.app, t.database.db);
  productId = (
    await t.database.db
      .insertInto('products')
      .values({ code: 'CHED-M', name: 'Mature cheddar blend' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t.close();
});

const call = (
  who: SignedIn | null,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: unknown,
  app = t.app,
) =>
  app.inject({
    method,
    url,
    headers: who ? { cookie: who.cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

async function insertBatch(v: {
  batchNumber: string;
  startedOn: string;
  expectedDays: number;
  status?: 'maturing' | 'ready' | 'quality_check' | 'completed' | 'rejected';
}) {
  return (
    await t.database.db
      .insertInto('maturation_batches')
      .values({
        batch_number: v.batchNumber,
        blend_name: 'House blend',
        quantity: 100,
        started_on: v.startedOn,
        expected_days: v.expectedDays,
        status: v.status ?? 'maturing',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

describe('batches', () => {
  it('starts a batch today with readyOn, daysIn and a check due', async () => {
    const res = await call(u.supervisor, 'POST', '/api/maturation', {
      batchNumber: 'MAT-2026-001',
      blendName: 'Smoked paprika blend',
      quantity: 250.5,
      expectedDays: 14,
      notes: 'Top shelf',
    });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json<MaturationBatch>();
    expect(b).toMatchObject({
      batchNumber: 'MAT-2026-001',
      product: null,
      blendName: 'Smoked paprika blend',
      quantity: 250.5,
      actualQuantity: null,
      unit: 'kg',
      startedOn: today(),
      expectedDays: 14,
      readyOn: addDays(today(), 14),
      daysIn: 0,
      status: 'maturing',
      overdue: false,
      lastCheckDate: null,
      checkDueToday: true,
      completedAt: null,
      notes: 'Top shelf',
      version: 1,
    });
    expect(b.createdAt).toMatch(/\+02:00$/);
    const events = await t.database.db
      .selectFrom('event_outbox')
      .select('payload')
      .where('topic', '=', 'maturation.created')
      .execute();
    expect(events.map((e) => e.payload)).toContainEqual({ batchId: b.id, status: 'maturing' });
  });

  it("names the blend after the product, and refuses what doesn't add up", async () => {
    const res = await call(u.supervisor, 'POST', '/api/maturation', {
      batchNumber: 'MAT-2026-002',
      productId,
      quantity: 80,
      unit: 'units',
      startedOn: addDays(today(), -3),
      expectedDays: 2,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<MaturationBatch>()).toMatchObject({
      product: { id: productId, code: 'CHED-M', name: 'Mature cheddar blend' },
      blendName: 'Mature cheddar blend',
      unit: 'units',
      daysIn: 3,
      readyOn: addDays(today(), -1),
      overdue: true,
    });
    const cases: [object, number, string][] = [
      [{ batchNumber: 'MAT-X', quantity: 1, expectedDays: 1 }, 400, 'blendName'],
      [
        { batchNumber: 'MAT-X', productId: 2_000_000, quantity: 1, expectedDays: 1 },
        400,
        'productId',
      ],
      [
        {
          batchNumber: 'MAT-X',
          blendName: 'b',
          quantity: 1,
          expectedDays: 1,
          startedOn: addDays(today(), 1),
        },
        400,
        'startedOn',
      ],
      [
        { batchNumber: 'MAT-2026-002', blendName: 'b', quantity: 1, expectedDays: 1 },
        409,
        'batchNumber',
      ],
    ];
    for (const [body, status, field] of cases) {
      const r = await call(u.supervisor, 'POST', '/api/maturation', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(status);
      expect(Object.keys(r.json().error.fields)).toEqual([field]);
    }
    const byOperator = await call(u.operator, 'POST', '/api/maturation', {
      batchNumber: 'MAT-Y',
      blendName: 'b',
      quantity: 1,
      expectedDays: 1,
    });
    expect(byOperator.statusCode).toBe(403);
  });

  it('follows the status transitions, versions and final states', async () => {
    const id = await insertBatch({
      batchNumber: 'MAT-FLOW',
      startedOn: addDays(today(), -10),
      expectedDays: 7,
    });
    const patch = (body: object) => call(u.supervisor, 'PATCH', `/api/maturation/${id}`, body);

    const ready = await patch({ status: 'ready', version: 1 });
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json<MaturationBatch>()).toMatchObject({
      status: 'ready',
      version: 2,
      overdue: false,
    });

    const stale = await patch({ notes: 'late edit', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ id, version: 2, status: 'ready' });

    const back = await patch({ status: 'maturing' });
    expect(back.statusCode).toBe(409);
    expect(back.json().error).toMatchObject({
      status: 'ready',
      allowed: ['quality_check', 'completed', 'rejected'],
    });

    expect((await patch({ status: 'quality_check' })).statusCode).toBe(200);
    const again = await patch({ status: 'maturing', expectedDays: 12 });
    expect(again.json<MaturationBatch>()).toMatchObject({
      status: 'maturing',
      readyOn: addDays(today(), 2),
      overdue: false,
      version: 4,
    });
    const done = await patch({ status: 'quality_check' });
    expect(done.statusCode).toBe(200);
    const completed = await patch({ status: 'completed', actualQuantity: 97.25 });
    expect(completed.statusCode).toBe(200);
    const c = completed.json<MaturationBatch>();
    expect(c).toMatchObject({ status: 'completed', actualQuantity: 97.25, checkDueToday: false });
    expect(c.completedAt).toMatch(/\+02:00$/);

    for (const status of ['maturing', 'ready', 'quality_check', 'rejected']) {
      const r = await patch({ status });
      expect(r.statusCode, status).toBe(409);
      expect(r.json().error.allowed).toEqual([]);
    }
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'maturation_batch')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'status:ready',
      'status:quality_check',
      'status:maturing',
      'status:quality_check',
      'status:completed',
    ]);
    expect((await call(u.supervisor, 'PATCH', '/api/maturation/2000000', {})).statusCode).toBe(404);
  });
});

describe('overdue by plant day', () => {
  it('lists batches past readyOn or not checked today, saying which', async () => {
    const old = await insertBatch({
      batchNumber: 'OLD-2019',
      startedOn: '2019-06-01',
      expectedDays: 30,
    });
    const readyLongAgo = await insertBatch({
      batchNumber: 'OLD-READY',
      startedOn: '2020-01-01',
      expectedDays: 5,
      status: 'ready',
    });
    await insertBatch({
      batchNumber: 'OLD-DONE',
      startedOn: '2019-01-01',
      expectedDays: 5,
      status: 'completed',
    });
    const dueToday = await insertBatch({
      batchNumber: 'DUE-TODAY',
      startedOn: addDays(today(), -5),
      expectedDays: 5,
    });
    // Checked today and not yet ready: not on the list.
    const fine = await insertBatch({ batchNumber: 'FINE', startedOn: today(), expectedDays: 3 });
    const check = await call(u.operator, 'POST', `/api/maturation/${fine}/checks`, { ph: 5.5 });
    expect(check.statusCode, check.body).toBe(201);
    // Overdue since yesterday but checked today: only past_ready_date.
    const lateChecked = await insertBatch({
      batchNumber: 'LATE-CHECKED',
      startedOn: addDays(today(), -8),
      expectedDays: 7,
    });
    await call(u.operator, 'POST', `/api/maturation/${lateChecked}/checks`, { temperature: 12 });

    const res = await call(u.viewer, 'GET', '/api/maturation/overdue');
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json<MaturationOverdue>();
    expect(o.today).toBe(today());
    const byId = new Map(o.items.map((b) => [b.id, b]));
    expect(byId.get(old)).toMatchObject({
      readyOn: '2019-07-01',
      daysIn: daysBetween('2019-06-01', today()),
      overdue: true,
      reasons: ['past_ready_date', 'no_check_today'],
    });
    expect(byId.get(readyLongAgo)).toMatchObject({ overdue: false, reasons: ['no_check_today'] });
    expect(byId.get(dueToday)).toMatchObject({
      readyOn: today(),
      overdue: false,
      reasons: ['no_check_today'],
    });
    expect(byId.get(lateChecked)).toMatchObject({
      lastCheckDate: today(),
      checkDueToday: false,
      reasons: ['past_ready_date'],
    });
    expect(byId.has(fine)).toBe(false);
    expect(o.items.some((b) => b.batchNumber === 'OLD-DONE')).toBe(false);
    // Oldest readyOn first.
    expect(o.items[0]!.batchNumber).toBe('OLD-2019');
  });

  it('uses the plant zone, not the server or UTC date', async () => {
    // Kiritimati (UTC+14) and Pago Pago (UTC-11): at any hour one of them is on another date
    // than UTC, so a UTC "today" would fail one of these.
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const other = await createTestApp({ timeZone: zone });
      try {
        const users = await signInAll(other.app, other.database.db);
        const day = plantDay(new Date(), zone);
        const insert = (batch_number: string, started_on: string) =>
          other.database.db
            .insertInto('maturation_batches')
            .values({ batch_number, blend_name: 'b', quantity: 1, started_on, expected_days: 1 })
            .returning('id')
            .executeTakeFirstOrThrow();
        const readyToday = (await insert('R-TODAY', addDays(day, -1))).id;
        const readyYesterday = (await insert('R-YESTERDAY', addDays(day, -2))).id;
        const list = await call(users.viewer, 'GET', '/api/maturation', undefined, other.app);
        const l = list.json<MaturationList>();
        expect(l.today, zone).toBe(day);
        const flags = new Map(l.items.map((b) => [b.id, b.overdue]));
        expect(flags.get(readyToday), zone).toBe(false);
        expect(flags.get(readyYesterday), zone).toBe(true);
        const c = await call(
          users.operator,
          'POST',
          `/api/maturation/${readyToday}/checks`,
          {},
          other.app,
        );
        expect(c.json<MaturationCheck>().checkDate, zone).toBe(day);
        const future = await call(
          users.operator,
          'POST',
          `/api/maturation/${readyYesterday}/checks`,
          { checkDate: addDays(day, 1) },
          other.app,
        );
        expect(future.statusCode, zone).toBe(400);
      } finally {
        await other.close();
      }
    }
  });
});

describe('daily checks', () => {
  it('records one check per day with readings, newest first on the batch', async () => {
    const id = await insertBatch({
      batchNumber: 'CHK-1',
      startedOn: addDays(today(), -4),
      expectedDays: 10,
    });
    const first = await call(u.operator, 'POST', `/api/maturation/${id}/checks`, {
      checkDate: addDays(today(), -1),
      temperature: 11.5,
      humidity: 82,
      ph: 5.25,
      readings: { brix: 12.5, 'name; DROP TABLE maturation_checks': 1 },
      notes: 'Rind forming',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<MaturationCheck>()).toMatchObject({
      batchId: id,
      checkDate: addDays(today(), -1),
      temperature: 11.5,
      humidity: 82,
      ph: 5.25,
      readings: { brix: 12.5, 'name; DROP TABLE maturation_checks': 1 },
      notes: 'Rind forming',
      checkedBy: { id: u.operator.id, displayName: 'Test operator' },
    });
    const todays = await call(u.operator, 'POST', `/api/maturation/${id}/checks`, { ph: 5.3 });
    expect(todays.statusCode).toBe(201);
    const dup = await call(u.operator, 'POST', `/api/maturation/${id}/checks`, { ph: 5.4 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual({ checkDate: 'already has a check' });

    const before = await call(u.operator, 'POST', `/api/maturation/${id}/checks`, {
      checkDate: addDays(today(), -5),
    });
    expect(before.statusCode).toBe(400);
    expect(before.json().error.fields.checkDate).toContain('before the batch started');

    const detail = await call(u.viewer, 'GET', `/api/maturation/${id}`);
    expect(detail.statusCode).toBe(200);
    const d = detail.json<MaturationBatchDetail>();
    expect(d.checks.map((c) => c.checkDate)).toEqual([today(), addDays(today(), -1)]);
    expect(d).toMatchObject({ lastCheckDate: today(), checkDueToday: false, daysIn: 4 });
    expect((await call(u.viewer, 'GET', '/api/maturation/2000000')).statusCode).toBe(404);
    expect((await call(u.operator, 'POST', '/api/maturation/2000000/checks', {})).statusCode).toBe(
      404,
    );
    expect((await call(u.viewer, 'POST', `/api/maturation/${id}/checks`, {})).statusCode).toBe(403);

    const rejected = await insertBatch({
      batchNumber: 'CHK-REJ',
      startedOn: today(),
      expectedDays: 1,
      status: 'rejected',
    });
    const closed = await call(u.operator, 'POST', `/api/maturation/${rejected}/checks`, {});
    expect(closed.statusCode).toBe(409);
  });

  it('lists with status, active and text filters', async () => {
    const list = async (q: string) => {
      const res = await call(u.viewer, 'GET', `/api/maturation${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<MaturationList>();
    };
    const all = await list('');
    expect(all.total).toBe(all.items.length);
    expect(all.items.map((b) => b.startedOn)).toEqual(
      [...all.items.map((b) => b.startedOn)].sort().reverse(),
    );
    expect((await list('?status=rejected')).items.map((b) => b.batchNumber)).toEqual(['CHK-REJ']);
    const active = await list('?active=true');
    expect(
      active.items.every((b) => ['maturing', 'ready', 'quality_check'].includes(b.status)),
    ).toBe(true);
    expect((await list('?q=old-')).items.map((b) => b.batchNumber).sort()).toEqual([
      'OLD-2019',
      'OLD-DONE',
      'OLD-READY',
    ]);
    expect((await list('?q=paprika')).items.map((b) => b.batchNumber)).toEqual(['MAT-2026-001']);
    expect((await list('?q=%25')).items).toEqual([]);
    expect((await list("?q=' OR 1=1 --")).items).toEqual([]);
    const page = await list('?limit=2&offset=1');
    expect(page.items.map((b) => b.id)).toEqual(all.items.slice(1, 3).map((b) => b.id));
    expect(page.total).toBe(all.total);
  });
});

describe('abuse', () => {
  it('answers 400 naming the field, never 500', async () => {
    const ok = { batchNumber: 'AB-1', blendName: 'b', quantity: 1, expectedDays: 3 };
    const cases: [unknown, string][] = [
      [{ ...ok, quantity: 0 }, 'quantity'],
      [{ ...ok, quantity: -1 }, 'quantity'],
      [{ ...ok, quantity: '5' }, 'quantity'],
      [{ ...ok, expectedDays: 0 }, 'expectedDays'],
      [{ ...ok, expectedDays: 1.5 }, 'expectedDays'],
      [{ ...ok, startedOn: '2026-02-30' }, 'startedOn'],
      [{ ...ok, startedOn: '10/03/2026' }, 'startedOn'],
      [{ ...ok, batchNumber: 'x'.repeat(65) }, 'batchNumber'],
      [{ ...ok, batchNumber: '   ' }, 'batchNumber'],
      [{ ...ok, status: 'completed' }, 'status'],
      [{ ...ok, createdBy: u.admin.id }, 'createdBy'],
      [{ ...ok, 'name; DROP TABLE maturation_batches': 1 }, 'name; DROP TABLE maturation_batches'],
    ];
    for (const [body, field] of cases) {
      const r = await call(u.supervisor, 'POST', '/api/maturation', body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(Object.keys(r.json().error.fields)).toContain(field);
    }
    const id = await insertBatch({ batchNumber: 'AB-2', startedOn: today(), expectedDays: 2 });
    const checks: [unknown, string][] = [
      [{ ph: 14.5 }, 'ph'],
      [{ ph: -0.1 }, 'ph'],
      [{ humidity: 101 }, 'humidity'],
      [{ temperature: 'warm' }, 'temperature'],
      [{ readings: { brix: '12' } }, 'readings.brix'],
      [{ readings: [1, 2] }, 'readings'],
      [
        { readings: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`r${i}`, i])) },
        'readings',
      ],
      [{ checkDate: '2026-13-01' }, 'checkDate'],
      [{ checkedBy: u.admin.id }, 'checkedBy'],
      [{ notes: 'n'.repeat(2001) }, 'notes'],
      [{ notes: 'a\u0000b' }, 'notes'],
      [{ readings: { 'a\u0000b': 1 } }, 'readings.a\u0000b'],
    ];
    for (const [body, field] of checks) {
      const r = await call(u.operator, 'POST', `/api/maturation/${id}/checks`, body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(Object.keys(r.json().error.fields)).toContain(field);
    }
    const patches: [unknown, string][] = [
      [{ status: 'done' }, 'status'],
      [{ version: 0 }, 'version'],
      [{ version: '1' }, 'version'],
      [{ actualQuantity: -5 }, 'actualQuantity'],
      [{ id: 1 }, 'id'],
    ];
    for (const [body, field] of patches) {
      const r = await call(u.supervisor, 'PATCH', `/api/maturation/${id}`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(r.json().error.fields)).toContain(field);
    }
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999']) {
      expect((await call(u.viewer, 'GET', `/api/maturation/${bad}`)).statusCode, bad).toBe(400);
    }
    for (const q of [
      '?status=old',
      '?active=1',
      '?limit=1000',
      '?offset=-1',
      '?q=' + 'q'.repeat(101),
      '?q=a%00b',
      '?x=1',
    ]) {
      expect((await call(u.viewer, 'GET', `/api/maturation${q}`)).statusCode, q).toBe(400);
    }
  });
});
