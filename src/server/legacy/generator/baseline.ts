/**
 * The clean baseline: reference data and orders with their events, stops, downtime, waste,
 * quality checks and audit entries, written as the legacy app would (app-written times in the
 * file's app time base, DEFAULT CURRENT_TIMESTAMP columns in UTC). Streaming: nothing but
 * per-machine state is kept in memory; one transaction per batch of orders.
 */
import bcrypt from 'bcryptjs';
import type { LegacyClock } from './clock.js';
import type { Random } from './random.js';
import type { GeneratedUser } from './types.js';
import type { LegacyWriter, Row } from './writer.js';

export const ENVIRONMENTS = ['blending', 'packaging', 'beverage', 'maturation', 'milk-powder', 'seasoning'];
const MACHINE_KINDS = ['Mixer', 'Filler', 'Packer', 'Labeller', 'Tank', 'Sifter'];
const PRODUCTS = ['Rooibos Blend 250g', 'Chai Spice 1kg', 'Chicken Spice 500g', 'Milk Powder 25kg', 'Orange Cordial 2L', 'Maize Seasoning 5kg'];
const FIRST = ['Thabo', 'Naledi', 'Pieter', 'Ayesha', 'Sipho', 'Lerato', 'Johan', 'Zanele', 'Ruan', 'Palesa', 'Kagiso', 'Fatima'];
const LAST = ['Mokoena', 'Dlamini', 'van Wyk', 'Patel', 'Ndlovu', 'Khumalo', 'Botha', 'Mthembu', 'Steyn', 'Nkosi'];
export const STOP_KINDS: readonly (readonly [string, string])[] = [
  ['Mechanical', 'Bearing noise'],
  ['Material', 'Waiting for sugar'],
  ['Quality', 'Seal check failed'],
  ['Changeover', 'Size change'],
];
export const REASON_CODES: readonly (readonly [string, string])[] = [
  ['MAINT', 'Planned maintenance'],
  ['MATSHO', 'Material shortage'],
  ['QUAL', 'Quality hold'],
  ['BREAKDOWN', 'Breakdown'],
  ['CHANGEOVER', 'Product changeover'],
  ['POWER', 'Power outage / load shedding'],
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

export function writeUsers(i: BaselineInput, list: readonly [string, string][]): GeneratedUser[] {
  const { writer: w, rnd, clock } = i;
  return list.map(([username, role], n) => {
    const password = `${username}-${rnd.int(1000, 9999)}`;
    const email = `${username}@plant.example`;
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
    w.insert('audit_log', { user_id: id, action: 'login', entity_type: 'user', entity_id: id, timestamp: clock.utc(loginMs + rnd.int(0, 1500)) });
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
      w.insert('notification_preferences', { user_id: u.id, event_type, email_enabled: 1, push_enabled: 0 });
    }
  }
  w.insert('notifications', { email: 'planning@plant.example', event_type: 'order_completed' });

  const running = new Map<number, { order: number; startMs: number; status: string }>();
  const openStops = new Map<number, { stop: number; startMs: number }>();
  const spacing = Math.max(MIN, Math.floor((i.spanDays * DAY) / Math.max(1, i.orders)));
  const operatorIds = users.filter((u) => u.role === 'operator').map((u) => u.id);
  let sampleOrder: Baseline['sampleOrder'] | undefined;
  let firstOrder = 0;
  let lastOrder = 0;
  const jitter = () => rnd.int(0, 2000);
  const event = (order: number, type: string, ms: number, description: string | null = null) =>
    w.insert('production_events', { order_id: order, event_type: type, description, timestamp: clock.utc(ms + jitter()) });

  const writeOrder = (n: number) => {
    const m = machines[n % machines.length] ?? { id: 1, env: 'blending' };
    const t0 = i.startMs + n * spacing;
    const runningIndex = n - (i.orders - machines.length);
    const status = runningIndex < 0 ? 'completed' : runningIndex % 2 === 0 ? 'in_progress' : 'paused';
    const quantity = rnd.int(1, 50) * 100;
    const ts = t0 + 10 * MIN;
    const stops = status === 'paused' ? 1 : status === 'in_progress' ? 0 : Math.floor(i.stopsPerOrder) + (rnd.chance(i.stopsPerOrder % 1) ? 1 : 0);
    const completeMs = ts + (stops + 1) * 40 * MIN;
    const lastStopMs = stops > 0 ? ts + stops * 40 * MIN : null;
    const id = Number(
      w.insert('production_orders', {
        order_number: `PO-${String(n + 1).padStart(6, '0')}`,
        product_name: PRODUCTS[n % PRODUCTS.length] ?? 'Product',
        quantity,
        environment: m.env,
        priority: rnd.pick(['low', 'normal', 'normal', 'high', 'urgent']),
        due_date: clock.day(t0 + 3 * DAY),
        notes: rnd.chance(0.1) ? 'Rush for the weekend' : null,
        status,
        machine_id: m.id,
        operator_id: (n % i.operators) + 1,
        start_time: clock.app(ts),
        stop_time: lastStopMs === null ? null : clock.app(lastStopMs),
        complete_time: status === 'completed' ? clock.app(completeMs) : null,
        actual_quantity: status === 'completed' ? Math.round(quantity * (0.9 + rnd.next() * 0.15)) : null,
        stop_reason: null,
        created_by: users[n % 2]?.id ?? 1,
        efficiency_percentage: status === 'completed' ? Math.round(800 + rnd.next() * 200) / 10 : null,
        end_time: null,
        ...(i.orderExtra ? i.orderExtra(n + 1) : {}),
      }),
    );
    if (firstOrder === 0) firstOrder = id;
    lastOrder = id;
    event(id, 'create', t0);
    event(id, 'start', ts);
    for (let k = 1; k <= stops; k++) {
      const s = ts + k * 40 * MIN;
      const open = status === 'paused';
      const e = s + rnd.int(5, 25) * MIN;
      const [category, reason] = rnd.pick(STOP_KINDS);
      const stop = Number(
        w.insert('production_stops', {
          order_id: id,
          start_time: clock.utc(s + jitter()),
          end_time: open ? null : clock.app(e),
          reason,
          category,
          notes: null,
          reported_by: rnd.pick(operatorIds),
        }),
      );
      event(id, 'stop', s, reason);
      if (open) openStops.set(m.id, { stop, startMs: s });
      else event(id, 'resume', e);
    }
    if (status === 'completed') {
      event(id, 'complete', completeMs);
      if (!sampleOrder && stops > 0) sampleOrder = { id, machine: m.id, startMs: ts };
      if (rnd.chance(i.downtimePerOrder)) {
        const d = ts + 20 * MIN;
        w.insert('downtime_events', {
          order_id: id,
          machine_id: m.id,
          start_time: clock.app(d),
          end_time: clock.app(d + rnd.int(3, 15) * MIN),
          reason_code: rnd.pick(REASON_CODES)[0],
          root_cause: rnd.chance(0.5) ? 'Worn belt' : null,
          notes: null,
        });
      }
      if (rnd.chance(i.wastePerOrder)) {
        w.insert('waste_records', { order_id: id, waste_amount: rnd.int(5, 250) / 10, reason: rnd.pick(['spillage', 'seal failure', 'contamination']), timestamp: clock.utc(completeMs - 5 * MIN) });
      }
      if (rnd.chance(0.1)) {
        w.insert('quality_checks', { order_id: id, check_type: 'weight', result: rnd.chance(0.9) ? 'pass' : 'fail', notes: null, timestamp: clock.utc(completeMs - 2 * MIN) });
      }
      if (rnd.chance(0.05)) {
        w.insert('audit_log', {
          user_id: users[1]?.id ?? 1,
          action: 'update_order',
          entity_type: 'production_order',
          entity_id: id,
          old_values: JSON.stringify({ quantity }),
          new_values: JSON.stringify({ quantity: quantity + 100 }),
          ip_address: '10.0.0.12',
          user_agent: 'Mozilla/5.0',
          timestamp: clock.utc(t0 + 5 * MIN),
        });
      }
    } else {
      running.set(m.id, { order: id, startMs: ts, status });
    }
  };

  for (let start = 0; start < i.orders; start += BATCH) {
    db.transaction(() => {
      for (let n = start; n < Math.min(i.orders, start + BATCH); n++) writeOrder(n);
    })();
  }
  for (const m of running.keys()) db.prepare('UPDATE machines SET status = ? WHERE id = ?').run('in_use', m);
  if (!sampleOrder) throw new RangeError('the generator needs a few more orders (at least machines + 5)');
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
