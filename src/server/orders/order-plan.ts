import type { Kysely } from 'kysely';
import type { UpdateOrderBody } from '../../common/api/orders.js';
import type { PlannedField } from '../../common/order-lifecycle.js';
import { formatPlantIso } from '../../common/plant-time/index.js';
import type { Database, JsonObject, JsonValue } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import type { OrderViewRow } from './order-query.repository.js';
import * as repo from './order.repository.js';

/** The planned fields of an order: checks of what they refer to, and what a change changes. */

export type Plan = Omit<UpdateOrderBody, 'draft' | 'version'>;

const invalid = (field: string, why: string) =>
  new AppError('validation_failed', `Invalid request: ${field} ${why}`, { [field]: why });

/** Checks product, environment, shift and schedule of the plan as it will be (400 naming the field). */
export async function checkPlan(
  db: Kysely<Database>,
  given: Plan,
  merged: { scheduledStart: string | Date | null; scheduledEnd: string | Date | null },
) {
  const product =
    given.productId === undefined || given.productId === null
      ? null
      : await repo.findProduct(db, given.productId);
  if (given.productId && !product) throw invalid('productId', 'does not exist');
  if (given.environmentId !== undefined && !(await repo.environmentExists(db, given.environmentId)))
    throw invalid('environmentId', 'does not exist');
  if (
    given.scheduledShift !== undefined &&
    given.scheduledShift !== null &&
    !(await repo.shiftExists(db, given.scheduledShift))
  )
    throw invalid('scheduledShift', 'is not a shift of the plant');
  const { scheduledStart: s, scheduledEnd: e } = merged;
  if (s !== null && e !== null && new Date(e).getTime() <= new Date(s).getTime())
    throw invalid('scheduledEnd', 'must be after scheduledStart');
  return { product };
}

/** The plan as database columns. */
export function planColumns(p: Plan): repo.OrderChanges {
  return {
    order_number: p.orderNumber,
    product_id: p.productId,
    product_name: p.productName,
    quantity: p.quantity === undefined ? undefined : String(p.quantity),
    unit: p.unit,
    priority: p.priority,
    due_date: p.dueDate,
    environment_id: p.environmentId,
    scheduled_start: p.scheduledStart,
    scheduled_end: p.scheduledEnd,
    scheduled_shift: p.scheduledShift,
    notes: p.notes,
  };
}

/** The stored value of a planned field, as the API shows it. */
function current(row: OrderViewRow, f: PlannedField, tz: string): JsonValue {
  const at = (d: Date | null) => (d === null ? null : formatPlantIso(d, tz));
  switch (f) {
    case 'orderNumber':
      return row.order_number;
    case 'productId':
      return row.product_id;
    case 'productName':
      return row.product_name;
    case 'quantity':
      return Number(row.quantity);
    case 'unit':
      return row.unit;
    case 'priority':
      return row.priority;
    case 'dueDate':
      return row.due_date;
    case 'environmentId':
      return row.environment_id;
    case 'scheduledStart':
      return at(row.scheduled_start);
    case 'scheduledEnd':
      return at(row.scheduled_end);
    case 'scheduledShift':
      return row.scheduled_shift;
    case 'notes':
      return row.notes;
  }
}

const INSTANTS: readonly PlannedField[] = ['scheduledStart', 'scheduledEnd'];

/** field → {from, to} for the fields of `p` whose value really changes. */
export function planDiff(row: OrderViewRow, p: Plan, tz: string): Record<string, JsonObject> {
  const diff: Record<string, JsonObject> = {};
  for (const [k, v] of Object.entries(p) as [PlannedField, JsonValue | undefined][]) {
    if (v === undefined) continue;
    const from = current(row, k, tz);
    const to = INSTANTS.includes(k) && typeof v === 'string' ? formatPlantIso(new Date(v), tz) : v;
    if (from !== to) diff[k] = { from, to };
  }
  return diff;
}
