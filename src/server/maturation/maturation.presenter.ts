import type {
  MaturationBatch,
  MaturationCheck,
  OverdueReason,
} from '../../common/api/maturation.js';
import { formatPlantIso } from '../../common/plant-time/index.js';
import type { BatchRow, BatchViewRow, CheckViewRow } from './maturation.repository.js';

const num = (v: string | null) => (v === null ? null : Number(v));

export function presentBatch(r: BatchViewRow, timeZone: string): MaturationBatch {
  return {
    id: r.id,
    batchNumber: r.batch_number,
    product:
      r.product_id !== null && r.product_code !== null && r.product_name !== null
        ? { id: r.product_id, code: r.product_code, name: r.product_name }
        : null,
    blendName: r.blend_name,
    quantity: Number(r.quantity),
    actualQuantity: num(r.actual_quantity),
    unit: r.unit,
    startedOn: r.started_on,
    expectedDays: r.expected_days,
    readyOn: r.ready_on,
    daysIn: r.days_in,
    status: r.status,
    overdue: r.overdue,
    lastCheckDate: r.last_check_date ?? null,
    checkDueToday: r.check_due,
    completedAt: r.completed_at ? formatPlantIso(r.completed_at, timeZone) : null,
    notes: r.notes,
    version: r.version,
    createdAt: formatPlantIso(r.created_at, timeZone),
    updatedAt: formatPlantIso(r.updated_at, timeZone),
  };
}

export function overdueReasons(b: MaturationBatch): OverdueReason[] {
  const reasons: OverdueReason[] = [];
  if (b.overdue) reasons.push('past_ready_date');
  if (b.checkDueToday) reasons.push('no_check_today');
  return reasons;
}

export function presentCheck(r: CheckViewRow, timeZone: string): MaturationCheck {
  const readings: Record<string, number> = {};
  for (const [k, v] of Object.entries(r.readings)) if (typeof v === 'number') readings[k] = v;
  return {
    id: r.id,
    batchId: r.batch_id,
    checkDate: r.check_date,
    checkedAt: formatPlantIso(r.checked_at, timeZone),
    temperature: num(r.temperature),
    humidity: num(r.humidity),
    ph: num(r.ph),
    readings,
    notes: r.notes,
    checkedBy:
      r.checked_by !== null && r.checker_name !== null
        ? { id: r.checked_by, displayName: r.checker_name }
        : null,
  };
}

/** The stored fields, for the audit log's before/after. */
export function auditBatch(r: BatchRow) {
  return {
    batchNumber: r.batch_number,
    productId: r.product_id,
    blendName: r.blend_name,
    quantity: r.quantity,
    actualQuantity: r.actual_quantity,
    unit: r.unit,
    startedOn: r.started_on,
    expectedDays: r.expected_days,
    status: r.status,
    notes: r.notes,
    version: r.version,
  };
}
