import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect, sql, type InsertType, type SelectType } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl } from '../../../test/support/db.js';
import { createPool } from './connection.js';
import { down, up } from './migrations/0001_domain.js';
import {
  ATTENDANCE_STATUSES,
  LABOUR_ROLES,
  MACHINE_STATUSES,
  MATURATION_STATUSES,
  OEE_LOSSES,
  ORDER_EVENT_TYPES,
  ORDER_PRIORITIES,
  ORDER_STATUSES,
  USER_ROLES,
  WASTE_TYPES,
  type Database,
  type NewOrder,
} from './schema.js';

// An empty scratch database (not the migrated template): this file runs up/down/up itself.
const BASE_URL = adminUrl();
const DB_NAME = `schema_test_${randomBytes(6).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(BASE_URL);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();

let admin: pg.Client;
let db: Kysely<Database>;
let firstUp: CatalogSnapshot;
let afterDown: { relations: number; functions: number };
let secondUp: CatalogSnapshot;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  const pool = createPool({ url: dbUrl, timeZone: 'Africa/Johannesburg', max: 4 });
  db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const raw = db as unknown as Kysely<unknown>;
  await raw.transaction().execute((trx) => up(trx));
  firstUp = await snapshot();
  await raw.transaction().execute((trx) => down(trx));
  afterDown = await countPublicObjects();
  await raw.transaction().execute((trx) => up(trx));
  secondUp = await snapshot();
}, 120_000);

afterAll(async () => {
  if (!admin) return;
  await db?.destroy();
  // pool.end() resolves before the sockets close: wait for the server to see them go rather than
  // FORCE-terminating connections that are still saying goodbye.
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME}`);
      break;
    } catch (e) {
      if ((e as { code?: string }).code !== '55006' || attempt === 49) throw e;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await admin.end();
});

// ---------------------------------------------------------------- helpers

interface CatalogSnapshot {
  columns: string[];
  constraints: string[];
  indexes: string[];
  triggers: string[];
}

async function snapshot(): Promise<CatalogSnapshot> {
  const q = async (query: ReturnType<typeof sql<{ x: string }>>) =>
    (await query.execute(db)).rows.map((r) => r.x);
  return {
    columns: await q(sql`select table_name || '.' || column_name || ' ' || data_type || ' '
      || is_nullable || ' ' || coalesce(column_default, '') as x
      from information_schema.columns where table_schema = 'public' order by 1`),
    constraints: await q(sql`select conrelid::regclass || ' ' || conname || ' '
      || pg_get_constraintdef(oid) as x from pg_constraint
      where connamespace = 'public'::regnamespace order by 1`),
    indexes: await q(
      sql`select indexdef as x from pg_indexes where schemaname = 'public' order by 1`,
    ),
    triggers: await q(sql`select tgrelid::regclass || ' ' || tgname as x from pg_trigger
      where not tgisinternal order by 1`),
  };
}

async function countPublicObjects() {
  const query = sql<{ relations: number; functions: number }>`select
    (select count(*)::int from pg_class where relnamespace = 'public'::regnamespace) as relations,
    (select count(*)::int from pg_proc where pronamespace = 'public'::regnamespace) as functions`;
  const { rows } = await query.execute(db);
  return rows[0]!;
}

/** Awaits `p` and expects PostgreSQL to refuse it with SQLSTATE `code` (and constraint name). */
async function refused(p: Promise<unknown>, code: string, constraint?: string): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected SQLSTATE ${code}`).toBeInstanceOf(pg.DatabaseError);
  // PostgreSQL 18 reports a delete stopped by ON DELETE RESTRICT as 23001, older ones as 23503.
  const codes = code === '23503' ? ['23503', '23001'] : [code];
  expect(codes).toContain((err as pg.DatabaseError).code);
  if (constraint) expect(err).toMatchObject({ constraint });
}

let seq = 0;
const next = () => ++seq;

async function user(username = `user${next()}`) {
  const row = await db
    .insertInto('users')
    .values({ username, display_name: username, password_hash: 'x', role: 'operator' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function environment() {
  const n = next();
  const row = await db
    .insertInto('environments')
    .values({ code: `area-${n}`, name: `Area ${n}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function machine(environmentId?: number) {
  const n = next();
  const row = await db
    .insertInto('machines')
    .values({
      code: `M-${n}`,
      name: `Machine ${n}`,
      environment_id: environmentId ?? (await environment()),
      staffing: { operator: 1, packer: 2 },
    })
    .returning(['id', 'environment_id'])
    .executeTakeFirstOrThrow();
  return row;
}

async function order(overrides: Partial<NewOrder> = {}) {
  const row = await db
    .insertInto('production_orders')
    .values({
      order_number: `PO-${next()}`,
      product_name: 'Chicken spice 500 g',
      quantity: 1000,
      environment_id: overrides.environment_id ?? (await environment()),
      ...overrides,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function category(planned = false) {
  const n = next();
  const row = await db
    .insertInto('stop_reasons')
    .values({ code: `CAT${n}`, name: `Category ${n}`, planned, oee_loss: 'availability' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function reason(parentId: number) {
  const n = next();
  return db
    .insertInto('stop_reasons')
    .values({ code: `R${n}`, name: `Reason ${n}`, parent_id: parentId })
    .returning('id')
    .executeTakeFirstOrThrow()
    .then((r) => r.id);
}

// ---------------------------------------------------------------- the migration itself

describe('migration 0001', () => {
  it('runs up, down and up again, leaving nothing behind and rebuilding the same schema', () => {
    expect(firstUp.columns.length).toBeGreaterThan(200);
    expect(afterDown).toEqual({ relations: 0, functions: 0 });
    expect(secondUp).toEqual(firstUp);
  });

  it('inserts the default plant settings and shift pattern', async () => {
    const settings = await db.selectFrom('plant_settings').selectAll().execute();
    expect(settings).toMatchObject([
      {
        id: 1,
        name: 'Shopfloor plant',
        time_zone: 'Africa/Johannesburg',
        crew_cycle_start: '2026-01-05',
      },
    ]);
    const shifts = await db
      .selectFrom('shift_pattern')
      .select(['code', 'name', 'start_time'])
      .orderBy('start_time')
      .execute();
    expect(shifts).toEqual([
      { code: 'D', name: 'Day', start_time: '06:00:00' },
      { code: 'N', name: 'Night', start_time: '18:00:00' },
    ]);
  });

  it('matches the Kysely Database interface column for column', async () => {
    const { rows } = await sql<{
      table_name: string;
      column_name: string;
      udt_name: string;
      is_nullable: string;
      column_default: string | null;
      is_identity: string;
      is_generated: string;
    }>`select table_name, column_name, udt_name, is_nullable, column_default, is_identity,
        is_generated
      from information_schema.columns where table_schema = 'public'`.execute(db);
    const kinds: Record<string, string> = {
      int2: 'int',
      int4: 'int',
      int8: 'int8',
      numeric: 'str',
      text: 'str',
      date: 'str',
      time: 'str',
      bool: 'bool',
      timestamptz: 'ts',
      jsonb: 'json',
    };
    const actual: Record<string, Record<string, string>> = {};
    for (const c of rows) {
      const suffix =
        c.is_generated === 'ALWAYS'
          ? '!'
          : c.is_nullable === 'YES'
            ? '?'
            : c.column_default !== null || c.is_identity === 'YES'
              ? '='
              : '';
      (actual[c.table_name] ??= {})[c.column_name] = `${kinds[c.udt_name] ?? c.udt_name}${suffix}`;
    }
    expect(actual).toEqual(EXPECTED_COLUMNS);
  });

  it('has CHECK lists equal to the value lists exported by schema.ts', async () => {
    const lists: [string, readonly string[]][] = [
      ['users_role_check', USER_ROLES],
      ['machines_status_check', MACHINE_STATUSES],
      ['production_orders_status_check', ORDER_STATUSES],
      ['production_orders_priority_check', ORDER_PRIORITIES],
      ['order_events_event_type_check', ORDER_EVENT_TYPES],
      ['stop_reasons_oee_loss_check', OEE_LOSSES],
      ['waste_waste_type_check', WASTE_TYPES],
      ['employees_default_role_check', LABOUR_ROLES],
      ['labour_assignments_role_check', LABOUR_ROLES],
      ['attendance_status_check', ATTENDANCE_STATUSES],
      ['maturation_batches_status_check', MATURATION_STATUSES],
    ];
    for (const [name, values] of lists) {
      const { rows } = await sql<{ def: string }>`select pg_get_constraintdef(oid) as def
        from pg_constraint where conname = ${name}`.execute(db);
      expect(rows, name).toHaveLength(1);
      const inCheck = [...rows[0]!.def.matchAll(/'([^']*)'::text/g)].map((m) => m[1]);
      expect(inCheck.sort(), name).toEqual([...values].sort());
    }
  });
});

// ---------------------------------------------------------------- plant, users, sessions

describe('plant settings and users', () => {
  it('refuses a second plant_settings row', async () => {
    await refused(
      db
        .insertInto('plant_settings')
        .values({ name: 'B', time_zone: 'UTC', crew_cycle_start: '2026-01-01' })
        .execute(),
      '23505',
      'plant_settings_pkey',
    );
    await refused(
      sql`insert into plant_settings (id, name, time_zone, crew_cycle_start)
        values (2, 'B', 'UTC', '2026-01-01')`.execute(db),
      '23514',
      'plant_settings_single_row',
    );
  });

  it('refuses a POSIX offset as the plant zone', async () => {
    await refused(
      db.updateTable('plant_settings').set({ time_zone: '+02:00' }).where('id', '=', 1).execute(),
      '23514',
      'plant_settings_time_zone_check',
    );
  });

  it('refuses user names that differ only in case, and bad user names', async () => {
    await user('Thandi.M');
    await refused(user('thandi.m'), '23505', 'users_username_lower_key');
    await refused(user('no spaces'), '23514', 'users_username_check');
  });

  it('refuses e-mails that differ only in case but allows many users without one', async () => {
    const a = await user();
    const b = await user();
    await user();
    await db.updateTable('users').set({ email: 'Sipho@example.com' }).where('id', '=', a).execute();
    await refused(
      db.updateTable('users').set({ email: 'sipho@EXAMPLE.com' }).where('id', '=', b).execute(),
      '23505',
      'users_email_lower_key',
    );
  });

  it('stores only token hashes as session ids and deletes sessions with their user', async () => {
    const u = await user();
    const expires = new Date(Date.now() + 3_600_000);
    await refused(
      db
        .insertInto('sessions')
        .values({ id: 'raw-token', user_id: u, expires_at: expires })
        .execute(),
      '23514',
      'sessions_id_check',
    );
    await db
      .insertInto('sessions')
      .values({ id: 'ab'.repeat(32), user_id: u, expires_at: expires })
      .execute();
    await db.deleteFrom('users').where('id', '=', u).execute();
    const left = await db.selectFrom('sessions').where('user_id', '=', u).selectAll().execute();
    expect(left).toEqual([]);
  });

  it('keeps updated_at current unless the update sets it', async () => {
    const old = '2000-01-01T00:00:00Z';
    const { id } = await db
      .insertInto('products')
      .values({ code: `P${next()}`, name: 'Salt', created_at: old, updated_at: old })
      .returning('id')
      .executeTakeFirstOrThrow();
    const touched = await db
      .updateTable('products')
      .set({ name: 'Fine salt' })
      .where('id', '=', id)
      .returning('updated_at')
      .executeTakeFirstOrThrow();
    expect(touched.updated_at.getTime()).toBeGreaterThan(new Date(old).getTime());
    const kept = await db
      .updateTable('products')
      .set({ name: 'Salt', updated_at: old })
      .where('id', '=', id)
      .returning('updated_at')
      .executeTakeFirstOrThrow();
    expect(kept.updated_at.toISOString()).toBe('2000-01-01T00:00:00.000Z');
  });

  it('notifies shopfloor_events with the id of each outbox row', async () => {
    const listener = new pg.Client({ connectionString: dbUrl });
    await listener.connect();
    try {
      await listener.query('LISTEN shopfloor_events');
      const heard = new Promise<string | undefined>((resolve) => {
        listener.once('notification', (n) => resolve(n.payload));
      });
      const row = await db
        .insertInto('event_outbox')
        .values({ topic: 'order.started', payload: { orderId: 1 } })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(await heard).toBe(String(row.id));
    } finally {
      await listener.end();
    }
  });
});

// ---------------------------------------------------------------- machines and orders

describe('machines and production orders', () => {
  it('accepts a staffing object of head counts and refuses anything else', async () => {
    const m = await machine();
    const set = (staffing: string) =>
      db.updateTable('machines').set({ staffing }).where('id', '=', m.id).execute();
    await set('{"operator":1,"hopper_loader":1,"packer":2}');
    await refused(set('[1,2]'), '23514', 'machines_staffing_check');
    await refused(set('{"packer":-1}'), '23514', 'machines_staffing_check');
    await refused(set('{"packer":1.5}'), '23514', 'machines_staffing_check');
    await refused(set('{"packer":"two"}'), '23514', 'machines_staffing_check');
  });

  it('refuses a planned quantity of 0 or less but allows over-production', async () => {
    await refused(order({ quantity: 0 }), '23514', 'production_orders_quantity_check');
    await refused(order({ quantity: '-5' }), '23514', 'production_orders_quantity_check');
    await order({ quantity: 10, produced_quantity: 12 });
  });

  it('refuses unknown statuses and priorities', async () => {
    await refused(
      order({ status: 'stopped' as NewOrder['status'] }),
      '23514',
      'production_orders_status_check',
    );
    await refused(
      order({ priority: 'medium' as NewOrder['priority'] }),
      '23514',
      'production_orders_priority_check',
    );
  });

  it('archives only completed or cancelled orders', async () => {
    const now = new Date();
    await refused(
      order({ status: 'pending', archived_at: now }),
      '23514',
      'production_orders_archive_check',
    );
    await order({ status: 'completed', completed_at: now, archived_at: now });
    await order({ status: 'cancelled', cancelled_at: now, archived_at: now });
  });

  it('refuses duplicate or untrimmed numbers and a schedule ending before it starts', async () => {
    await order({ order_number: 'PO-DUP' });
    await refused(order({ order_number: 'PO-DUP' }), '23505', 'production_orders_order_number_key');
    await refused(order({ order_number: ' PO-1 ' }), '23514');
    await refused(
      order({
        scheduled_start: '2026-03-01T08:00:00+02:00',
        scheduled_end: '2026-03-01T06:00:00+02:00',
      }),
      '23514',
      'production_orders_schedule_check',
    );
  });

  it('requires an environment (NOT NULL foreign key) that exists', async () => {
    await refused(
      sql`insert into production_orders (order_number, product_name, quantity)
        values (${`PO-${next()}`}, 'x', 1)`.execute(db),
      '23502',
    );
    await refused(
      order({ environment_id: 999_999 }),
      '23503',
      'production_orders_environment_id_fkey',
    );
  });

  it('refuses a running order without a machine', async () => {
    await refused(
      order({ status: 'in_progress' }),
      '23514',
      'production_orders_running_machine_check',
    );
  });

  it('runs at most one in-progress or paused order per machine', async () => {
    const m = await machine();
    const on = { machine_id: m.id, environment_id: m.environment_id };
    const first = await order({ ...on, status: 'in_progress' });
    await refused(
      order({ ...on, status: 'in_progress' }),
      '23505',
      'production_orders_one_running_per_machine',
    );
    await refused(
      order({ ...on, status: 'paused' }),
      '23505',
      'production_orders_one_running_per_machine',
    );
    await order({ ...on, status: 'pending' });
    await db
      .updateTable('production_orders')
      .set({ status: 'completed', completed_at: new Date() })
      .where('id', '=', first)
      .execute();
    await order({ ...on, status: 'in_progress' });
  });

  it('lets exactly one of two racing transactions start an order on a machine', async () => {
    const m = await machine();
    const on = { machine_id: m.id, environment_id: m.environment_id };
    const ids = [await order(on), await order(on)];
    const start = (id: number) =>
      db.transaction().execute(async (trx) => {
        await trx
          .updateTable('production_orders')
          .set({ status: 'in_progress', started_at: new Date() })
          .where('id', '=', id)
          .execute();
        await sql`select pg_sleep(0.2)`.execute(trx);
      });
    const results = await Promise.allSettled(ids.map(start));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const losers = results.filter((r) => r.status === 'rejected');
    expect(losers).toHaveLength(1);
    expect(losers[0]?.reason).toMatchObject({
      code: '23505',
      constraint: 'production_orders_one_running_per_machine',
    });
    const running = await db
      .selectFrom('production_orders')
      .where('machine_id', '=', m.id)
      .where('status', '=', 'in_progress')
      .select('id')
      .execute();
    expect(running).toHaveLength(1);
  });

  it('refuses to delete a machine with orders, or an area with machines', async () => {
    const m = await machine();
    await order({ machine_id: m.id, environment_id: m.environment_id });
    await refused(
      db.deleteFrom('machines').where('id', '=', m.id).execute(),
      '23503',
      'production_orders_machine_id_fkey',
    );
    await refused(
      db.deleteFrom('environments').where('id', '=', m.environment_id).execute(),
      '23503',
    );
  });

  it('refuses waste of 0 or a negative cost', async () => {
    const o = await order();
    const waste = (quantity: number, cost: number | null) =>
      db
        .insertInto('waste')
        .values({ order_id: o, waste_type: 'packaging', quantity, unit: 'kg', cost })
        .execute();
    await waste(2.5, 10);
    await refused(waste(0, null), '23514', 'waste_quantity_check');
    await refused(waste(1, -1), '23514', 'waste_cost_check');
  });
});

// ---------------------------------------------------------------- reason tree and stops

describe('stop reasons and stops', () => {
  it('requires categories to carry planned and oee_loss, and reasons to inherit them', async () => {
    await refused(
      db
        .insertInto('stop_reasons')
        .values({ code: `C${next()}`, name: 'No class' })
        .execute(),
      '23514',
      'stop_reasons_classification_check',
    );
    const cat = await category();
    await refused(
      db
        .insertInto('stop_reasons')
        .values({ code: `R${next()}`, name: 'Own class', parent_id: cat, planned: true })
        .execute(),
      '23514',
      'stop_reasons_classification_check',
    );
  });

  it('refuses a reason as the parent of a reason, and turning a parent into a reason', async () => {
    const cat = await category();
    const r = await reason(cat);
    await refused(reason(r), '23503', 'stop_reasons_parent_fkey');
    await refused(reason(999_999), '23503', 'stop_reasons_parent_fkey');
    const other = await category();
    await refused(
      db
        .updateTable('stop_reasons')
        .set({ parent_id: other, planned: null, oee_loss: null })
        .where('id', '=', cat)
        .execute(),
      '23503',
      'stop_reasons_parent_fkey',
    );
  });

  it('allows one open stop per machine, closed ones without limit', async () => {
    const m = await machine();
    const stop = (started_at: string, ended_at: string | null) =>
      db.insertInto('stops').values({ machine_id: m.id, started_at, ended_at }).execute();
    await stop('2026-03-01T08:00:00+02:00', '2026-03-01T08:10:00+02:00');
    await stop('2026-03-01T09:00:00+02:00', '2026-03-01T09:10:00+02:00');
    await stop('2026-03-01T10:00:00+02:00', null);
    await refused(stop('2026-03-01T10:05:00+02:00', null), '23505', 'stops_one_open_per_machine');
  });

  it('refuses a stop that ends before it starts', async () => {
    const m = await machine();
    await refused(
      db
        .insertInto('stops')
        .values({
          machine_id: m.id,
          started_at: '2026-03-01T08:00:00+02:00',
          ended_at: '2026-03-01T07:59:59+02:00',
        })
        .execute(),
      '23514',
      'stops_interval_check',
    );
  });

  it('takes a reason of the tree as a stop reason, never a category', async () => {
    const m = await machine();
    const cat = await category(true);
    const r = await reason(cat);
    const { id } = await db
      .insertInto('stops')
      .values({ machine_id: m.id, reason_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const setReason = (reason_id: number) =>
      db.updateTable('stops').set({ reason_id }).where('id', '=', id).execute();
    await refused(setReason(cat), '23503', 'stops_reason_fkey');
    await setReason(r);
  });
});

// ---------------------------------------------------------------- people, shifts, maturation

describe('people, shifts and maturation', () => {
  async function employee() {
    const row = await db
      .insertInto('employees')
      .values({ full_name: `Employee ${next()}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('puts an employee in at most one crew', async () => {
    const [a, b] = await db
      .insertInto('crews')
      .values([
        { code: 'X', name: 'Crew X', cycle_offset: 0 },
        { code: 'Y', name: 'Crew Y', cycle_offset: 2 },
      ])
      .returning('id')
      .execute();
    const e = await employee();
    await db.insertInto('crew_members').values({ crew_id: a!.id, employee_id: e }).execute();
    await refused(
      db.insertInto('crew_members').values({ crew_id: b!.id, employee_id: e }).execute(),
      '23505',
      'crew_members_employee_id_key',
    );
    await refused(
      db.insertInto('crews').values({ code: 'xy', name: 'Bad' }).execute(),
      '23514',
      'crews_code_check',
    );
  });

  it('plans an employee once per shift, on a known shift', async () => {
    const e = await employee();
    const assign = (shift_code: string) =>
      db
        .insertInto('labour_assignments')
        .values({ work_date: '2026-03-02', shift_code, employee_id: e, role: 'packer' })
        .execute();
    await assign('D');
    await refused(assign('D'), '23505', 'labour_assignments_employee_shift_key');
    await refused(assign('Q'), '23503', 'labour_assignments_shift_code_fkey');
  });

  it('follows a renamed shift code (ON UPDATE CASCADE)', async () => {
    await db.transaction().execute(async (trx) => {
      const e = await employee();
      await trx
        .insertInto('attendance')
        .values({ work_date: '2026-03-03', shift_code: 'N', employee_id: e, status: 'late' })
        .execute();
      await trx.updateTable('shift_pattern').set({ code: 'NS' }).where('code', '=', 'N').execute();
      const row = await trx
        .selectFrom('attendance')
        .where('employee_id', '=', e)
        .select('shift_code')
        .executeTakeFirstOrThrow();
      expect(row.shift_code).toBe('NS');
      await trx.updateTable('shift_pattern').set({ code: 'N' }).where('code', '=', 'NS').execute();
    });
  });

  it('refuses unknown attendance statuses', async () => {
    const e = await employee();
    await refused(
      sql`insert into attendance (work_date, shift_code, employee_id, status)
        values ('2026-03-02', 'D', ${e}, 'stopped')`.execute(db),
      '23514',
      'attendance_status_check',
    );
  });

  it('checks a maturation batch at most once a day', async () => {
    await refused(
      db
        .insertInto('maturation_batches')
        .values({
          batch_number: `B-${next()}`,
          blend_name: 'x',
          quantity: 1,
          started_on: '2026-03-01',
          expected_days: 0,
        })
        .execute(),
      '23514',
      'maturation_batches_expected_days_check',
    );
    const { id } = await db
      .insertInto('maturation_batches')
      .values({
        batch_number: `B-${next()}`,
        blend_name: 'Chutney base',
        quantity: '250.5',
        started_on: '2026-03-01',
        expected_days: 14,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const check = () =>
      db
        .insertInto('maturation_checks')
        .values({ batch_id: id, check_date: '2026-03-02', temperature: 18.5, ph: 4.2 })
        .execute();
    await check();
    await refused(check(), '23505', 'maturation_checks_batch_day_key');
  });
});

// ---------------------------------------------------------------- Kysely types, column by column

/** Column kind as TypeScript sees it: ts (Date), bool, int, int8, str, json. */
type Kind<S> = [S] extends [Date]
  ? 'ts'
  : [S] extends [boolean]
    ? 'bool'
    : [S] extends [number]
      ? 'int'
      : [S] extends [string]
        ? 'str'
        : [S] extends [number | string]
          ? 'int8'
          : 'json';
/** '!' generated always, '?' nullable, '=' has a default, '' required. */
type Suffix<C> = [InsertType<C>] extends [never]
  ? '!'
  : null extends SelectType<C>
    ? '?'
    : undefined extends InsertType<C>
      ? '='
      : '';
type Spec<C> = `${Kind<NonNullable<SelectType<C>>>}${Suffix<C>}`;
/** The compiler checks this literal against schema.ts; the test above against the database. */
type Columns = { [T in keyof Database]: { [C in keyof Database[T]]-?: Spec<Database[T][C]> } };

const stamps = { created_at: 'ts=', updated_at: 'ts=' } as const;
// prettier-ignore
const EXPECTED_COLUMNS: Columns = {
  plant_settings: { id: 'int=', name: 'str', time_zone: 'str', crew_cycle_start: 'str', ...stamps },
  shift_pattern: { code: 'str', name: 'str', start_time: 'str', ...stamps },
  users: {
    id: 'int=', username: 'str', display_name: 'str', email: 'str?', phone: 'str?',
    password_hash: 'str', role: 'str=', active: 'bool=', last_login_at: 'ts?',
    password_changed_at: 'ts?', version: 'int=', ...stamps,
  },
  sessions: {
    id: 'str', user_id: 'int', created_at: 'ts=', last_seen_at: 'ts=', expires_at: 'ts',
    revoked_at: 'ts?', ip: 'str?', user_agent: 'str?',
  },
  login_attempts: { id: 'int8=', username_lower: 'str', ip: 'str?', at: 'ts=', succeeded: 'bool' },
  audit_log: {
    id: 'int8=', at: 'ts=', user_id: 'int?', action: 'str', entity_type: 'str', entity_id: 'str?',
    before: 'json?', after: 'json?', request_id: 'str?', ip: 'str?', user_agent: 'str?',
  },
  event_outbox: { id: 'int8=', at: 'ts=', topic: 'str', payload: 'json' },
  environments: {
    id: 'int=', code: 'str', name: 'str', colour: 'str?', active: 'bool=', sort_order: 'int=',
    ...stamps,
  },
  machine_types: { id: 'int=', code: 'str', name: 'str', description: 'str?', ...stamps },
  machines: {
    id: 'int=', code: 'str', name: 'str', environment_id: 'int', machine_type_id: 'int?',
    status: 'str=', rated_speed: 'str?', staffing: 'json=', retired_at: 'ts?', notes: 'str?',
    version: 'int=', ...stamps,
  },
  products: { id: 'int=', code: 'str', name: 'str', unit: 'str=', active: 'bool=', ...stamps },
  employees: {
    id: 'int=', employee_number: 'str?', full_name: 'str', default_role: 'str=',
    environment_id: 'int?', active: 'bool=', phone: 'str?', email: 'str?', ...stamps,
  },
  crews: { id: 'int=', code: 'str', name: 'str', cycle_offset: 'int=', ...stamps },
  crew_members: { crew_id: 'int', employee_id: 'int', created_at: 'ts=' },
  production_orders: {
    id: 'int=', order_number: 'str', product_id: 'int?', product_name: 'str', quantity: 'str',
    produced_quantity: 'str=', rejected_quantity: 'str=', unit: 'str=', priority: 'str=',
    due_date: 'str?', environment_id: 'int', machine_id: 'int?', scheduled_start: 'ts?',
    scheduled_end: 'ts?', scheduled_shift: 'str?', notes: 'str?', status: 'str=',
    started_at: 'ts?', completed_at: 'ts?', cancelled_at: 'ts?', archived_at: 'ts?',
    created_by: 'int?', version: 'int=', ...stamps,
  },
  order_events: {
    id: 'int8=', order_id: 'int', event_type: 'str', at: 'ts=', user_id: 'int?', data: 'json=',
  },
  stop_reasons: {
    id: 'int=', parent_id: 'int?', is_category: 'bool!', parent_is_category: 'bool!',
    code: 'str', name: 'str', planned: 'bool?', oee_loss: 'str?', active: 'bool=',
    sort_order: 'int=', ...stamps,
  },
  stops: {
    id: 'int=', machine_id: 'int', order_id: 'int?', reason_id: 'int?',
    reason_is_category: 'bool!', started_at: 'ts=', ended_at: 'ts?', notes: 'str?',
    reported_by: 'int?', updated_by: 'int?', ...stamps,
  },
  waste: {
    id: 'int=', order_id: 'int', waste_type: 'str', quantity: 'str', unit: 'str',
    reason: 'str?', cost: 'str?', recorded_at: 'ts=', recorded_by: 'int?', ...stamps,
  },
  labour_assignments: {
    id: 'int=', work_date: 'str', shift_code: 'str', machine_id: 'int?', employee_id: 'int',
    role: 'str', notes: 'str?', created_by: 'int?', ...stamps,
  },
  attendance: {
    id: 'int=', work_date: 'str', shift_code: 'str', employee_id: 'int', status: 'str',
    check_in_at: 'ts?', notes: 'str?', recorded_by: 'int?', ...stamps,
  },
  shift_handovers: {
    id: 'int=', production_day: 'str', shift_code: 'str', environment_id: 'int?',
    notes: 'str', author_id: 'int', ...stamps,
  },
  maturation_batches: {
    id: 'int=', batch_number: 'str', product_id: 'int?', blend_name: 'str', quantity: 'str',
    actual_quantity: 'str?', unit: 'str=', started_on: 'str', expected_days: 'int',
    status: 'str=', completed_at: 'ts?', notes: 'str?', created_by: 'int?', version: 'int=',
    ...stamps,
  },
  maturation_checks: {
    id: 'int=', batch_id: 'int', check_date: 'str', checked_at: 'ts=', temperature: 'str?',
    humidity: 'str?', ph: 'str?', readings: 'json=', notes: 'str?', checked_by: 'int?',
    ...stamps,
  },
};
