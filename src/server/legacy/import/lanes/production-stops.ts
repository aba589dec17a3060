import type { AssessContext } from '../../rules/context.js';
import { truthy } from '../../rules/row.js';
import type { SourceTable } from '../../source/schema.js';
import { STOP_CATEGORY } from '../../values/reason-tree.js';
import { instantText } from '../instant.js';
import type { Lane, MapContext } from '../mapping.js';
import { freeTextReasonCode } from '../mappers/common.js';
import { stamps, txt } from '../mappers/values.js';
import { targetRow } from '../settle.js';
import { TARGETS } from '../targets.js';
import {
  hasExactly,
  INT4_MAX,
  plainClosedInterval,
  plainEnum,
  plainId,
  plainRef,
} from './common.js';

const COLUMNS = [
  'id',
  'order_id',
  'start_time',
  'end_time',
  'reason',
  'category',
  'notes',
  'reported_by',
];

/**
 * production_stops → stops for plain rows: closed stops (an open one takes part in the one open
 * stop per machine rule, which the rules decide) of an imported order whose machine is imported,
 * times that parse and end after the start, a reason that is text or NULL (its reason is still
 * found or created by code). test/legacy/lanes.test.ts holds it to what the rules, the builder
 * and settle make of the same rows.
 */
export function productionStopsLane(
  table: SourceTable,
  actx: AssessContext,
  ctx: MapContext,
): Lane | null {
  if (!hasExactly(table, COLUMNS)) return null;
  const bases = {
    start: ctx.timeBase('production_stops', 'start_time'),
    end: ctx.timeBase('production_stops', 'end_time'),
  };
  const stamp = stamps(ctx);
  return (row) => {
    const v = row.values;
    const id = plainId(row);
    if (id === undefined) return null;
    const order = plainRef(row, 'order_id', 'production_orders', actx);
    const reportedBy = plainRef(row, 'reported_by', 'users', actx);
    if (order === null || order === undefined || reportedBy === undefined) return null;
    const machine = row.joined.order_machine;
    if (typeof machine !== 'bigint' || machine < 1n || machine > INT4_MAX) return null;
    if (!truthy(row.joined.order_machine_ok)) return null;
    if (actx.quarantined.get('machines')?.has(machine.toString())) return null;
    const interval = plainClosedInterval(v.start_time, v.end_time, bases, ctx.zone);
    if (!interval) return null;
    const category = plainEnum(STOP_CATEGORY, v.category);
    if (category === undefined) return null;
    if (v.reason !== null && typeof v.reason !== 'string') return null;
    if (v.notes !== null && typeof v.notes !== 'string') return null;
    const reasonCategory = category ?? 'LEGACY';
    const reasonText = v.reason?.trim() || null;
    const text = txt(reasonText)?.trim().slice(0, 200) ?? null;
    return {
      kind: 'ready',
      id,
      values: targetRow(
        TARGETS.stops,
        id,
        {
          machine_id: Number(machine),
          order_id: order,
          reason_id: null,
          started_at: instantText(interval.started),
          ended_at: instantText(interval.ended),
          reported_by: reportedBy,
          updated_by: null,
          ...stamp,
          notes: txt(v.notes),
        },
        'production_stops',
      ),
      ensures: text
        ? [
            {
              column: 'reason_id',
              kind: 'reason',
              code: freeTextReasonCode(reasonCategory, text),
              name: text,
              parent: reasonCategory,
            },
          ]
        : [],
      // digestOf({ imported: true, derived: { id: id.toString(), machine_id:
      // machine.toString(), reason_category: reasonCategory, reason_text: reasonText },
      // issues: [] }) written out (the equivalence test compares row hashes).
      digest: `1\u001d{id:"${id}",machine_id:"${machine}",reason_category:${JSON.stringify(reasonCategory)},reason_text:${JSON.stringify(reasonText)}}\u001d`,
    };
  };
}
