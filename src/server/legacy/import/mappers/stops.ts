import {
  categoryOfReasonCode,
  normaliseReasonCode,
  parseLegacyTime,
  STOP_CATEGORY,
  type LegacyValue,
} from '../../values/index.js';
import type { Draft, HasColumn, MapContext, Quarantine, SourceQuery, TableMapper } from '../mapping.js';
import { RowReader } from '../row-reader.js';
import { TARGETS } from '../targets.js';
import { freeTextReasonCode, idOf, stamps } from './common.js';

/**
 * production_stops and downtime_events → stops. A stop needs a machine (production_stops only
 * know it through their order). A machine has at most one open stop: of the stops never closed
 * on a machine, the one that started last stays open; the others are quarantined (close them in
 * the legacy app and sync, or settle them by hand).
 */

interface OpenStop {
  table: string;
  id: bigint;
  at: number;
}

const OPEN = "(end_time IS NULL OR trim(end_time) = '')";

function later(a: OpenStop, b: OpenStop): boolean {
  if (a.at !== b.at) return a.at > b.at;
  if (a.table !== b.table) return a.table > b.table;
  return a.id > b.id;
}

/** machine id → its open stop that stays open (both source tables). */
function openStopWinners(read: SourceQuery, ctx: MapContext, has: HasColumn): Map<number, OpenStop> {
  const winners = new Map<number, OpenStop>();
  const consider = (table: string, rows: Iterable<Record<string, LegacyValue>>) => {
    for (const r of rows) {
      const machine = idOf(r.machine_id ?? null);
      if (machine === null || typeof r.id !== 'bigint') continue;
      const p = r.start_time === null || r.start_time === undefined
        ? null
        : parseLegacyTime(r.start_time, ctx.timeBase(table, 'start_time'), ctx.zone);
      const stop = { table, id: r.id, at: p?.kind === 'instant' ? p.at.getTime() : -Infinity };
      const best = winners.get(machine);
      if (!best || later(stop, best)) winners.set(machine, stop);
    }
  };
  const ordersMachine = has('production_orders', 'machine_id');
  if (has('production_stops', 'end_time') && has('production_stops', 'order_id') && ordersMachine) {
    consider(
      'production_stops',
      read(`SELECT s.id, o.machine_id, s.start_time FROM production_stops s
        JOIN production_orders o ON o.id = s.order_id WHERE ${OPEN.replace(/end_time/g, 's.end_time')}`),
    );
  }
  if (has('downtime_events', 'end_time') && has('downtime_events', 'machine_id')) {
    const viaOrder = has('downtime_events', 'order_id') && ordersMachine;
    consider(
      'downtime_events',
      read(`SELECT d.id, ${viaOrder ? 'coalesce(d.machine_id, o.machine_id)' : 'd.machine_id'}
          AS machine_id, d.start_time FROM downtime_events d
        ${viaOrder ? 'LEFT JOIN production_orders o ON o.id = d.order_id' : ''}
        WHERE ${OPEN.replace(/end_time/g, 'd.end_time')}`),
    );
  }
  return winners;
}

/** Puts the machine in place and applies the one-open-stop rule. */
function placeOnMachine(
  d: Draft,
  machine: number | null,
  self: { table: string; id: bigint },
  winners: Map<number, OpenStop>,
  noMachine: string,
): Draft | Quarantine {
  if (machine === null) return { kind: 'quarantine', reason: noMachine };
  d.values.machine_id = machine;
  if (d.values.ended_at !== null) return d;
  const w = winners.get(machine);
  if (w && !(w.table === self.table && w.id === self.id)) {
    return {
      kind: 'quarantine',
      reason: `never closed, and machine ${machine} has a later open stop (${w.table} ${w.id})`,
    };
  }
  return d;
}

function checkInterval(r: RowReader, started: string | null, ended: string | null): void {
  if (started !== null && ended !== null && ended < started) {
    r.problems.push('end_time is before start_time');
  }
}

export function productionStopsMapper(): TableMapper {
  let winners = new Map<number, OpenStop>();
  return {
    source: 'production_stops',
    target: TARGETS.stops,
    uses: ['id', 'order_id', 'start_time', 'end_time', 'reason', 'category', 'notes', 'reported_by'],
    start(read, ctx, has) {
      winners = openStopWinners(read, ctx, has);
    },
    prepare(row, ctx) {
      const r = new RowReader('production_stops', row.values, ctx);
      const orderId = r.ref('order_id', 'order_id', 'production_orders', { fetch: ['machine_id'] });
      const started = r.instant('start_time');
      const ended = r.instant('end_time');
      checkInterval(r, started, ended);
      const category = r.enumValue('category', STOP_CATEGORY) ?? 'LEGACY';
      const reason = r.text('reason', { max: 200 });
      return r.result(
        row.key,
        {
          machine_id: null,
          order_id: orderId,
          reason_id: null,
          started_at: started,
          ended_at: ended,
          notes: r.freeText('notes'),
          reported_by: r.ref('reported_by', 'reported_by', 'users'),
          updated_by: null,
          ...stamps(ctx),
        },
        {
          ensures: reason
            ? [
                {
                  column: 'reason_id',
                  kind: 'reason',
                  code: freeTextReasonCode(category, reason),
                  name: reason,
                  parent: category,
                },
              ]
            : [],
        },
      );
    },
    finish(d, resolved) {
      const order = resolved.refRows.get('order_id');
      const machine = (order?.machine_id as number | null | undefined) ?? null;
      return placeOnMachine(
        d,
        machine,
        { table: 'production_stops', id: d.id! },
        winners,
        `order ${String(d.values.order_id)} has no machine, and a stop needs one`,
      );
    },
  };
}

export function downtimeEventsMapper(): TableMapper {
  let winners = new Map<number, OpenStop>();
  return {
    source: 'downtime_events',
    target: TARGETS.stops,
    uses: ['id', 'order_id', 'machine_id', 'start_time', 'end_time', 'reason_code', 'root_cause', 'notes'],
    start(read, ctx, has) {
      winners = openStopWinners(read, ctx, has);
    },
    prepare(row, ctx) {
      const r = new RowReader('downtime_events', row.values, ctx);
      const id = row.key + ctx.idOffset('downtime_events');
      if (id > 2_147_483_647n) r.problems.push(`id ${row.key} is too large to place among the stops`);
      const orderId = r.ref('order_id', 'order_id', 'production_orders', { fetch: ['machine_id'] });
      const machineId = r.ref('machine_id', 'machine_id', 'machines');
      const started = r.instant('start_time');
      const ended = r.instant('end_time');
      checkInterval(r, started, ended);
      const code = normaliseReasonCode(r.text('reason_code', { max: 64 }));
      const rootCause = r.freeText('root_cause');
      const notes = [r.freeText('notes'), rootCause === null ? null : `Root cause: ${rootCause}`]
        .filter((x) => x !== null)
        .join('\n');
      return r.result(
        id,
        {
          machine_id: machineId,
          order_id: orderId,
          reason_id: null,
          started_at: started,
          ended_at: ended,
          notes: notes === '' ? null : notes,
          reported_by: null,
          updated_by: null,
          ...stamps(ctx),
        },
        {
          ensures: code
            ? [{ column: 'reason_id', kind: 'reason', code, name: code, parent: categoryOfReasonCode(code) }]
            : [],
        },
      );
    },
    finish(d, resolved, ctx) {
      const order = resolved.refRows.get('order_id');
      const machine =
        (d.values.machine_id as number | null) ??
        ((order?.machine_id as number | null | undefined) ?? null);
      return placeOnMachine(
        d,
        machine,
        { table: 'downtime_events', id: d.id! - ctx.idOffset('downtime_events') },
        winners,
        'no machine (neither its machine_id nor its order has one), and a stop needs one',
      );
    },
  };
}
