import type { Kysely } from 'kysely';
import type {
  CreateMachineBody,
  Machine,
  MachineListQuery,
  UpdateMachineBody,
} from '../../common/api/machines.js';
import type { RequestContext } from '../auth/actor.js';
import { isForeignKeyViolation, translateDbError } from '../db/db-errors.js';
import type { Database, Staffing } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import {
  loadMachine,
  lockForChange,
  machineNotFound,
  recordMachineChange,
} from './machine.changes.js';
import { presentMachine } from './machine.presenter.js';
import * as repo from './machine.repository.js';

const fail = (e: unknown) => translateDbError(e, 'machine');

export async function listMachines(
  db: Kysely<Database>,
  timeZone: string,
  q: MachineListQuery,
): Promise<Machine[]> {
  const rows = await repo.findMachines(db, {
    environmentId: q.environmentId,
    environmentCode: q.environment,
    status: q.status,
    includeRetired: q.includeRetired ?? false,
  });
  return rows.map((r) => presentMachine(r, timeZone));
}

export const getMachine = (db: Kysely<Database>, timeZone: string, id: number) =>
  loadMachine(db, id, timeZone);

/** The staffing map as stored: only the roles given. */
function storedStaffing(s: CreateMachineBody['staffing']): Staffing {
  const out: Staffing = {};
  for (const [role, n] of Object.entries(s ?? {})) if (n !== undefined) out[role] = n;
  return out;
}

/** 400 naming the field when the environment or machine type does not exist. */
async function checkReferences(
  trx: Kysely<Database>,
  b: { environmentId?: number; machineTypeId?: number | null },
): Promise<void> {
  if (b.environmentId !== undefined && !(await repo.environmentExists(trx, b.environmentId))) {
    throw new AppError('validation_failed', `Environment ${b.environmentId} does not exist`, {
      environmentId: 'does not exist',
    });
  }
  if (
    b.machineTypeId !== undefined &&
    b.machineTypeId !== null &&
    !(await repo.machineTypeExists(trx, b.machineTypeId))
  ) {
    throw new AppError('validation_failed', `Machine type ${b.machineTypeId} does not exist`, {
      machineTypeId: 'does not exist',
    });
  }
}

export async function createMachine(
  db: Kysely<Database>,
  ctx: RequestContext,
  timeZone: string,
  body: CreateMachineBody,
): Promise<Machine> {
  return db
    .transaction()
    .execute(async (trx) => {
      await checkReferences(trx, body);
      const row = await repo.insertMachine(trx, {
        code: body.code,
        name: body.name,
        environment_id: body.environmentId,
        machine_type_id: body.machineTypeId ?? null,
        rated_speed: body.ratedSpeed ?? null,
        staffing: storedStaffing(body.staffing),
        notes: body.notes ?? null,
      });
      const after = await loadMachine(trx, row.id, timeZone);
      await recordMachineChange(trx, ctx, timeZone, {
        action: 'create',
        id: row.id,
        before: null,
        after,
        row,
      });
      return after;
    })
    .catch(fail);
}

export async function updateMachine(
  db: Kysely<Database>,
  ctx: RequestContext,
  timeZone: string,
  id: number,
  body: UpdateMachineBody,
): Promise<Machine> {
  return db
    .transaction()
    .execute(async (trx) => {
      const { before } = await lockForChange(trx, id, timeZone, body.version);
      await checkReferences(trx, body);
      const changes = {
        code: body.code,
        name: body.name,
        environment_id: body.environmentId,
        machine_type_id: body.machineTypeId,
        rated_speed: body.ratedSpeed,
        staffing: body.staffing === undefined ? undefined : storedStaffing(body.staffing),
        notes: body.notes,
      };
      if (Object.values(changes).every((v) => v === undefined)) return before;
      const row = await repo.updateMachine(trx, id, changes);
      const after = await loadMachine(trx, id, timeZone);
      await recordMachineChange(trx, ctx, timeZone, { action: 'update', id, before, after, row });
      return after;
    })
    .catch(fail);
}

const HAS_HISTORY = (code: string) =>
  new AppError(
    'conflict',
    `Machine ${code} has history (orders, stops or labour assignments) and cannot be deleted; retire it instead`,
  );

/** Only a machine nothing refers to can be deleted; one with history is retired instead. */
export async function deleteMachine(
  db: Kysely<Database>,
  ctx: RequestContext,
  timeZone: string,
  id: number,
): Promise<void> {
  let code = String(id);
  await db
    .transaction()
    .execute(async (trx) => {
      const row = await repo.lockMachine(trx, id);
      if (!row) throw machineNotFound(id);
      code = row.code;
      if (await repo.machineHasHistory(trx, id)) throw HAS_HISTORY(row.code);
      const before = await loadMachine(trx, id, timeZone);
      await repo.deleteMachine(trx, id);
      await recordMachineChange(trx, ctx, timeZone, {
        action: 'delete',
        id,
        before,
        after: null,
        row,
      });
    })
    .catch((e: unknown) => {
      if (isForeignKeyViolation(e)) throw HAS_HISTORY(code);
      return fail(e);
    });
}
