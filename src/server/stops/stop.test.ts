import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAll, type SignedIn } from '../../../test/support/actors.js';
import type { Stop, StopList } from '../../common/api/stops.js';

let t: TestApp;
let u: Record<'viewer' | 'operator' | 'supervisor' | 'admin', SignedIn>;
const ids = {
  blending: 0,
  packaging: 0,
  blender1: 0,
  blender2: 0,
  packer1: 0,
  spare: 0,
  mill: 0,
  category: 0,
  belt: 0,
  jam: 0,
  oldReason: 0,
  running: 0,
  paused: 0,
};

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);

beforeAll(async () => {
  t = await createTestApp();
  u = await signInAll(t.app, t.database.db);
  const db = t.database.db;
  const env = (code: string, name: string) =>
    db.insertInto('environments').values({ code, name }).returning('id').executeTakeFirstOrThrow();
  ids.blending = (await env('blending', 'Blending')).id;
  ids.packaging = (await env('packaging', 'Packaging')).id;
  const machine = (code: string, name: string, environment_id: number) =>
    db
      .insertInto('machines')
      .values({ code, name, environment_id })
      .returning('id')
      .executeTakeFirstOrThrow();
  ids.blender1 = (await machine('BL-01', 'Blender 1', ids.blending)).id;
  ids.blender2 = (await machine('BL-02', 'Blender 2', ids.blending)).id;
  ids.packer1 = (await machine('PK-01', 'Packer 1', ids.packaging)).id;
  ids.spare = (await machine('PK-02', 'Packer 2', ids.packaging)).id;
  ids.mill = (await machine('ML-01', 'Mill 1', ids.blending)).id;
  const reason = (v: {
    code: string;
    name: string;
    parent_id?: number;
    planned?: boolean;
    oee_loss?: 'availability';
    active?: boolean;
  }) => db.insertInto('stop_reasons').values(v).returning('id').executeTakeFirstOrThrow();
  ids.category = (
    await reason({ code: 'MECH', name: 'Mechanical', planned: false, oee_loss: 'availability' })
  ).id;
  ids.belt = (
    await reason({ code: 'MECH-BELT', name: 'Belt snapped', parent_id: ids.category })
  ).id;
  ids.jam = (await reason({ code: 'MECH-JAM', name: 'Jam', parent_id: ids.category })).id;
  ids.oldReason = (
    await reason({ code: 'MECH-OLD', name: 'Old', parent_id: ids.category, active: false })
  ).id;
  const order = (order_number: string, machine_id: number, status: 'in_progress' | 'paused') =>
    db
      .insertInto('production_orders')
      .values({
        order_number,
        product_name: 'Chicken spice',
        quantity: 1000,
        environment_id: ids.blending,
        machine_id,
        status,
        started_at: ago(3 * HOUR),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  ids.running = (await order('PO-1001', ids.blender2, 'in_progress')).id;
  ids.paused = (await order('PO-1002', ids.packer1, 'paused')).id;
});
afterAll(async () => {
  await t.close();
});

const call = (
  who: SignedIn | null,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: unknown,
) =>
  t.app.inject({
    method,
    url,
    headers: who ? { cookie: who.cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

async function insertStop(v: {
  machineId: number;
  orderId?: number | null;
  start: Date;
  end: Date | null;
  reasonId?: number | null;
}) {
  const r = await t.database.db
    .insertInto('stops')
    .values({
      machine_id: v.machineId,
      order_id: v.orderId ?? null,
      reason_id: v.reasonId ?? null,
      started_at: v.start,
      ended_at: v.end,
      reported_by: u.operator.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

describe('opening and closing a stop between orders', () => {
  it('opens a stop reported by the signed-in operator, leaves the machine status alone', async () => {
    const res = await call(u.operator, 'POST', '/api/stops', {
      machineId: ids.blender1,
      reasonId: ids.belt,
      notes: 'Belt snapped on the mixer',
    });
    expect(res.statusCode, res.body).toBe(201);
    const stop = res.json<Stop>();
    expect(stop).toMatchObject({
      machine: { id: ids.blender1, code: 'BL-01', name: 'Blender 1', environmentId: ids.blending },
      order: null,
      reason: { id: ids.belt, code: 'MECH-BELT', name: 'Belt snapped' },
      category: {
        id: ids.category,
        code: 'MECH',
        name: 'Mechanical',
        planned: false,
        oeeLoss: 'availability',
      },
      notes: 'Belt snapped on the mixer',
      reportedBy: { id: u.operator.id, displayName: 'Test operator' },
      endedAt: null,
      open: true,
    });
    expect(stop.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+02:00$/);
    expect(Math.abs(Date.parse(stop.startedAt) - Date.now())).toBeLessThan(60_000);
    expect(stop.durationSeconds).toBeLessThan(60);

    const db = t.database.db;
    const m = await db
      .selectFrom('machines')
      .select('status')
      .where('id', '=', ids.blender1)
      .executeTakeFirstOrThrow();
    expect(m.status).toBe('available');
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'stop')
      .where('entity_id', '=', String(stop.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'open', user_id: u.operator.id });
    const events = await db
      .selectFrom('event_outbox')
      .selectAll()
      .where('topic', '=', 'stop.opened')
      .execute();
    expect(events.map((e) => e.payload)).toContainEqual({
      stopId: stop.id,
      machineId: ids.blender1,
      orderId: null,
    });

    // A second stop on the same machine while this one is open: 409.
    const again = await call(u.operator, 'POST', '/api/stops', { machineId: ids.blender1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'conflict', stopId: stop.id });

    // Closing fills in notes and ends the interval; closing twice is a conflict.
    const closed = await call(u.operator, 'POST', `/api/stops/${stop.id}/close`, {
      reasonId: ids.jam,
      notes: 'Cleared the jam',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const c = closed.json<Stop>();
    expect(c).toMatchObject({ open: false, reason: { id: ids.jam }, notes: 'Cleared the jam' });
    expect(Date.parse(c.endedAt!)).toBeGreaterThanOrEqual(Date.parse(c.startedAt));
    const twice = await call(u.operator, 'POST', `/api/stops/${stop.id}/close`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('already closed');
  });

  it('closes without a body and keeps the reason it had', async () => {
    const open = await call(u.operator, 'POST', '/api/stops', {
      machineId: ids.spare,
      reasonId: ids.belt,
    });
    expect(open.statusCode).toBe(201);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/stops/${open.json<Stop>().id}/close`,
      headers: { cookie: u.operator.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Stop>()).toMatchObject({ open: false, reason: { id: ids.belt } });
  });

  it('refuses a machine that runs an order: pause the order instead', async () => {
    const res = await call(u.operator, 'POST', '/api/stops', { machineId: ids.blender2 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'conflict', orderId: ids.running });
    expect(res.json().error.message).toContain('PO-1001');
  });

  it('refuses to close the stop of a paused order', async () => {
    const id = await insertStop({
      machineId: ids.packer1,
      orderId: ids.paused,
      start: ago(HOUR),
      end: null,
    });
    const res = await call(u.operator, 'POST', `/api/stops/${id}/close`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('resume the order');
    const patch = await call(u.supervisor, 'PATCH', `/api/stops/${id}`, {
      endedAt: ago(HOUR / 2).toISOString(),
    });
    expect(patch.statusCode).toBe(409);
  });

  it('names a bad reason or machine in the error fields', async () => {
    const cases: [object, string, string][] = [
      [{ machineId: 2_000_000 }, 'machineId', 'does not exist'],
      [{ machineId: ids.spare, reasonId: 2_000_000 }, 'reasonId', 'does not exist'],
      [{ machineId: ids.spare, reasonId: ids.category }, 'reasonId', 'is a category'],
      [{ machineId: ids.spare, reasonId: ids.oldReason }, 'reasonId', 'no longer in use'],
    ];
    for (const [body, field, text] of cases) {
      const res = await call(u.operator, 'POST', '/api/stops', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields[field]).toContain(text);
    }
  });

  it('lets exactly one of two simultaneous openings on a machine win', async () => {
    const results = await Promise.all(
      [u.operator, u.supervisor, u.admin].map((who) =>
        call(who, 'POST', '/api/stops', { machineId: ids.spare }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409]);
    const winner = results.find((r) => r.statusCode === 201)!.json<Stop>();
    await call(u.operator, 'POST', `/api/stops/${winner.id}/close`, {});
  });
});

describe('open stops run on', () => {
  it('reports the duration so far, computed by the database', async () => {
    const id = await insertStop({ machineId: ids.spare, start: ago(90 * 60_000), end: null });
    const res = await call(u.viewer, 'GET', `/api/stops/${id}`);
    expect(res.statusCode).toBe(200);
    const s = res.json<Stop>();
    expect(s.open).toBe(true);
    expect(s.durationSeconds).toBeGreaterThanOrEqual(5400);
    expect(s.durationSeconds).toBeLessThan(5460);
    await sql`update stops set ended_at = started_at + interval '25 minutes 30 seconds'
      where id = ${id}`.execute(t.database.db);
    const closed = (await call(u.viewer, 'GET', `/api/stops/${id}`)).json<Stop>();
    expect(closed).toMatchObject({ open: false, durationSeconds: 1530 });
  });
});

describe('supervisors correct stops', () => {
  it('edits times, reason and notes; refuses bad intervals and overlaps', async () => {
    const db = t.database.db;
    const base = new Date(Date.now() - 48 * HOUR);
    base.setUTCMinutes(0, 0, 0);
    const at = (h: number) => new Date(base.getTime() + h * HOUR).toISOString();
    const first = await insertStop({
      machineId: ids.blender2,
      orderId: ids.running,
      start: new Date(at(0)),
      end: new Date(at(1)),
    });
    const second = await insertStop({
      machineId: ids.blender2,
      start: new Date(at(3)),
      end: new Date(at(4)),
    });

    const ok = await call(u.supervisor, 'PATCH', `/api/stops/${first}`, {
      startedAt: at(0.5),
      endedAt: at(3), // touches the next stop: allowed
      reasonId: ids.jam,
      notes: 'Corrected from the shift log',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const s = ok.json<Stop>();
    expect(s).toMatchObject({
      durationSeconds: 9000,
      reason: { id: ids.jam },
      notes: 'Corrected from the shift log',
      order: { id: ids.running, number: 'PO-1001' },
    });
    expect(Date.parse(s.startedAt)).toBe(Date.parse(at(0.5)));
    expect(s.startedAt.endsWith('+02:00')).toBe(true);

    const audit = await db
      .selectFrom('audit_log')
      .select(['before', 'after', 'user_id'])
      .where('entity_type', '=', 'stop')
      .where('entity_id', '=', String(first))
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(audit.user_id).toBe(u.supervisor.id);
    expect(audit.before).toMatchObject({ reasonId: null });
    expect(audit.after).toMatchObject({ reasonId: ids.jam, notes: 'Corrected from the shift log' });
    const event = await db
      .selectFrom('order_events')
      .selectAll()
      .where('order_id', '=', ids.running)
      .where('event_type', '=', 'stop_updated')
      .executeTakeFirstOrThrow();
    expect(event.data).toMatchObject({ stopId: first });

    const overlap = await call(u.supervisor, 'PATCH', `/api/stops/${first}`, { endedAt: at(3.5) });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error).toMatchObject({ code: 'conflict', stopId: second });

    const backwards = await call(u.supervisor, 'PATCH', `/api/stops/${second}`, {
      endedAt: at(2),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields).toEqual({ endedAt: 'must be after startedAt' });
    const empty = await call(u.supervisor, 'PATCH', `/api/stops/${second}`, { endedAt: at(3) });
    expect(empty.statusCode).toBe(400);

    const future = new Date(Date.now() + HOUR).toISOString();
    const ahead = await call(u.supervisor, 'PATCH', `/api/stops/${second}`, { endedAt: future });
    expect(ahead.statusCode).toBe(400);
    expect(ahead.json().error.fields).toEqual({ endedAt: 'must not be in the future' });

    // The same interval on another machine is fine.
    const other = await insertStop({
      machineId: ids.blender1,
      start: new Date(at(10)),
      end: new Date(at(11)),
    });
    const moved = await call(u.supervisor, 'PATCH', `/api/stops/${other}`, {
      startedAt: at(3),
      endedAt: at(4),
    });
    expect(moved.statusCode, moved.body).toBe(200);

    const byOperator = await call(u.operator, 'PATCH', `/api/stops/${second}`, { notes: 'x' });
    expect(byOperator.statusCode).toBe(403);
    const unknown = await call(u.supervisor, 'PATCH', '/api/stops/2000000', { notes: 'x' });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses to stretch a closed stop over the machine open stop', async () => {
    const open = await insertStop({ machineId: ids.mill, start: ago(10 * HOUR), end: null });
    const closed = await insertStop({
      machineId: ids.mill,
      start: ago(20 * HOUR),
      end: ago(19 * HOUR),
    });
    const res = await call(u.supervisor, 'PATCH', `/api/stops/${closed}`, {
      endedAt: ago(9 * HOUR).toISOString(),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.stopId).toBe(open);
    await sql`delete from stops where id in (${open}, ${closed})`.execute(t.database.db);
  });
});

describe('GET /api/stops', () => {
  it('filters by machine, environment, reason, category, open and time range, and pages', async () => {
    const db = t.database.db;
    await db.deleteFrom('order_events').execute();
    await db.deleteFrom('stops').execute();
    const day = new Date('2026-03-10T06:00:00+02:00');
    const h = (n: number) => new Date(day.getTime() + n * HOUR);
    const a = await insertStop({
      machineId: ids.blender1,
      start: h(0),
      end: h(1),
      reasonId: ids.belt,
    });
    const b = await insertStop({
      machineId: ids.blender1,
      start: h(2),
      end: h(3),
      reasonId: ids.jam,
    });
    const c = await insertStop({ machineId: ids.packer1, start: h(4), end: h(6) });
    const d = await insertStop({ machineId: ids.spare, start: h(5), end: null });

    const list = async (q: string) => {
      const res = await call(u.viewer, 'GET', `/api/stops${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<StopList>();
    };
    const idsOf = (l: StopList) => l.items.map((s) => s.id);

    expect(idsOf(await list(''))).toEqual([d, c, b, a]);
    expect(idsOf(await list(`?machineId=${ids.blender1}`))).toEqual([b, a]);
    expect(idsOf(await list(`?environmentId=${ids.packaging}`))).toEqual([d, c]);
    expect(idsOf(await list(`?reasonId=${ids.belt}`))).toEqual([a]);
    expect(idsOf(await list(`?categoryId=${ids.category}`))).toEqual([b, a]);
    expect(idsOf(await list('?open=true'))).toEqual([d]);
    expect(idsOf(await list('?open=false'))).toEqual([c, b, a]);
    const range = (from: Date, to: Date) =>
      `?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    // [02:30, 04:30) overlaps b (02-03) and c (04-06), not a; the open stop started at 05.
    expect(idsOf(await list(range(h(2.5), h(4.5))))).toEqual([c, b]);
    // An open stop runs on: it overlaps any later range.
    expect(idsOf(await list(range(h(30), h(31))))).toEqual([d]);
    // Plant offsets in the query string (+ encoded).
    expect(
      idsOf(await list('?from=2026-03-10T06:30:00%2B02:00&to=2026-03-10T08:30:00%2B02:00')),
    ).toEqual([b, a]);

    const p1 = await list('?limit=3');
    expect(idsOf(p1)).toEqual([d, c, b]);
    expect(p1.nextCursor).toBe(String(b));
    const p2 = await list(`?limit=3&cursor=${p1.nextCursor}`);
    expect(idsOf(p2)).toEqual([a]);
    expect(p2.nextCursor).toBeNull();

    const item = (await list(`?reasonId=${ids.belt}`)).items[0]!;
    expect(item).toMatchObject({
      durationSeconds: 3600,
      startedAt: '2026-03-10T06:00:00.000+02:00',
      endedAt: '2026-03-10T07:00:00.000+02:00',
      reportedBy: { displayName: 'Test operator' },
    });
  });

  it('needs a session', async () => {
    expect((await call(null, 'GET', '/api/stops')).statusCode).toBe(401);
  });
});

describe('abuse', () => {
  it('answers 400 naming the field for bad bodies, never 500', async () => {
    const cases: [unknown, string][] = [
      [{ machineId: String(ids.spare) }, 'machineId'],
      [{ machineId: -1 }, 'machineId'],
      [{ machineId: 1.5 }, 'machineId'],
      [{ machineId: 99_999_999_999 }, 'machineId'],
      [{ machineId: ids.spare, reportedBy: u.admin.id }, 'reportedBy'],
      [{ machineId: ids.spare, 'name; DROP TABLE stops': 1 }, 'name; DROP TABLE stops'],
      [{ machineId: ids.spare, notes: 'x'.repeat(5000) }, 'notes'],
      [{ machineId: ids.spare, notes: 42 }, 'notes'],
      [{ machineId: ids.spare, notes: 'belt\u0000snapped' }, 'notes'],
      [{ machineId: ids.spare, reasonId: 'MECH' }, 'reasonId'],
      [{}, 'machineId'],
    ];
    for (const [body, field] of cases) {
      const res = await call(u.operator, 'POST', '/api/stops', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.json().error.fields), JSON.stringify(body)).toContain(field);
    }
    const patches: [unknown, string][] = [
      [{ startedAt: '2026-03-10 06:00' }, 'startedAt'],
      [{ endedAt: '2026-03-10T06:00:00' }, 'endedAt'],
      [{ machineId: ids.blender1 }, 'machineId'],
      [{ startedAt: "'; DROP TABLE stops; --" }, 'startedAt'],
    ];
    const id = await insertStop({
      machineId: ids.blender2,
      start: ago(100 * HOUR),
      end: ago(99 * HOUR),
    });
    for (const [body, field] of patches) {
      const res = await call(u.supervisor, 'PATCH', `/api/stops/${id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.json().error.fields)).toContain(field);
    }
  });

  it('stores SQL-looking text as text', async () => {
    const notes = "x'); DROP TABLE stops; --";
    const res = await call(u.operator, 'POST', '/api/stops', { machineId: ids.blender1, notes });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Stop>().notes).toBe(notes);
    const again = await call(u.viewer, 'GET', `/api/stops/${res.json<Stop>().id}`);
    expect(again.json<Stop>().notes).toBe(notes);
  });

  it('answers 400 for bad ids and query strings, 404 for unknown ids', async () => {
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999', '1;DROP TABLE stops']) {
      const res = await call(u.viewer, 'GET', `/api/stops/${encodeURIComponent(bad)}`);
      expect(res.statusCode, bad).toBe(400);
    }
    expect((await call(u.viewer, 'GET', '/api/stops/2000000')).statusCode).toBe(404);
    expect((await call(u.operator, 'POST', '/api/stops/2000000/close', {})).statusCode).toBe(404);
    for (const q of [
      '?machineId=abc',
      '?machineId=1%3BDROP%20TABLE%20stops',
      '?open=yes',
      '?from=yesterday',
      '?from=2026-03-10T06:00:00',
      '?from=2026-03-10T06:00:00Z&to=2026-03-09T06:00:00Z',
      '?limit=0',
      '?limit=501',
      '?cursor=abc',
      '?machineId=1%00',
      '?sort=started_at',
      `?${encodeURIComponent('name; DROP TABLE stops')}=1`,
    ]) {
      const res = await call(u.viewer, 'GET', `/api/stops${q}`);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });
});
