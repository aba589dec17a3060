import { WASTE_TYPE } from '../../values/index.js';
import { parseJsonExact, type Json } from '../json.js';
import type { TableMapper } from '../mapping.js';
import { RowReader } from '../row-reader.js';
import { TARGETS } from '../targets.js';
import { stamps } from './common.js';

/** waste_records → waste (ids kept), type 'other', unit 'units' unless the amount names one. */
export function wasteRecordsMapper(): TableMapper {
  return {
    source: 'waste_records',
    target: TARGETS.waste,
    uses: ['id', 'order_id', 'waste_amount', 'reason', 'timestamp'],
    prepare(row, ctx) {
      const r = new RowReader('waste_records', row.values, ctx);
      const quantity = r.decimal('waste_amount', { min: '>0' });
      return r.result(row.key, {
        order_id: r.ref('order_id', 'order_id', 'production_orders'),
        waste_type: 'other',
        quantity: quantity?.value ?? null,
        unit: (quantity?.unit ?? 'units').slice(0, 32),
        reason: r.freeText('reason'),
        cost: null,
        recorded_at: r.instant('timestamp'),
        recorded_by: null,
        ...stamps(ctx),
      });
    },
  };
}

/** production_waste (later versions) → waste, ids + the shared-target offset. */
export function productionWasteMapper(): TableMapper {
  return {
    source: 'production_waste',
    target: TARGETS.waste,
    uses: [
      'id',
      'order_id',
      'waste_type',
      'quantity',
      'unit',
      'cost',
      'reason',
      'recorded_by',
      'created_at',
    ],
    prepare(row, ctx) {
      const r = new RowReader('production_waste', row.values, ctx);
      const id = row.key + ctx.idOffset('production_waste');
      if (id > 2_147_483_647n) r.problems.push(`id ${row.key} is too large to place among waste`);
      const quantity = r.decimal('quantity', { min: '>0' });
      const unit = r.text('unit', { max: 32 }) ?? quantity?.unit?.slice(0, 32) ?? 'units';
      return r.result(id, {
        order_id: r.ref('order_id', 'order_id', 'production_orders'),
        waste_type: r.enumValue('waste_type', WASTE_TYPE) ?? 'other',
        quantity: quantity?.value ?? null,
        unit,
        reason: r.freeText('reason'),
        cost: r.decimal('cost', { min: '>=0' })?.value ?? null,
        recorded_at: r.instant('created_at'),
        recorded_by: r.ref('recorded_by', 'recorded_by', 'users'),
        ...stamps(ctx),
      });
    },
  };
}

/** JSON text → a JSON value; text that is not JSON is kept as a JSON string. */
function jsonOf(r: RowReader, column: string): Json {
  const v = r.raw(column);
  if (v === null) return null;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return r.freeText(column);
  const parsed = parseJsonExact(v);
  return parsed === undefined ? (r.freeText(column) ?? '') : parsed;
}

/** audit_log → audit_log (ids kept); old/new values as JSON. */
export function auditLogMapper(): TableMapper {
  return {
    source: 'audit_log',
    target: TARGETS.audit_log,
    uses: [
      'id',
      'user_id',
      'action',
      'entity_type',
      'entity_id',
      'old_values',
      'new_values',
      'ip_address',
      'user_agent',
      'timestamp',
    ],
    prepare(row, ctx) {
      const r = new RowReader('audit_log', row.values, ctx);
      return r.result(row.key, {
        at: r.instant('timestamp'),
        user_id: r.ref('user_id', 'user_id', 'users'),
        action: r.text('action', { max: 100 }),
        entity_type: r.text('entity_type', { max: 100 }) ?? 'legacy',
        entity_id: r.decimal('entity_id')?.value ?? null,
        before: jsonOf(r, 'old_values'),
        after: jsonOf(r, 'new_values'),
        request_id: null,
        ip: r.freeText('ip_address'),
        user_agent: r.freeText('user_agent'),
      });
    },
  };
}

/** A table with no home in the new model: copied verbatim into legacy.<table>. */
export function verbatimMapper(source: string): TableMapper {
  return {
    source,
    target: null,
    uses: [],
    prepare: () => ({
      kind: 'draft',
      draft: { id: null, values: {}, refs: [], ensures: [], changes: [] },
    }),
  };
}
