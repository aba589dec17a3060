import type { AssessContext } from '../../rules/context.js';
import type { SourceTable } from '../../source/schema.js';
import { parseLegacyNumber } from '../../values/number.js';
import { instantText } from '../instant.js';
import type { Lane, MapContext } from '../mapping.js';
import { digestOf } from '../mappers/assessed.js';
import { stamps, txt } from '../mappers/values.js';
import { targetRow } from '../settle.js';
import { TARGETS } from '../targets.js';
import { hasExactly, plainId, plainInstant, plainRef } from './common.js';

const COLUMNS = ['id', 'order_id', 'waste_amount', 'reason', 'timestamp'];

/**
 * waste_records → waste for plain rows: an imported order, a positive amount with no unit,
 * a reason that is text or NULL, a time that parses. test/legacy/lanes.test.ts holds it to what
 * the rules, the builder and settle make of the same rows.
 */
export function wasteRecordsLane(
  table: SourceTable,
  actx: AssessContext,
  ctx: MapContext,
): Lane | null {
  if (!hasExactly(table, COLUMNS)) return null;
  const base = ctx.timeBase('waste_records', 'timestamp');
  const stamp = stamps(ctx);
  return (row) => {
    const v = row.values;
    const id = plainId(row);
    if (id === undefined) return null;
    const order = plainRef(row, 'order_id', 'production_orders', actx);
    if (order === null || order === undefined) return null;
    const amount = parseLegacyNumber(v.waste_amount);
    if (amount.kind !== 'number' || amount.sign <= 0) return null;
    if (v.reason !== null && typeof v.reason !== 'string') return null;
    const at = plainInstant(v.timestamp, base, ctx.zone);
    if (!at) return null;
    return {
      kind: 'ready',
      id,
      values: targetRow(
        TARGETS.waste,
        id,
        {
          order_id: order,
          waste_type: 'other',
          quantity: amount.value,
          unit: 'units',
          reason: txt(v.reason),
          cost: null,
          recorded_at: instantText(at),
          recorded_by: null,
          ...stamp,
        },
        'waste_records',
      ),
      digest: digestOf({
        imported: true,
        derived: { unit: 'units', waste_type: 'other' },
        issues: [],
      }),
    };
  };
}
