import { sqlMappedEnum } from '../../catalog/index.js';
import {
  EVENT_TYPE,
  ORDER_PRIORITY,
  ORDER_STATUS,
  parseLegacyTime,
  type LegacyValue,
} from '../../values/index.js';
import { instantText } from '../instant.js';
import type { Json } from '../json.js';
import type { MapContext, TableMapper } from '../mapping.js';
import { RowReader } from '../row-reader.js';
import { TARGETS } from '../targets.js';
import {
  combineJoins,
  duplicateJoins,
  environmentEnsure,
  idOf,
  laterDuplicateOf,
  withSuffix,
} from './common.js';

const RUNNING = new Set(['in_progress', 'paused']);

/** Epoch ms of a legacy time (for "which is later"), or -Infinity. */
function timeMs(v: LegacyValue, ctx: MapContext, table: string, column: string): number {
  if (v === null) return -Infinity;
  const p = parseLegacyTime(v, ctx.timeBase(table, column), ctx.zone);
  return p.kind === 'instant' ? p.at.getTime() : -Infinity;
}

/**
 * production_orders → production_orders (ids kept). Statuses and priorities mapped; a running
 * order needs a machine and a machine runs one order at a time, so a running order without a
 * usable machine, or beaten by a later-started running order on the same machine, becomes
 * 'pending' (recorded). created_at is the order's first 'create' event when it has one.
 */
export function productionOrdersMapper(): TableMapper {
  /** machine id → the running order that keeps running there. */
  const runningWinner = new Map<number, { id: bigint; at: number }>();
  return {
    source: 'production_orders',
    target: TARGETS.production_orders,
    uses: [
      'id',
      'order_number',
      'product_name',
      'quantity',
      'environment',
      'priority',
      'due_date',
      'notes',
      'status',
      'machine_id',
      'start_time',
      'complete_time',
      'actual_quantity',
      'created_by',
    ],
    join: (has) =>
      combineJoins(
        duplicateJoins(['production_orders.order_number'], has),
        has('production_events', 'order_id') &&
          has('production_events', 'event_type') &&
          has('production_events', 'timestamp')
          ? {
              select: 'ce.ts AS __created_event',
              from:
                'LEFT JOIN (SELECT order_id AS oid, min(timestamp) AS ts FROM production_events ' +
                "WHERE lower(trim(event_type)) IN ('create', 'created') GROUP BY order_id) ce " +
                'ON ce.oid = t.id',
            }
          : null,
      ),
    start(read, ctx, has) {
      runningWinner.clear();
      if (!has('production_orders', 'machine_id') || !has('production_orders', 'status')) return;
      const startCol = has('production_orders', 'start_time') ? 'start_time' : 'NULL';
      for (const o of read(
        `SELECT id, machine_id, ${startCol} AS start_time FROM production_orders
          WHERE machine_id IS NOT NULL AND ${sqlMappedEnum(ORDER_STATUS, 'status')}
          IN ('in_progress', 'paused')`,
      )) {
        const machine = idOf(o.machine_id ?? null);
        if (machine === null || typeof o.id !== 'bigint') continue;
        const at = timeMs(o.start_time ?? null, ctx, 'production_orders', 'start_time');
        const best = runningWinner.get(machine);
        if (!best || at > best.at || (at === best.at && o.id > best.id)) {
          runningWinner.set(machine, { id: o.id, at });
        }
      }
    },
    prepare(row, ctx) {
      const r = new RowReader('production_orders', row.values, ctx);
      let orderNumber = r.text('order_number', { max: 64 }) ?? '';
      const first = laterDuplicateOf(row, 'production_orders.order_number');
      if (first !== null) {
        orderNumber = withSuffix(orderNumber, ` #${row.key}`, 64);
        r.change('order_number', `number already used by order ${first}: '${orderNumber}'`);
      }
      const quantity = r.decimal('quantity', { min: '>0' });
      const unit = (quantity?.unit ?? 'units').slice(0, 32);
      const ensures = environmentEnsure(r, 'environment');
      const completed = r.instant('complete_time') ?? r.instant('end_time', { onBad: 'clear' });
      const createdEvent = row.joined.created_event ?? null;
      const createdMs = timeMs(createdEvent, ctx, 'production_events', 'timestamp');
      const createdAt = Number.isFinite(createdMs) ? instantText(new Date(createdMs)) : ctx.epoch;
      return r.result(
        row.key,
        {
          order_number: orderNumber,
          product_id: null,
          product_name: r.text('product_name', { max: 200 }),
          quantity: quantity?.value ?? null,
          produced_quantity: r.decimal('actual_quantity', { min: '>=0' })?.value ?? '0',
          rejected_quantity: '0',
          unit,
          priority: r.enumValue('priority', ORDER_PRIORITY) ?? 'normal',
          due_date: r.day('due_date'),
          environment_id: null,
          machine_id: r.ref('machine_id', 'machine_id', 'machines'),
          scheduled_start: null,
          scheduled_end: null,
          scheduled_shift: null,
          notes: r.freeText('notes'),
          status: r.enumValue('status', ORDER_STATUS) ?? 'pending',
          started_at: r.instant('start_time'),
          completed_at: completed,
          cancelled_at: null,
          archived_at: null,
          created_by: r.ref('created_by', 'created_by', 'users'),
          version: 1,
          created_at: createdAt,
          updated_at: createdAt,
        },
        { ensures },
      );
    },
    finish(d) {
      const status = d.values.status as string;
      if (!RUNNING.has(status)) return d;
      const machine = d.values.machine_id as number | null;
      const winner = machine === null ? undefined : runningWinner.get(machine);
      if (machine === null) {
        d.values.status = 'pending';
        d.changes.push({ column: 'status', note: `'${status}' without a usable machine: 'pending'`, cleared: false });
      } else if (winner && winner.id !== d.id) {
        d.values.status = 'pending';
        d.changes.push({
          column: 'status',
          note: `'${status}', but machine ${machine} runs order ${winner.id} (started later): 'pending'`,
          cleared: false,
        });
      }
      return d;
    },
  };
}

/** production_events → order_events (ids kept); legacy type and description in data. */
export function productionEventsMapper(): TableMapper {
  return {
    source: 'production_events',
    target: TARGETS.order_events,
    uses: ['id', 'order_id', 'event_type', 'description', 'timestamp'],
    prepare(row, ctx) {
      const r = new RowReader('production_events', row.values, ctx);
      const data: { [k: string]: Json } = {};
      const legacyType = r.raw('event_type');
      if (legacyType !== null) data.legacyType = String(legacyType);
      const description = r.freeText('description');
      if (description !== null) data.description = description;
      return r.result(row.key, {
        order_id: r.ref('order_id', 'order_id', 'production_orders'),
        event_type: r.enumValue('event_type', EVENT_TYPE),
        at: r.instant('timestamp'),
        user_id: null,
        data,
      });
    },
  };
}
