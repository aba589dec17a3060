import type { Kysely } from 'kysely';
import type {
  CreateStopReasonBody,
  StopReason,
  StopReasonCategory,
  UpdateStopReasonBody,
} from '../../common/api/stop-reasons.js';
import type { RequestContext } from '../auth/actor.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import * as repo from './stop-reason.repository.js';
import { presentStopReason, presentTree } from './stop-reason.presenter.js';
import { translateStopReasonError } from './stop-reason.errors.js';

const NOT_FOUND = (id: number) => new AppError('not_found', `Stop reason ${id} does not exist`);
const INHERITED = 'is inherited from the category: change it on the category';

export async function stopReasonTree(
  db: Kysely<Database>,
  includeInactive: boolean,
): Promise<StopReasonCategory[]> {
  return presentTree(await repo.listStopReasons(db, includeInactive));
}

/** The category a reason may be put under; a 400 naming parentId otherwise. */
async function categoryFor(trx: Kysely<Database>, parentId: number) {
  const parent = await repo.findStopReason(trx, parentId);
  if (!parent) {
    throw new AppError('validation_failed', `Category ${parentId} does not exist`, {
      parentId: 'does not exist',
    });
  }
  if (parent.parent_id !== null) {
    throw new AppError(
      'validation_failed',
      `${parent.code} is a reason, not a category: the tree has two levels`,
      { parentId: 'must be a category, not a reason' },
    );
  }
  return parent;
}

export async function createStopReason(
  db: Kysely<Database>,
  ctx: RequestContext,
  body: CreateStopReasonBody,
): Promise<StopReason> {
  return db
    .transaction()
    .execute(async (trx) => {
      const parent = body.parentId === undefined ? null : await categoryFor(trx, body.parentId);
      const row = await repo.insertStopReason(trx, {
        parent_id: parent?.id ?? null,
        code: body.code,
        name: body.name,
        planned: parent ? null : body.planned,
        oee_loss: parent ? null : body.oeeLoss,
        active: body.active,
        sort_order: body.sortOrder,
      });
      const after = presentStopReason(row, parent ?? row);
      await recordAudit(trx, ctx, {
        action: 'create',
        entityType: 'stop_reason',
        entityId: row.id,
        after,
      });
      return after;
    })
    .catch(translateStopReasonError);
}

export async function updateStopReason(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: number,
  body: UpdateStopReasonBody,
): Promise<StopReason> {
  return db
    .transaction()
    .execute(async (trx) => {
      const current = await repo.findStopReason(trx, id, true);
      if (!current) throw NOT_FOUND(id);
      const isCategory = current.parent_id === null;
      if (isCategory && body.parentId !== undefined) {
        throw new AppError('validation_failed', 'A category cannot be put under another one', {
          parentId: 'must be left out for a category',
        });
      }
      if (!isCategory && (body.planned !== undefined || body.oeeLoss !== undefined)) {
        const fields: Record<string, string> = {};
        if (body.planned !== undefined) fields.planned = INHERITED;
        if (body.oeeLoss !== undefined) fields.oeeLoss = INHERITED;
        throw new AppError('validation_failed', `Reason ${current.code} ${INHERITED}`, fields);
      }
      const oldCategory =
        current.parent_id === null ? current : await categoryFor(trx, current.parent_id);
      const newCategory =
        body.parentId === undefined || body.parentId === current.parent_id
          ? oldCategory
          : await categoryFor(trx, body.parentId);
      const before = presentStopReason(current, oldCategory);
      const changes = {
        parent_id: body.parentId,
        code: body.code,
        name: body.name,
        planned: body.planned,
        oee_loss: body.oeeLoss,
        active: body.active,
        sort_order: body.sortOrder,
      };
      if (Object.values(changes).every((v) => v === undefined)) return before;
      const row = await repo.updateStopReason(trx, id, changes);
      const after = presentStopReason(row, isCategory ? row : newCategory);
      await recordAudit(trx, ctx, {
        action: 'update',
        entityType: 'stop_reason',
        entityId: id,
        before,
        after,
      });
      return after;
    })
    .catch(translateStopReasonError);
}

/** Only a node no stop names (and, for a category, with no reasons) can be deleted. */
export async function deleteStopReason(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: number,
): Promise<void> {
  await db
    .transaction()
    .execute(async (trx) => {
      const current = await repo.findStopReason(trx, id, true);
      if (!current) throw NOT_FOUND(id);
      const usage = await repo.usageOf(trx, id);
      if (usage.reasons > 0) {
        throw new AppError(
          'conflict',
          `Category ${current.code} still has ${usage.reasons} reason(s): delete or move them first, or deactivate the category`,
        );
      }
      if (usage.stops > 0) {
        throw new AppError(
          'conflict',
          `Stop reason ${current.code} is used by ${usage.stops} stop(s) and cannot be deleted; deactivate it instead`,
        );
      }
      const category =
        current.parent_id === null ? current : await repo.findStopReason(trx, current.parent_id);
      await repo.deleteStopReason(trx, id);
      await recordAudit(trx, ctx, {
        action: 'delete',
        entityType: 'stop_reason',
        entityId: id,
        before: presentStopReason(current, category),
      });
    })
    .catch(translateStopReasonError);
}
