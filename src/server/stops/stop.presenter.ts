import type { Stop } from '../../common/api/stops.js';
import { formatPlantIso } from '../../common/plant-time/index.js';
import type { StopRow } from './stop.repository.js';
import type { StopViewRow } from './stop-view.repository.js';

export function presentStop(r: StopViewRow, timeZone: string): Stop {
  return {
    id: r.id,
    machine: {
      id: r.machine_id,
      code: r.machine_code,
      name: r.machine_name,
      environmentId: r.environment_id,
    },
    order:
      r.order_id !== null && r.order_number !== null
        ? { id: r.order_id, number: r.order_number }
        : null,
    reason:
      r.reason_id !== null && r.reason_code !== null && r.reason_name !== null
        ? { id: r.reason_id, code: r.reason_code, name: r.reason_name }
        : null,
    category:
      r.category_id !== null &&
      r.category_code !== null &&
      r.category_name !== null &&
      r.category_planned !== null &&
      r.category_oee_loss !== null
        ? {
            id: r.category_id,
            code: r.category_code,
            name: r.category_name,
            planned: r.category_planned,
            oeeLoss: r.category_oee_loss,
          }
        : null,
    notes: r.notes,
    reportedBy:
      r.reported_by !== null && r.reporter_name !== null
        ? { id: r.reported_by, displayName: r.reporter_name }
        : null,
    startedAt: formatPlantIso(r.started_at, timeZone),
    endedAt: r.ended_at ? formatPlantIso(r.ended_at, timeZone) : null,
    durationSeconds: Number(r.duration_seconds),
    open: r.ended_at === null,
  };
}

/** The stored fields, for the audit log's before/after. */
export function auditStop(r: StopRow, timeZone: string) {
  return {
    machineId: r.machine_id,
    orderId: r.order_id,
    reasonId: r.reason_id,
    notes: r.notes,
    startedAt: formatPlantIso(r.started_at, timeZone),
    endedAt: r.ended_at ? formatPlantIso(r.ended_at, timeZone) : null,
    reportedBy: r.reported_by,
  };
}
