/**
 * The clean baseline: reference data and orders with their events, stops, downtime, waste,
 * quality checks and audit entries, written as the legacy app would (app-written times in the
 * file's app time base, DEFAULT CURRENT_TIMESTAMP columns in UTC). Streaming: nothing but
 * per-machine state is kept in memory; one transaction per batch of orders.
 */
import bcrypt from 'bcryptjs';
import type { LegacyClock } from './clock.js';
import { orderWriter, REASON_CODES } from './orders.js';
import type { Random } from './random.js';
import type { GeneratedUser } from './types.js';
import type { LegacyWriter, Row } from './writer.js';

export const ENVIRONMENTS = [
  'blending',
  'packaging',
  'beverage',
  'maturation',
  'milk-powder',
  'seasoning',
];
const MACHINE_KINDS = ['Mixer', 'Filler', 'Packer', 'Labeller', 'Tank', 'Sifter'];
const FIRST = [
  'Thabo',
  'Naledi',
  'Pieter',
  'Ayesha',
  'Sipho',
  'Lerato',
  'Johan',
  'Zanele',
  'Ruan',
  'Palesa',
  'Kagiso',
  'Fatima',
];
const LAST = [
  'Mokoena',
  'Dlamini',
  'van Wyk',
  'Patel',
  'Ndlovu',
  'Khumalo',
  'Botha',
  'Mthembu',
  'Steyn',
  'Nkosi',
];
const MIN = 60_000;
const DAY = 86_400_000;
const BATCH = 20_000;

export interface Baseline {
  machines: { id: number; env: string }[];
  operators: number;
  users: GeneratedUser[];
  firstOrder: number;
  lastOrder: number;
  /** Per machine: the order running on it (in_progress or paused) and when it started. */
  running: Map<number, { order: number; startMs: number; status: string }>;
  /** Per machine: the open production stop and when it started. */
  openStops: Map<number, { stop: number; startMs: number }>;
  /** A completed order with a machine and a closed stop (for quirks that need one). */
  sampleOrder: { id: number; machine: number; startMs: number };
  startMs: number;
  endMs: number;
}

export interface BaselineInput {
  writer: LegacyWriter;
  rnd: Random;
  clock: LegacyClock;
  orders: number;
  machines: number;
  operators: number;
  stopsPerOrder: number;
  downtimePerOrder: number;
  wastePerOrder: number;
  startMs: number;
  spanDays: number;
  /** Extra columns of production_orders (the unknown-column quirk). */
  orderExtra?: (id: number) => Row;
}

function hash(rnd: Random, password: string): string {
  return bcrypt.hashSync(password, rnd.bcryptSalt(4));
}

/** Users [name, role, e-mail?] (default e-mail: the name, lower case, letters and digits). */
export function writeUsers(
  i: BaselineInput,
  list: readonly (readonly [string, string] | readonly [string, string, string])[],
): GeneratedUser[] {
  const { writer: w, rnd, clock } = i;
  return list.map(([username, role, mail], n) => {
    const password = `${username}-${rnd.int(1000, 9999)}`;
    const email = mail ?? `${username.toLowerCase().replace(/[^a-z0-9]/g, '')}@plant.example`;
    const loginMs = i.startMs - 2 * DAY + n * 3_600_000;
    const id = Number(
      w.insert('users', {
        username,
        password_hash: hash(rnd, password),
        email,
        role,
        created_at: clock.utc(i.startMs - 30 * DAY + n * MIN),
        last_login: clock.app(loginMs),
        is_active: 1,
      }),
    );
    w.insert('audit_log', {
      user_id: id,
      action: 'login',
      entity_type: 'user',
      entity_id: id,
      timestamp: clock.utc(loginMs + rnd.int(0, 1500)),
    });
    w.fact('users.last_login:paired', id);
    return { id, username, password, role, email };
  });
}

export { hash as hashPassword };

export function writeBaseline(i: BaselineInput): Baseline {
  const { writer: w, rnd, clock } = i;
  const db = w.db;
  const machines = Array.from({ length: i.machines }, (_, n) => {
    const env = ENVIRONMENTS[n % ENVIRONMENTS.length] ?? 'blending';
    const serviced = i.startMs - rnd.int(1, 60) * DAY;
    const id = Number(
      w.insert('machines', {
        name: `${MACHINE_KINDS[n % MACHINE_KINDS.length]} ${Math.floor(n / MACHINE_KINDS.length) + 1}`,
        environment: env,
        status: 'available',
        last_maintenance: clock.app(serviced),
        next_maintenance: clock.app(serviced + 90 * DAY),
        capacity: rnd.int(1, 10) * 100,
        efficiency_rating: 100.0,
      }),
    );
    return { id, env };
  });
  for (let n = 0; n < i.operators; n++) {
    w.insert('operators', {
      name: `${FIRST[n % FIRST.length]} ${LAST[(n * 7) % LAST.length]}`,
      department: ENVIRONMENTS[n % ENVIRONMENTS.length] ?? null,
      shift: n % 2 === 0 ? 'DS' : 'NS',
    });
  }
  const users = writeUsers(i, [
    ['admin', 'admin'],
    ['supervisor', 'supervisor'],
    ['operator1', 'operator'],
    ['operator2', 'operator'],
    ['viewer', 'viewer'],
  ]);
  for (const [code, description] of REASON_CODES) w.insert('reason_codes', { code, description });
  for (const u of users) {
    for (const event_type of ['order_completed', 'machine_down']) {
      w.insert('notification_preferences', {
        user_id: u.id,
        event_type,
        email_enabled: 1,
        push_enabled: 0,
      });
    }
  }
  w.insert('notifications', { email: 'planning@plant.example', event_type: 'order_completed' });

  const running = new Map<number, { order: number; startMs: number; status: string }>();
  const openStops = new Map<number, { stop: number; startMs: number }>();
  const spacing = Math.max(MIN, Math.floor((i.spanDays * DAY) / Math.max(1, i.orders)));
  let sampleOrder: Baseline['sampleOrder'] | undefined;
  let firstOrder = 0;
  let lastOrder = 0;
  const write = orderWriter({
    writer: w,
    rnd,
    clock,
    operators: i.operators,
    stopsPerOrder: i.stopsPerOrder,
    downtimePerOrder: i.downtimePerOrder,
    wastePerOrder: i.wastePerOrder,
    creators: users.slice(0, 2).map((u) => u.id),
    reporters: users.filter((u) => u.role === 'operator').map((u) => u.id),
    supervisor: users[1]?.id ?? 1,
    ...(i.orderExtra ? { orderExtra: i.orderExtra } : {}),
  });
  const writeOrder = (n: number) => {
    const machine = machines[n % machines.length] ?? { id: 1, env: 'blending' };
    const runningIndex = n - (i.orders - machines.length);
    const status =
      runningIndex < 0 ? 'completed' : runningIndex % 2 === 0 ? 'in_progress' : 'paused';
    const o = write({ n, machine, t0: i.startMs + n * spacing, status });
    if (firstOrder === 0) firstOrder = o.id;
    lastOrder = o.id;
    if (o.openStop) openStops.set(machine.id, o.openStop);
    if (status !== 'completed')
      running.set(machine.id, { order: o.id, startMs: o.startMs, status });
    else if (!sampleOrder && o.stops > 0)
      sampleOrder = { id: o.id, machine: machine.id, startMs: o.startMs };
  };

  for (let start = 0; start < i.orders; start += BATCH) {
    db.transaction(() => {
      for (let n = start; n < Math.min(i.orders, start + BATCH); n++) writeOrder(n);
    })();
  }
  for (const m of running.keys())
    db.prepare('UPDATE machines SET status = ? WHERE id = ?').run('in_use', m);
  if (!sampleOrder)
    throw new RangeError('the generator needs a few more orders (at least machines + 5)');
  return {
    machines,
    operators: i.operators,
    users,
    firstOrder,
    lastOrder,
    running,
    openStops,
    sampleOrder,
    startMs: i.startMs,
    endMs: i.startMs + i.orders * spacing,
  };
}
