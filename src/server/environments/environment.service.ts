import type { Kysely } from 'kysely';
import type {
  CreateEnvironmentBody,
  Environment,
  UpdateEnvironmentBody,
} from '../../common/api/environments.js';
import type { RequestContext } from '../auth/actor.js';
import { recordAudit } from '../audit/audit.repository.js';
import { translateDbError } from '../db/db-errors.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import * as repo from './environment.repository.js';
import { presentEnvironment } from './environment.presenter.js';

const NOT_FOUND = (id: number) => new AppError('not_found', `Environment ${id} does not exist`);

export async function listEnvironments(db: Kysely<Database>): Promise<Environment[]> {
  return (await repo.listEnvironments(db)).map(presentEnvironment);
}

export async function createEnvironment(
  db: Kysely<Database>,
  ctx: RequestContext,
  body: CreateEnvironmentBody,
): Promise<Environment> {
  return db
    .transaction()
    .execute(async (trx) => {
      const row = await repo.insertEnvironment(trx, {
        code: body.code,
        name: body.name,
        colour: body.colour ?? null,
        active: body.active ?? true,
        sort_order: body.sortOrder ?? 0,
      });
      const after = presentEnvironment(row);
      await recordAudit(trx, ctx, {
        action: 'create',
        entityType: 'environment',
        entityId: row.id,
        after,
      });
      return after;
    })
    .catch((e: unknown) => translateDbError(e, 'environment'));
}

export async function updateEnvironment(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: number,
  body: UpdateEnvironmentBody,
): Promise<Environment> {
  return db
    .transaction()
    .execute(async (trx) => {
      const current = await repo.findEnvironment(trx, id, true);
      if (!current) throw NOT_FOUND(id);
      const before = presentEnvironment(current);
      const changes = {
        code: body.code,
        name: body.name,
        colour: body.colour,
        active: body.active,
        sort_order: body.sortOrder,
      };
      if (Object.values(changes).every((v) => v === undefined)) return before;
      const row = await repo.updateEnvironment(trx, id, changes);
      const after = presentEnvironment(row);
      await recordAudit(trx, ctx, {
        action: 'update',
        entityType: 'environment',
        entityId: id,
        before,
        after,
      });
      return after;
    })
    .catch((e: unknown) => translateDbError(e, 'environment'));
}

/** Only an environment nothing refers to can be deleted; otherwise deactivate it. */
export async function deleteEnvironment(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: number,
): Promise<void> {
  await db
    .transaction()
    .execute(async (trx) => {
      const current = await repo.findEnvironment(trx, id, true);
      if (!current) throw NOT_FOUND(id);
      await repo.deleteEnvironment(trx, id);
      await recordAudit(trx, ctx, {
        action: 'delete',
        entityType: 'environment',
        entityId: id,
        before: presentEnvironment(current),
      });
    })
    .catch((e: unknown) => translateDbError(e, 'environment'));
}
