/**
 * The hot loop of the generator: one production order with its events, stops, downtime, waste,
 * quality checks and audit entries, through positional prepared statements.
 */
import type { LegacyClock } from './clock.js';
import type { Random } from './random.js';
import type { LegacyWriter, Row } from './writer.js';

const MIN = 60_000;
const DAY = 86_400_000;
const PRODUCTS = [
  'Rooibos Blend 250g',
  'Chai Spice 1kg',
  'Chicken Spice 500g',
  'Milk Powder 25kg',
  'Orange Cordial 2L',
  'Maize Seasoning 5kg',
];
const PRIORITIES = ['low', 'normal', 'normal', 'high', 'urgent'];
const WASTE_REASONS = ['spillage', 'seal failure', 'contamination'];
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

export interface OrderPlan {
  n: number;
  machine: { id: number; env: string };
  t0: number;
  status: 'completed' | 'in_progress' | 'paused';
}

export interface WrittenOrder {
  id: number;
  startMs: number;
  stops: number;
  openStop: { stop: number; startMs: number } | null;
}

export interface OrderWriterInput {
  writer: LegacyWriter;
  rnd: Random;
  clock: LegacyClock;
  operators: number;
  stopsPerOrder: number;
  downtimePerOrder: number;
  wastePerOrder: number;
  creators: readonly number[];
  reporters: readonly number[];
  supervisor: number;
  orderExtra?: (id: number) => Row;
}

export function orderWriter(i: OrderWriterInput): (o: OrderPlan) => WrittenOrder {
  const { writer: w, rnd, clock } = i;
  const extraColumns = i.orderExtra ? Object.keys(i.orderExtra(1)) : [];
  const order = w.prepare('production_orders', [
    'order_number',
    'product_name',
    'quantity',
    'environment',
    'priority',
    'due_date',
    'notes',
    'status',
    'machine_id',
    'operator_id',
    'start_time',
    'stop_time',
    'complete_time',
    'actual_quantity',
    'stop_reason',
    'created_by',
    'efficiency_percentage',
    'end_time',
    ...extraColumns,
  ]);
  const event = w.prepare('production_events', [
    'order_id',
    'event_type',
    'description',
    'timestamp',
  ]);
  const stop = w.prepare('production_stops', [
    'order_id',
    'start_time',
    'end_time',
    'reason',
    'category',
    'notes',
    'reported_by',
  ]);
  const downtime = w.prepare('downtime_events', [
    'order_id',
    'machine_id',
    'start_time',
    'end_time',
    'reason_code',
    'root_cause',
    'notes',
  ]);
  const waste = w.prepare('waste_records', ['order_id', 'waste_amount', 'reason', 'timestamp']);
  const quality = w.prepare('quality_checks', [
    'order_id',
    'check_type',
    'result',
    'notes',
    'timestamp',
  ]);
  const audit = w.prepare('audit_log', [
    'user_id',
    'action',
    'entity_type',
    'entity_id',
    'old_values',
    'new_values',
    'ip_address',
    'user_agent',
    'timestamp',
  ]);
  const jitter = () => rnd.int(0, 2000);

  return ({ n, machine: m, t0, status }) => {
    const quantity = rnd.int(1, 50) * 100;
    const ts = t0 + 10 * MIN;
    const stops =
      status === 'paused'
        ? 1
        : status === 'in_progress'
          ? 0
          : Math.floor(i.stopsPerOrder) + (rnd.chance(i.stopsPerOrder % 1) ? 1 : 0);
    const completeMs = ts + (stops + 1) * 40 * MIN;
    const lastStopMs = stops > 0 ? ts + stops * 40 * MIN : null;
    const done = status === 'completed';
    const extra = i.orderExtra ? Object.values(i.orderExtra(n + 1)) : [];
    const id = order(
      `PO-${String(n + 1).padStart(6, '0')}`,
      PRODUCTS[n % PRODUCTS.length] ?? 'Product',
      quantity,
      m.env,
      rnd.pick(PRIORITIES),
      clock.day(t0 + 3 * DAY),
      rnd.chance(0.1) ? 'Rush for the weekend' : null,
      status,
      m.id,
      (n % i.operators) + 1,
      clock.app(ts),
      lastStopMs === null ? null : clock.app(lastStopMs),
      done ? clock.app(completeMs) : null,
      done ? Math.round(quantity * (0.9 + rnd.next() * 0.15)) : null,
      null,
      i.creators[n % i.creators.length] ?? 1,
      done ? Math.round(800 + rnd.next() * 200) / 10 : null,
      null,
      ...extra,
    );
    event(id, 'create', null, clock.utc(t0 + jitter()));
    event(id, 'start', null, clock.utc(ts + jitter()));
    let openStop: WrittenOrder['openStop'] = null;
    for (let k = 1; k <= stops; k++) {
      const s = ts + k * 40 * MIN;
      const open = status === 'paused';
      const e = s + rnd.int(5, 25) * MIN;
      const [category, reason] = rnd.pick(STOP_KINDS);
      const stopId = stop(
        id,
        clock.utc(s + jitter()),
        open ? null : clock.app(e),
        reason,
        category,
        null,
        rnd.pick(i.reporters),
      );
      event(id, 'stop', reason, clock.utc(s + jitter()));
      if (open) openStop = { stop: stopId, startMs: s };
      else event(id, 'resume', null, clock.utc(e + jitter()));
    }
    if (done) {
      event(id, 'complete', null, clock.utc(completeMs + jitter()));
      if (rnd.chance(i.downtimePerOrder)) {
        const d = ts + 20 * MIN;
        const root = rnd.chance(0.5) ? 'Worn belt' : null;
        downtime(
          id,
          m.id,
          clock.app(d),
          clock.app(d + rnd.int(3, 15) * MIN),
          rnd.pick(REASON_CODES)[0],
          root,
          null,
        );
      }
      if (rnd.chance(i.wastePerOrder)) {
        waste(id, rnd.int(5, 250) / 10, rnd.pick(WASTE_REASONS), clock.utc(completeMs - 5 * MIN));
      }
      if (rnd.chance(0.1)) {
        quality(
          id,
          'weight',
          rnd.chance(0.9) ? 'pass' : 'fail',
          null,
          clock.utc(completeMs - 2 * MIN),
        );
      }
      if (rnd.chance(0.05)) {
        audit(
          i.supervisor,
          'update_order',
          'production_order',
          id,
          JSON.stringify({ quantity }),
          JSON.stringify({ quantity: quantity + 100 }),
          '10.0.0.12',
          'Mozilla/5.0',
          clock.utc(t0 + 5 * MIN),
        );
      }
    }
    return { id, startMs: ts, stops, openStop };
  };
}
