import type { Kysely } from 'kysely';
import type { Machine } from '../../common/api/machines.js';
import type { RequestContext } from '../auth/actor.js';
import { publishEvent, recordAudit } from '../audit/audit.repository.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { machineEvent, presentMachine } from './machine.presenter.js';
import * as repo from './machine.repository.js';

export const machineNotFound = (id: number) =>
  new AppError('not_found', `Machine ${id} does not exist`);

/** The machine as the API shows it (with running order and open stop); 404 when missing. */
export async function loadMachine(
  db: Kysely<Database>,
  id: number,
  timeZone: string,
): Promise<Machine> {
  const [row] = await repo.findMachines(db, { id });
  if (!row) throw machineNotFound(id);
  return presentMachine(row, timeZone);
}

/**
 * Locks the machine row for the change and checks the version the client based it on:
 * a stale version is a 409 carrying the current machine.
 */
export async function lockForChange(
  trx: Kysely<Database>,
  id: number,
  timeZone: string,
  version: number | undefined,
) {
  const row = await repo.lockMachine(trx, id);
  if (!row) throw machineNotFound(id);
  const before = await loadMachine(trx, id, timeZone);
  if (version !== undefined && version !== row.version) {
    throw new AppError(
      'conflict',
      `Machine ${row.code} was changed by someone else (version ${row.version}, not ${version}); reload it`,
      undefined,
      { current: before },
    );
  }
  return { row, before };
}

/** 409 when an order is running (in progress or paused) on the machine. */
export async function refuseWhileRunning(
  trx: Kysely<Database>,
  machine: { id: number; code: string },
  what: string,
): Promise<void> {
  const order = await repo.runningOrderOn(trx, machine.id);
  if (order) {
    throw new AppError(
      'conflict',
      `Order ${order.order_number} is ${order.status === 'paused' ? 'paused' : 'running'} on machine ${machine.code}: ${what}`,
      undefined,
      { orderId: order.id },
    );
  }
}

/** Audit record and live-board event of a machine change, in the change's transaction. */
export async function recordMachineChange(
  trx: Kysely<Database>,
  ctx: RequestContext,
  timeZone: string,
  change: {
    action: string;
    id: number;
    before: Machine | null;
    after: Machine | null;
    row: repo.MachineTableRow;
  },
): Promise<void> {
  await recordAudit(trx, ctx, {
    action: change.action,
    entityType: 'machine',
    entityId: change.id,
    before: change.before,
    after: change.after,
  });
  await publishEvent(trx, 'machine.updated', machineEvent(change.row, change.action, timeZone));
}
