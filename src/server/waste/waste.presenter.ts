import type { Waste, WasteTotal } from '../../common/api/waste.js';
import { formatPlantIso } from '../../common/plant-time/index.js';
import type { WasteRow, WasteViewRow } from './waste.repository.js';

export function presentWaste(r: WasteViewRow, timeZone: string): Waste {
  return {
    id: r.id,
    order: { id: r.order_id, number: r.order_number, productName: r.product_name },
    wasteType: r.waste_type,
    quantity: Number(r.quantity),
    unit: r.unit,
    reason: r.reason,
    cost: r.cost === null ? null : Number(r.cost),
    recordedAt: formatPlantIso(r.recorded_at, timeZone),
    recordedBy:
      r.recorded_by !== null && r.recorder_name !== null
        ? { id: r.recorded_by, displayName: r.recorder_name }
        : null,
  };
}

export function presentTotal(r: {
  waste_type: WasteTotal['wasteType'];
  unit: string;
  quantity: string;
  cost: string | null;
  count: string | number;
}): WasteTotal {
  return {
    wasteType: r.waste_type,
    unit: r.unit,
    quantity: Number(r.quantity),
    cost: r.cost === null ? null : Number(r.cost),
    count: Number(r.count),
  };
}

/** The stored fields, for the audit log's before/after. */
export function auditWaste(r: WasteRow, timeZone: string) {
  return {
    orderId: r.order_id,
    wasteType: r.waste_type,
    quantity: r.quantity,
    unit: r.unit,
    reason: r.reason,
    cost: r.cost,
    recordedAt: formatPlantIso(r.recorded_at, timeZone),
    recordedBy: r.recorded_by,
  };
}
