import { STAFFING_ROLES, type Machine, type Staffing } from '../../common/api/machines.js';
import { formatPlantIso } from '../../common/plant-time/index.js';
import type { JsonObject, Staffing as StoredStaffing } from '../db/schema.js';
import type { MachineRow, MachineTableRow } from './machine.repository.js';

/** The known roles with a whole head count; anything else in the column is left out. */
export function presentStaffing(s: StoredStaffing): Staffing {
  const out: Staffing = {};
  for (const role of STAFFING_ROLES) {
    const n = s[role];
    if (typeof n === 'number' && Number.isInteger(n)) out[role] = n;
  }
  return out;
}

const num = (v: string | null) => (v === null ? null : Number(v));

export function presentMachine(r: MachineRow, timeZone: string): Machine {
  const iso = (d: Date) => formatPlantIso(d, timeZone);
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    environment: { id: r.environment_id, code: r.env_code, name: r.env_name, colour: r.env_colour },
    type:
      r.machine_type_id === null || r.type_code === null || r.type_name === null
        ? null
        : { id: r.machine_type_id, code: r.type_code, name: r.type_name },
    status: r.status,
    ratedSpeed: num(r.rated_speed),
    staffing: presentStaffing(r.staffing),
    notes: r.notes,
    retiredAt: r.retired_at ? iso(r.retired_at) : null,
    version: r.version,
    runningOrder:
      r.order_id === null
        ? null
        : {
            id: r.order_id,
            orderNumber: r.order_number ?? '',
            productName: r.product_name ?? '',
            status: r.order_status === 'paused' ? 'paused' : 'in_progress',
            quantity: Number(r.order_quantity),
            producedQuantity: Number(r.produced_quantity),
            unit: r.order_unit ?? 'units',
            startedAt: r.order_started_at ? iso(r.order_started_at) : null,
          },
    openStop:
      r.stop_id === null || r.stop_started_at === null
        ? null
        : {
            id: r.stop_id,
            orderId: r.stop_order_id,
            startedAt: iso(r.stop_started_at),
            reason:
              r.reason_id === null || r.reason_code === null || r.reason_name === null
                ? null
                : {
                    id: r.reason_id,
                    code: r.reason_code,
                    name: r.reason_name,
                    categoryName: r.category_name ?? '',
                    planned: r.category_planned ?? false,
                  },
            notes: r.stop_notes,
          },
  };
}

/** The fields of the row itself, for the event payload. */
export function machineEvent(r: MachineTableRow, action: string, timeZone: string): JsonObject {
  return {
    action,
    machineId: r.id,
    code: r.code,
    environmentId: r.environment_id,
    status: r.status,
    retiredAt: r.retired_at ? formatPlantIso(r.retired_at, timeZone) : null,
    version: r.version,
  };
}
