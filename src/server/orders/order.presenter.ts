import type { Order, OrderEvent, OrderStop, OrderWaste } from '../../common/api/orders.js';
import { allowedActions } from '../../common/order-lifecycle.js';
import { formatPlantIso } from '../../common/plant-time/index.js';
import type {
  listOrderEvents,
  listOrderStops,
  listOrderWaste,
  OrderViewRow,
} from './order-query.repository.js';

type Row<F extends (...a: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>[number];

const iso = (d: Date, tz: string) => formatPlantIso(d, tz);
const isoOrNull = (d: Date | null, tz: string) => (d === null ? null : formatPlantIso(d, tz));
const person = (id: number | null, name: string | null) =>
  id === null ? null : { id, displayName: name ?? '' };

export function presentOrder(r: OrderViewRow, tz: string): Order {
  const produced = Number(r.produced_quantity);
  const quantity = Number(r.quantity);
  const archived = r.archived_at !== null;
  return {
    id: r.id,
    orderNumber: r.order_number,
    productId: r.product_id,
    productName: r.product_name,
    quantity,
    producedQuantity: produced,
    rejectedQuantity: Number(r.rejected_quantity),
    overProduced: produced > quantity,
    unit: r.unit,
    priority: r.priority,
    dueDate: r.due_date,
    environment: { id: r.environment_id, code: r.environment_code, name: r.environment_name },
    machine:
      r.machine_id === null
        ? null
        : { id: r.machine_id, code: r.machine_code ?? '', name: r.machine_name ?? '' },
    scheduledStart: isoOrNull(r.scheduled_start, tz),
    scheduledEnd: isoOrNull(r.scheduled_end, tz),
    scheduledShift: r.scheduled_shift,
    notes: r.notes,
    status: r.status,
    archived,
    archivedAt: isoOrNull(r.archived_at, tz),
    startedAt: isoOrNull(r.started_at, tz),
    completedAt: isoOrNull(r.completed_at, tz),
    cancelledAt: isoOrNull(r.cancelled_at, tz),
    createdBy: person(r.created_by, r.created_by_name),
    createdAt: iso(r.created_at, tz),
    updatedAt: iso(r.updated_at, tz),
    version: r.version,
    allowedActions: allowedActions(r.status, archived),
  };
}

export const presentEvent = (r: Row<typeof listOrderEvents>, tz: string): OrderEvent => ({
  id: Number(r.id),
  type: r.event_type,
  at: iso(r.at, tz),
  user: person(r.user_id, r.display_name),
  data: r.data,
});

export const presentStop = (r: Row<typeof listOrderStops>, tz: string): OrderStop => ({
  id: r.id,
  machine: { id: r.machine_id, code: r.machine_code, name: r.machine_name },
  reasonId: r.reason_id,
  reasonName: r.reason_name,
  categoryName: r.category_name,
  startedAt: iso(r.started_at, tz),
  endedAt: isoOrNull(r.ended_at, tz),
  durationSeconds: Number(r.duration_seconds),
  open: r.ended_at === null,
  notes: r.notes,
  reportedBy: person(r.reported_by, r.reported_by_name),
});

export const presentWaste = (r: Row<typeof listOrderWaste>, tz: string): OrderWaste => ({
  id: r.id,
  wasteType: r.waste_type,
  quantity: Number(r.quantity),
  unit: r.unit,
  reason: r.reason,
  cost: r.cost === null ? null : Number(r.cost),
  recordedAt: iso(r.recorded_at, tz),
  recordedBy: person(r.recorded_by, r.recorded_by_name),
});
