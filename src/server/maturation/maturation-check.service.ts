import type { Kysely } from 'kysely';
import {
  MATURATION_ACTIVE_STATUSES,
  type MaturationCheck,
  type RecordCheckBody,
} from '../../common/api/maturation.js';
import type { RequestContext } from '../auth/actor.js';
import { publishEvent, recordAudit } from '../audit/audit.repository.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import * as repo from './maturation.repository.js';
import { presentCheck } from './maturation.presenter.js';
import { BATCH_NOT_FOUND, translateMaturationError } from './maturation.rules.js';
import { plantToday } from './maturation.service.js';

/** The day's check of a batch still in the room: one per plant day, never ahead of today. */
export async function recordCheck(
  db: Kysely<Database>,
  ctx: RequestContext,
  batchId: number,
  body: RecordCheckBody,
  timeZone: string,
): Promise<MaturationCheck> {
  const today = plantToday(timeZone);
  const checkDate = body.checkDate ?? today;
  if (checkDate > today) {
    throw new AppError('validation_failed', `checkDate ${checkDate} is after today (${today})`, {
      checkDate: 'must not be in the future',
    });
  }
  return db
    .transaction()
    .execute(async (trx) => {
      const batch = await repo.findBatch(trx, batchId, true);
      if (!batch) throw BATCH_NOT_FOUND(batchId);
      if (!(MATURATION_ACTIVE_STATUSES as readonly string[]).includes(batch.status)) {
        throw new AppError(
          'conflict',
          `Batch ${batch.batch_number} is ${batch.status}: it takes no more checks`,
          undefined,
          { status: batch.status },
        );
      }
      if (checkDate < batch.started_on) {
        throw new AppError(
          'validation_failed',
          `Batch ${batch.batch_number} started on ${batch.started_on}`,
          { checkDate: `must not be before the batch started (${batch.started_on})` },
        );
      }
      if (await repo.findCheckOn(trx, batchId, checkDate)) {
        throw new AppError(
          'conflict',
          `Batch ${batch.batch_number} was already checked on ${checkDate}`,
          { checkDate: 'already has a check' },
        );
      }
      const row = await repo.insertCheck(trx, {
        batch_id: batchId,
        check_date: checkDate,
        temperature: body.temperature ?? null,
        humidity: body.humidity ?? null,
        ph: body.ph ?? null,
        readings: body.readings ?? {},
        notes: body.notes ?? null,
        checked_by: ctx.actor.id,
      });
      const check = presentCheck(await repo.findCheckView(trx, row.id), timeZone);
      await recordAudit(trx, ctx, {
        action: 'create',
        entityType: 'maturation_check',
        entityId: row.id,
        after: check,
      });
      await publishEvent(trx, 'maturation.checked', {
        batchId,
        status: batch.status,
        checkDate,
      });
      return check;
    })
    .catch(translateMaturationError);
}
