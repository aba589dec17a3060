import type { Kysely } from 'kysely';
import type {
  Machine,
  MachineVersionBody,
  SetMachineStatusBody,
} from '../../common/api/machines.js';
import type { RequestContext } from '../auth/actor.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import {
  loadMachine,
  lockForChange,
  recordMachineChange,
  refuseWhileRunning,
} from './machine.changes.js';
import { findOpenStopOnMachine } from '../stops/stop.repository.js';
import * as repo from './machine.repository.js';

/**
 * A supervisor sets available / maintenance / offline. Not while an order runs on the machine
 * (then its status follows the order), nor on a retired machine.
 */
export async function setMachineStatus(
  db: Kysely<Database>,
  ctx: RequestContext,
  timeZone: string,
  id: number,
  body: SetMachineStatusBody,
): Promise<Machine> {
  return db.transaction().execute(async (trx) => {
    const { row: current, before } = await lockForChange(trx, id, timeZone, body.version);
    if (current.retired_at !== null) {
      throw new AppError('conflict', `Machine ${current.code} is retired; unretire it first`);
    }
    await refuseWhileRunning(trx, current, 'its status follows the order');
    if (current.status === body.status) return before;
    const row = await repo.updateMachine(trx, id, { status: body.status });
    const after = await loadMachine(trx, id, timeZone);
    await recordMachineChange(trx, ctx, timeZone, { action: 'status', id, before, after, row });
    return after;
  });
}

/** Retires a machine (kept for its history, off the boards, offline); not while it is busy. */
export async function retireMachine(
  db: Kysely<Database>,
  ctx: RequestContext,
  timeZone: string,
  id: number,
  body: MachineVersionBody | null | undefined,
): Promise<Machine> {
  return db.transaction().execute(async (trx) => {
    const { row: current, before } = await lockForChange(trx, id, timeZone, body?.version);
    if (current.retired_at !== null) {
      throw new AppError('conflict', `Machine ${current.code} is already retired`);
    }
    await refuseWhileRunning(trx, current, 'complete or cancel it before retiring the machine');
    const stop = await findOpenStopOnMachine(trx, id);
    if (stop) {
      throw new AppError(
        'conflict',
        `Machine ${current.code} has an open stop; close it before retiring the machine`,
        undefined,
        { stopId: stop.id },
      );
    }
    const row = await repo.setRetired(trx, id, true);
    const after = await loadMachine(trx, id, timeZone);
    await recordMachineChange(trx, ctx, timeZone, { action: 'retire', id, before, after, row });
    return after;
  });
}

/** Brings a retired machine back, as available. */
export async function unretireMachine(
  db: Kysely<Database>,
  ctx: RequestContext,
  timeZone: string,
  id: number,
  body: MachineVersionBody | null | undefined,
): Promise<Machine> {
  return db.transaction().execute(async (trx) => {
    const { row: current, before } = await lockForChange(trx, id, timeZone, body?.version);
    if (current.retired_at === null) {
      throw new AppError('conflict', `Machine ${current.code} is not retired`);
    }
    const row = await repo.setRetired(trx, id, false);
    const after = await loadMachine(trx, id, timeZone);
    await recordMachineChange(trx, ctx, timeZone, { action: 'unretire', id, before, after, row });
    return after;
  });
}
