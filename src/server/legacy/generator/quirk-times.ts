/** The timeFormats quirk: every time format of LEGACY.md in app-written and defaulted columns. */
import { formatPlantIso } from '../../../common/plant-time/index.js';
import { parseLegacyTime } from '../values/time.js';
import type { QuirkKit } from './quirk-helpers.js';

export function timeFormats(k: QuirkKit) {
  const { w, clock, b } = k;
  const ids = Array.from({ length: 9 }, (_, n) => b.firstOrder + n);
  const instant = (id: number, column: string) => {
    const row = w.db
      .prepare(`SELECT ${column} AS v FROM production_orders WHERE id = ?`)
      .get(id) as { v: string };
    const parsed = parseLegacyTime(row.v, clock.appBase, clock.zone);
    if (parsed.kind !== 'instant') throw new Error(`order ${id} ${column} is not a time`);
    return parsed.at.getTime();
  };
  const set = (id: number, column: string, value: string | number | bigint) =>
    w.update(`UPDATE production_orders SET ${column} = ? WHERE id = ?`, value, id);
  const [a, bb, c, d, e, f, g, h, i] = ids as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  set(a, 'start_time', clock.app(instant(a, 'start_time')).replace(' ', 'T'));
  w.format('production_orders.start_time', 'naive-t');
  set(bb, 'start_time', new Date(instant(bb, 'start_time')).toISOString());
  w.format('production_orders.start_time', 'iso-z');
  set(c, 'start_time', formatPlantIso(new Date(instant(c, 'start_time')), clock.zone));
  w.format('production_orders.start_time', 'iso-offset');
  set(d, 'complete_time', BigInt(Math.floor(instant(d, 'complete_time') / 1000)));
  w.format('production_orders.complete_time', 'epoch-s');
  set(e, 'complete_time', BigInt(instant(e, 'complete_time')));
  w.format('production_orders.complete_time', 'epoch-ms');
  set(f, 'complete_time', clock.day(instant(f, 'complete_time')));
  w.format('production_orders.complete_time', 'date-only');
  w.inject('production_orders.complete_time:time-date-only', f);
  set(g, 'start_time', 'yesterday afternoon');
  w.format('production_orders.start_time', 'unparseable');
  w.inject('production_orders.start_time:time-unparseable', g);
  set(h, 'due_date', clock.app(instant(h, 'start_time')));
  w.format('production_orders.due_date', 'naive');
  set(i, 'due_date', '31/02/2024');
  w.format('production_orders.due_date', 'unparseable');
  w.inject('production_orders.due_date:time-unparseable', i);
  const admin = b.users[0]?.id ?? 1;
  w.update(
    'UPDATE users SET last_login = ? WHERE id = ?',
    BigInt(Math.floor(b.startMs / 1000)),
    admin,
  );
  w.format('users.last_login', 'epoch-s');
  w.update('UPDATE machines SET last_maintenance = ? WHERE id = 1', clock.day(b.startMs));
  w.update("UPDATE machines SET last_maintenance = 'unknown' WHERE id = 2");
  w.inject(
    'downtime_events.start_time:time-unparseable',
    k.downtime({ start_time: '31/02/2024 10:00' }),
  );
  w.format('downtime_events.start_time', 'unparseable');
  w.inject('production_stops.end_time:time-unparseable', k.stop({ end_time: 'n/a' }));
  w.format('production_stops.end_time', 'unparseable');
  k.event({ timestamp: BigInt(b.sampleOrder.startMs) });
  w.format('production_events.timestamp', 'epoch-ms');
  w.inject('production_events.timestamp:time-unparseable', k.event({ timestamp: 'soon' }));
  w.format('production_events.timestamp', 'unparseable');
}
