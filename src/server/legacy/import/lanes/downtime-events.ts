import type { AssessContext } from '../../rules/context.js';
import type { SourceTable } from '../../source/schema.js';
import { categoryOfReasonCode, normaliseReasonCode } from '../../values/reason-tree.js';
import { instantText } from '../instant.js';
import type { Lane, MapContext } from '../mapping.js';
import { digestOf } from '../mappers/assessed.js';
import { stamps, txt } from '../mappers/values.js';
import { targetRow } from '../settle.js';
import { TARGETS } from '../targets.js';
import { hasExactly, plainClosedInterval, plainId, plainRef } from './common.js';

const COLUMNS = [
  'id',
  'order_id',
  'machine_id',
  'start_time',
  'end_time',
  'reason_code',
  'root_cause',
  'notes',
];

/** downtime_events ids follow production_stops' in stops (catalog: idOffset). */
const OFFSET = 1_000_000_000n;

const textOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

/**
 * downtime_events → stops for plain rows: closed downtime (an open one takes part in the one open
 * stop per machine rule) of an imported machine named on the row, an order that is imported or
 * none, times that parse and end after the start, texts that are text or NULL (the reason still
 * found or created by code). test/legacy/lanes.test.ts holds it to what the rules, the builder
 * and settle make of the same rows.
 */
export function downtimeEventsLane(
  table: SourceTable,
  actx: AssessContext,
  ctx: MapContext,
): Lane | null {
  if (!hasExactly(table, COLUMNS)) return null;
  const bases = {
    start: ctx.timeBase('downtime_events', 'start_time'),
    end: ctx.timeBase('downtime_events', 'end_time'),
  };
  const stamp = stamps(ctx);
  return (row) => {
    const v = row.values;
    const id = plainId(row, OFFSET);
    if (id === undefined) return null;
    const machine = plainRef(row, 'machine_id', 'machines', actx);
    const order = plainRef(row, 'order_id', 'production_orders', actx);
    if (machine === null || machine === undefined || order === undefined) return null;
    const interval = plainClosedInterval(v.start_time, v.end_time, bases, ctx.zone);
    if (!interval) return null;
    if (!textOrNull(v.reason_code) || !textOrNull(v.root_cause) || !textOrNull(v.notes)) {
      return null;
    }
    const code = normaliseReasonCode(v.reason_code);
    const category = code === null ? null : categoryOfReasonCode(code);
    const parts = [v.notes, v.root_cause && `Root cause: ${v.root_cause}`];
    const notes = parts.filter((p): p is string => !!p && p.trim() !== '').join('\n') || null;
    return {
      kind: 'ready',
      id,
      values: targetRow(
        TARGETS.stops,
        id,
        {
          machine_id: machine,
          order_id: order,
          reason_id: null,
          started_at: instantText(interval.started),
          ended_at: instantText(interval.ended),
          reported_by: null,
          updated_by: null,
          ...stamp,
          notes: txt(notes),
        },
        'downtime_events',
      ),
      ensures: code
        ? [{ column: 'reason_id', kind: 'reason', code, name: code, parent: category ?? 'LEGACY' }]
        : [],
      digest: digestOf({
        imported: true,
        derived: {
          id: id.toString(),
          machine_id: machine.toString(),
          reason_code: code,
          reason_category: category,
          notes,
        },
        issues: [],
      }),
    };
  };
}
