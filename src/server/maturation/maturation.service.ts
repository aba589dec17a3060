import type { Kysely } from 'kysely';
import {
  MATURATION_TRANSITIONS,
  type CreateMaturationBody,
  type MaturationBatch,
  type MaturationBatchDetail,
  type MaturationList,
  type MaturationListQuery,
  type MaturationOverdue,
  type UpdateMaturationBody,
} from '../../common/api/maturation.js';
import { plantDay } from '../../common/plant-time/index.js';
import type { RequestContext } from '../auth/actor.js';
import { publishEvent, recordAudit } from '../audit/audit.repository.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import * as repo from './maturation.repository.js';
import { auditBatch, overdueReasons, presentBatch, presentCheck } from './maturation.presenter.js';
import { BATCH_NOT_FOUND, checkProduct, translateMaturationError } from './maturation.rules.js';

/** Today in the plant's zone: every "overdue" and "checked today" is about this day. */
export const plantToday = (timeZone: string) => plantDay(new Date(), timeZone);

export async function batchView(
  db: Kysely<Database>,
  id: number,
  timeZone: string,
): Promise<MaturationBatch> {
  const row = await repo.findBatchView(db, id, plantToday(timeZone));
  if (!row) throw BATCH_NOT_FOUND(id);
  return presentBatch(row, timeZone);
}

export async function listBatches(
  db: Kysely<Database>,
  q: MaturationListQuery,
  timeZone: string,
): Promise<MaturationList> {
  const today = plantToday(timeZone);
  const { rows, total } = await repo.listBatchViews(db, q, today);
  return { today, items: rows.map((r) => presentBatch(r, timeZone)), total };
}

export async function listOverdue(
  db: Kysely<Database>,
  timeZone: string,
): Promise<MaturationOverdue> {
  const today = plantToday(timeZone);
  const rows = await repo.listOverdueViews(db, today);
  return {
    today,
    items: rows.map((r) => {
      const b = presentBatch(r, timeZone);
      return { ...b, reasons: overdueReasons(b) };
    }),
  };
}

export async function getBatch(
  db: Kysely<Database>,
  id: number,
  timeZone: string,
): Promise<MaturationBatchDetail> {
  const batch = await batchView(db, id, timeZone);
  const checks = await repo.listCheckViews(db, id);
  return { ...batch, checks: checks.map((c) => presentCheck(c, timeZone)) };
}

function notInFuture(startedOn: string, today: string) {
  if (startedOn > today) {
    throw new AppError('validation_failed', `startedOn ${startedOn} is after today (${today})`, {
      startedOn: 'must not be in the future',
    });
  }
}

async function uniqueNumber(trx: Kysely<Database>, batchNumber: string, selfId?: number) {
  const other = await repo.findBatchByNumber(trx, batchNumber);
  if (other && other.id !== selfId) {
    throw new AppError('conflict', `Batch ${batchNumber} already exists`, {
      batchNumber: 'is already taken',
    });
  }
}

export async function createBatch(
  db: Kysely<Database>,
  ctx: RequestContext,
  body: CreateMaturationBody,
  timeZone: string,
): Promise<MaturationBatch> {
  const today = plantToday(timeZone);
  const startedOn = body.startedOn ?? today;
  notInFuture(startedOn, today);
  return db
    .transaction()
    .execute(async (trx) => {
      const product = body.productId ? await checkProduct(trx, body.productId) : null;
      const blendName = body.blendName ?? product?.name;
      if (!blendName) {
        throw new AppError('validation_failed', 'Name the blend or pick a product', {
          blendName: 'is required when no product is given',
        });
      }
      await uniqueNumber(trx, body.batchNumber);
      const row = await repo.insertBatch(trx, {
        batch_number: body.batchNumber,
        product_id: product?.id ?? null,
        blend_name: blendName,
        quantity: body.quantity,
        unit: body.unit ?? 'kg',
        started_on: startedOn,
        expected_days: body.expectedDays,
        notes: body.notes ?? null,
        created_by: ctx.actor.id,
      });
      await recordAudit(trx, ctx, {
        action: 'create',
        entityType: 'maturation_batch',
        entityId: row.id,
        after: auditBatch(row),
      });
      await publishEvent(trx, 'maturation.created', { batchId: row.id, status: row.status });
      return batchView(trx, row.id, timeZone);
    })
    .catch(translateMaturationError);
}

export async function updateBatch(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: number,
  body: UpdateMaturationBody,
  timeZone: string,
): Promise<MaturationBatch> {
  const today = plantToday(timeZone);
  return db
    .transaction()
    .execute(async (trx) => {
      const current = await repo.findBatch(trx, id, true);
      if (!current) throw BATCH_NOT_FOUND(id);
      if (body.version !== undefined && body.version !== current.version) {
        throw new AppError(
          'conflict',
          `Batch ${current.batch_number} was changed by someone else (version ${current.version})`,
          undefined,
          { current: await batchView(trx, id, timeZone) },
        );
      }
      const status = body.status ?? current.status;
      if (status !== current.status) {
        const allowed = MATURATION_TRANSITIONS[current.status];
        if (!allowed.includes(status)) {
          throw new AppError(
            'conflict',
            `A ${current.status} batch cannot become ${status}`,
            undefined,
            { status: current.status, allowed },
          );
        }
      }
      if (body.startedOn !== undefined) {
        notInFuture(body.startedOn, today);
        const first = await repo.firstCheckDate(trx, id);
        if (first !== null && body.startedOn > first) {
          throw new AppError('validation_failed', `The batch was already checked on ${first}`, {
            startedOn: `must not be after the first check (${first})`,
          });
        }
      }
      if (body.productId) await checkProduct(trx, body.productId);
      if (body.batchNumber !== undefined) await uniqueNumber(trx, body.batchNumber, id);
      const final = status !== current.status && (status === 'completed' || status === 'rejected');
      const row = await repo.updateBatch(trx, id, {
        batch_number: body.batchNumber,
        product_id: body.productId,
        blend_name: body.blendName,
        quantity: body.quantity,
        actual_quantity: body.actualQuantity,
        unit: body.unit,
        started_on: body.startedOn,
        expected_days: body.expectedDays,
        status: body.status,
        notes: body.notes,
        completed_at: final ? new Date() : undefined,
      });
      await recordAudit(trx, ctx, {
        action: status !== current.status ? `status:${status}` : 'update',
        entityType: 'maturation_batch',
        entityId: id,
        before: auditBatch(current),
        after: auditBatch(row),
      });
      await publishEvent(trx, 'maturation.updated', { batchId: id, status: row.status });
      return batchView(trx, id, timeZone);
    })
    .catch(translateMaturationError);
}
