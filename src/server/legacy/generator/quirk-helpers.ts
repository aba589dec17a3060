/** Clean rows the quirks start from (each quirk then spoils one thing and labels it). */
import type { Baseline } from './baseline.js';
import type { LegacyClock } from './clock.js';
import type { LegacyWriter, Row } from './writer.js';

const MIN = 60_000;

export interface QuirkKit {
  w: LegacyWriter;
  clock: LegacyClock;
  b: Baseline;
  /** A fresh id that no table uses (for orphans): 900000000 + n. */
  missing(): number;
  /** A clean completed order without events (override any column). */
  order(over?: Row): number;
  /** A clean closed production stop of the sample order. */
  stop(over?: Row): number;
  /** A clean closed downtime event on the sample order's machine. */
  downtime(over?: Row): number;
  event(over?: Row): number;
  waste(over?: Row): number;
  audit(over?: Row): number;
  machine(over?: Row): number;
}

export function quirkKit(w: LegacyWriter, clock: LegacyClock, b: Baseline): QuirkKit {
  let missing = 900_000_000;
  let n = 0;
  const s = b.sampleOrder;
  const m = b.machines.find((x) => x.id === s.machine) ?? { id: s.machine, env: 'blending' };
  const at = (k: number) => s.startMs + k * MIN;
  return {
    w,
    clock,
    b,
    missing: () => ++missing,
    order(over = {}) {
      n++;
      const t = b.startMs + n * 7 * MIN;
      return Number(
        w.insert('production_orders', {
          order_number: `PO-Q${String(n).padStart(4, '0')}`,
          product_name: 'Quirk Blend 1kg',
          quantity: 100,
          environment: m.env,
          priority: 'normal',
          due_date: clock.day(t),
          status: 'completed',
          machine_id: m.id,
          operator_id: 1,
          start_time: clock.app(t),
          complete_time: clock.app(t + 30 * MIN),
          actual_quantity: 100,
          created_by: b.users[0]?.id ?? 1,
          ...over,
        }),
      );
    },
    stop(over = {}) {
      return Number(
        w.insert('production_stops', {
          order_id: s.id,
          start_time: clock.utc(at(3)),
          end_time: clock.app(at(9)),
          reason: 'Quirk stop',
          category: 'Mechanical',
          reported_by: b.users[2]?.id ?? 1,
          ...over,
        }),
      );
    },
    downtime(over = {}) {
      return Number(
        w.insert('downtime_events', {
          order_id: s.id,
          machine_id: m.id,
          start_time: clock.app(at(4)),
          end_time: clock.app(at(8)),
          reason_code: 'MAINT',
          ...over,
        }),
      );
    },
    event(over = {}) {
      return Number(
        w.insert('production_events', {
          order_id: s.id,
          event_type: 'update',
          description: 'quirk',
          timestamp: clock.utc(at(2)),
          ...over,
        }),
      );
    },
    waste(over = {}) {
      return Number(
        w.insert('waste_records', {
          order_id: s.id,
          waste_amount: 1.5,
          reason: 'spillage',
          timestamp: clock.utc(at(20)),
          ...over,
        }),
      );
    },
    audit(over = {}) {
      return Number(
        w.insert('audit_log', {
          user_id: b.users[0]?.id ?? 1,
          action: 'update_order',
          entity_type: 'production_order',
          entity_id: s.id,
          timestamp: clock.utc(at(1)),
          ...over,
        }),
      );
    },
    machine(over = {}) {
      return Number(
        w.insert('machines', {
          name: `Quirk machine ${++n}`,
          environment: 'packaging',
          status: 'available',
          capacity: 100,
          efficiency_rating: 100.0,
          ...over,
        }),
      );
    },
  };
}
