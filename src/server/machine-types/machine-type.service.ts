import type { Kysely } from 'kysely';
import type {
  CreateMachineTypeBody,
  MachineType,
  UpdateMachineTypeBody,
} from '../../common/api/machine-types.js';
import type { RequestContext } from '../auth/actor.js';
import { recordAudit } from '../audit/audit.repository.js';
import { translateDbError } from '../db/db-errors.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import * as repo from './machine-type.repository.js';
import { presentMachineType } from './machine-type.presenter.js';

const NOT_FOUND = (id: number) => new AppError('not_found', `Machine type ${id} does not exist`);
const fail = (e: unknown) => translateDbError(e, 'machine type');

export async function listMachineTypes(db: Kysely<Database>): Promise<MachineType[]> {
  return (await repo.listMachineTypes(db)).map(presentMachineType);
}

export async function createMachineType(
  db: Kysely<Database>,
  ctx: RequestContext,
  body: CreateMachineTypeBody,
): Promise<MachineType> {
  return db
    .transaction()
    .execute(async (trx) => {
      const row = await repo.insertMachineType(trx, {
        code: body.code,
        name: body.name,
        description: body.description ?? null,
      });
      const after = presentMachineType(row);
      await recordAudit(trx, ctx, {
        action: 'create',
        entityType: 'machine_type',
        entityId: row.id,
        after,
      });
      return after;
    })
    .catch(fail);
}

export async function updateMachineType(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: number,
  body: UpdateMachineTypeBody,
): Promise<MachineType> {
  return db
    .transaction()
    .execute(async (trx) => {
      const current = await repo.findMachineType(trx, id, true);
      if (!current) throw NOT_FOUND(id);
      const before = presentMachineType(current);
      const changes = { code: body.code, name: body.name, description: body.description };
      if (Object.values(changes).every((v) => v === undefined)) return before;
      const after = presentMachineType(await repo.updateMachineType(trx, id, changes));
      await recordAudit(trx, ctx, {
        action: 'update',
        entityType: 'machine_type',
        entityId: id,
        before,
        after,
      });
      return after;
    })
    .catch(fail);
}

/** Only a type no machine (retired ones included) is of can be deleted. */
export async function deleteMachineType(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: number,
): Promise<void> {
  await db
    .transaction()
    .execute(async (trx) => {
      const current = await repo.findMachineType(trx, id, true);
      if (!current) throw NOT_FOUND(id);
      const used = await repo.countMachinesOfType(trx, id);
      if (used > 0) {
        throw new AppError(
          'conflict',
          `Machine type ${current.code} is in use by ${used} machine(s) and cannot be deleted`,
        );
      }
      await repo.deleteMachineType(trx, id);
      await recordAudit(trx, ctx, {
        action: 'delete',
        entityType: 'machine_type',
        entityId: id,
        before: presentMachineType(current),
      });
    })
    .catch(fail);
}
