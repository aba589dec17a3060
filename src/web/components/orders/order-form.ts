import type { CreateOrderBody, Order, UpdateOrderBody } from '../../../common/api/orders.js';
import {
  editableFields,
  type OrderPriority,
  type PlannedField,
} from '../../../common/order-lifecycle.js';
import {
  formatPlantIso,
  fromPlantWallClock,
  toPlantWallClock,
} from '../../../common/plant-time/index.js';
import { toNumber } from './format.js';

/** The order form as the inputs hold it (strings; times as plant wall clock 'YYYY-MM-DDTHH:mm'). */
export interface OrderForm {
  orderNumber: string;
  productId: number | null;
  productName: string;
  quantity: string | number;
  unit: string;
  priority: OrderPriority;
  dueDate: string;
  environmentId: string | null;
  scheduledStart: string;
  scheduledEnd: string;
  scheduledShift: string;
  notes: string;
  draft: boolean;
}

export const EMPTY_FORM: OrderForm = {
  orderNumber: '',
  productId: null,
  productName: '',
  quantity: '',
  unit: 'units',
  priority: 'normal',
  dueDate: '',
  environmentId: null,
  scheduledStart: '',
  scheduledEnd: '',
  scheduledShift: '',
  notes: '',
  draft: false,
};

function wall(iso: string | null, zone: string): string {
  return iso ? toPlantWallClock(iso, zone).slice(0, 16) : '';
}

function instant(local: string, zone: string): string | null {
  if (local === '') return null;
  try {
    return formatPlantIso(fromPlantWallClock(local, zone), zone);
  } catch {
    return null;
  }
}

export function formFromOrder(order: Order, zone: string): OrderForm {
  return {
    orderNumber: order.orderNumber,
    productId: order.productId,
    productName: order.productName,
    quantity: order.quantity,
    unit: order.unit,
    priority: order.priority,
    dueDate: order.dueDate ?? '',
    environmentId: String(order.environment.id),
    scheduledStart: wall(order.scheduledStart, zone),
    scheduledEnd: wall(order.scheduledEnd, zone),
    scheduledShift: order.scheduledShift ?? '',
    notes: order.notes ?? '',
    draft: order.status === 'draft',
  };
}

/** The planned fields as the API names them, from the form. */
function plannedValues(form: OrderForm, zone: string) {
  return {
    orderNumber: form.orderNumber.trim(),
    productId: form.productId,
    productName: form.productName.trim(),
    quantity: toNumber(form.quantity) ?? Number.NaN,
    unit: form.unit.trim() || 'units',
    priority: form.priority,
    dueDate: form.dueDate === '' ? null : form.dueDate,
    environmentId: Number(form.environmentId),
    scheduledStart: instant(form.scheduledStart, zone),
    scheduledEnd: instant(form.scheduledEnd, zone),
    scheduledShift: form.scheduledShift.trim() === '' ? null : form.scheduledShift.trim(),
    notes: form.notes.trim() === '' ? null : form.notes.trim(),
  } satisfies Record<PlannedField, unknown>;
}

export function createBody(form: OrderForm, zone: string): CreateOrderBody {
  const v = plannedValues(form, zone);
  return {
    ...v,
    productId: v.productId ?? undefined,
    draft: form.draft || undefined,
  };
}

/** Only what changed and may change in the order's state, with the version it was based on. */
export function updateBody(
  order: Order,
  initial: OrderForm,
  form: OrderForm,
  zone: string,
): UpdateOrderBody {
  const before = plannedValues(initial, zone);
  const after = plannedValues(form, zone);
  const body: Record<string, unknown> = {};
  for (const field of editableFields(order.status, order.archived)) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) body[field] = after[field];
  }
  return { ...(body as UpdateOrderBody), version: order.version };
}
