import { tableSpec } from '../../catalog/index.js';
import { duplicateRulesFor, dupColumn } from '../../rules/assess.js';
import type { AssessContext } from '../../rules/context.js';
import { slugify } from '../../rules/slug.js';
import { RUNNING } from '../../rules/tables.js';
import type { SourceTable } from '../../source/schema.js';
import { ORDER_PRIORITY, ORDER_STATUS } from '../../values/enums.js';
import { legacyDay, parseLegacyTime } from '../../values/time.js';
import { instantText } from '../instant.js';
import type { Lane, MapContext } from '../mapping.js';
import { environment, orderCreatedAt } from '../mappers/builders.js';
import { txt } from '../mappers/values.js';
import { targetRow } from '../settle.js';
import { TARGETS } from '../targets.js';
import {
  hasKnown,
  plainCount,
  plainEnum,
  plainId,
  plainInstant,
  plainRef,
  plainText,
} from './common.js';

const COLUMNS = [
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
  'operator_id',
  'start_time',
  'stop_time',
  'complete_time',
  'actual_quantity',
  'stop_reason',
  'created_by',
  'efficiency_percentage',
  'end_time',
];

/**
 * production_orders → production_orders for plain rows: numbers and names that need no repair,
 * known status and priority, references to existing and imported rows, times that parse, no
 * duplicate number, and a status that does not hold a machine (those few go through the rules,
 * which decide the one running order per machine). test/legacy/lanes.test.ts holds it to what
 * the rules, the builder and settle make of the same rows.
 */
export function productionOrdersLane(
  table: SourceTable,
  actx: AssessContext,
  ctx: MapContext,
): Lane | null {
  const documented = tableSpec('production_orders')?.columns.map((c) => c.name) ?? [];
  if (!hasKnown(table, COLUMNS, documented)) return null;
  const base = (column: string) => ctx.timeBase('production_orders', column);
  const [startBase, completeBase, endBase, dueBase] = [
    base('start_time'),
    base('complete_time'),
    base('end_time'),
    base('due_date'),
  ];
  const duplicates = duplicateRulesFor(actx.schema, 'production_orders').map((rule) => ({
    groups: actx.duplicates.get(rule.name),
    column: dupColumn(rule).slice(2),
  }));
  const zone = ctx.zone;
  return (row) => {
    const v = row.values;
    const id = plainId(row);
    if (id === undefined) return null;
    const key = id.toString();
    for (const d of duplicates) {
      const dupKey = row.joined[d.column];
      const group =
        dupKey === null || dupKey === undefined ? undefined : d.groups?.get(String(dupKey));
      if (group && group.first !== key) return null;
    }
    const number = plainText(v.order_number, 64);
    const product = plainText(v.product_name, 200);
    const quantity = plainCount(v.quantity, 1n);
    const produced = v.actual_quantity === null ? '0' : plainCount(v.actual_quantity, 0n);
    const status = plainEnum(ORDER_STATUS, v.status);
    const priority = plainEnum(ORDER_PRIORITY, v.priority);
    const area = slugify(v.environment);
    if (number === undefined || product === undefined || quantity === undefined) return null;
    if (produced === undefined || status === undefined || priority === undefined) return null;
    if (area === null || status === null || priority === null || RUNNING.has(status)) return null;
    if (v.notes !== null && typeof v.notes !== 'string') return null;
    const machine = plainRef(row, 'machine_id', 'machines', actx);
    const createdBy = plainRef(row, 'created_by', 'users', actx);
    const operator = plainRef(row, 'operator_id', 'operators', actx);
    if (machine === undefined || createdBy === undefined || operator === undefined) return null;
    const started = plainInstant(v.start_time, startBase, zone);
    const completed = plainInstant(v.complete_time, completeBase, zone);
    const ended = plainInstant(v.end_time, endBase, zone);
    if (started === undefined || completed === undefined || ended === undefined) return null;
    let due: string | null = null;
    if (v.due_date !== null && v.due_date !== undefined) {
      const day = legacyDay(parseLegacyTime(v.due_date, dueBase, zone), zone);
      if (day === null || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
      due = day;
    }
    const completedAt = completed ?? ended;
    const createdAt = orderCreatedAt(row, ctx);
    return {
      kind: 'ready',
      id,
      values: targetRow(
        TARGETS.production_orders,
        id,
        {
          order_number: txt(number),
          product_id: null,
          product_name: txt(product),
          quantity,
          produced_quantity: produced,
          rejected_quantity: '0',
          unit: 'units',
          priority,
          due_date: due,
          environment_id: null,
          machine_id: machine,
          scheduled_start: null,
          scheduled_end: null,
          scheduled_shift: null,
          notes: txt(v.notes),
          status,
          started_at: started && instantText(started),
          completed_at: completedAt && instantText(completedAt),
          cancelled_at: null,
          archived_at: null,
          created_by: createdBy,
          version: 1,
          created_at: createdAt,
          updated_at: createdAt,
        },
        'production_orders',
      ),
      ensures: environment(area, v.environment),
      // digestOf({ imported: true, derived: { order_number: number, unit: 'units',
      // produced_quantity: produced, completed_at: completedAt, status }, issues: [] }) written
      // out, keys in its order (the equivalence test compares row hashes).
      digest: `1\u001d{completed_at:${completedAt ? `@${completedAt.getTime()}` : 'null'},order_number:${JSON.stringify(number)},produced_quantity:${JSON.stringify(produced)},status:${JSON.stringify(status)},unit:"units"}\u001d`,
    };
  };
}
