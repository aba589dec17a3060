import {
  allowedActions,
  canApply,
  type OrderAction,
  type OrderStatus,
} from '../../common/order-lifecycle.js';
import { AppError } from '../http/app-error.js';
import { presentOrder } from './order.presenter.js';
import type { OrderViewRow } from './order-query.repository.js';

/**
 * The server's guard over the shared lifecycle (src/common/order-lifecycle.ts): turns a
 * forbidden transition or a stale version into the API's 409.
 */

const VERB: Record<OrderAction, string> = {
  release: 'released',
  start: 'started',
  pause: 'paused',
  resume: 'resumed',
  count: 'counted',
  complete: 'completed',
  cancel: 'cancelled',
  archive: 'archived',
  restore: 'restored',
};

export function describeState(status: OrderStatus, archived: boolean): string {
  return archived ? `${status.replace('_', ' ')} and archived` : status.replace('_', ' ');
}

export function conflictDetails(row: OrderViewRow) {
  const archived = row.archived_at !== null;
  return { currentStatus: row.status, allowedActions: allowedActions(row.status, archived) };
}

/** 409 unless `action` is allowed from the order's current state. */
export function assertCan(action: OrderAction, row: OrderViewRow): void {
  const archived = row.archived_at !== null;
  if (canApply(action, row.status, archived)) return;
  throw new AppError(
    'conflict',
    `Order ${row.order_number} is ${describeState(row.status, archived)}; it cannot be ${VERB[action]}`,
    undefined,
    conflictDetails(row),
  );
}

/** 409 with the current order when the client's version is not the stored one. */
export function assertVersion(row: OrderViewRow, version: number | undefined, tz: string): void {
  if (version === undefined || version === row.version) return;
  throw new AppError(
    'conflict',
    `Order ${row.order_number} was changed by someone else (version ${row.version}, not ${version}); reload it`,
    { version: 'is stale' },
    { ...conflictDetails(row), current: presentOrder(row, tz) },
  );
}
