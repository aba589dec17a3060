import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { translateDbError } from '../db/db-errors.js';
import { AppError } from '../http/app-error.js';
import { findReason } from './stop.repository.js';

/** A stop names a reason of the tree, never a category, and only one still in use. */
export async function checkReason(trx: Kysely<Database>, reasonId: number): Promise<void> {
  const reason = await findReason(trx, reasonId);
  if (!reason) {
    throw new AppError('validation_failed', `Stop reason ${reasonId} does not exist`, {
      reasonId: 'does not exist',
    });
  }
  if (reason.is_category) {
    throw new AppError('validation_failed', `Stop reason ${reasonId} is a category`, {
      reasonId: 'is a category; pick one of its reasons',
    });
  }
  if (!reason.active) {
    throw new AppError('validation_failed', `Stop reason ${reasonId} is no longer in use`, {
      reasonId: 'is no longer in use',
    });
  }
}

/** An interval ends after it starts, and neither end lies in the future. */
export function checkTimes(start: Date, end: Date | null, now: Date): void {
  if (start.getTime() > now.getTime()) {
    throw new AppError('validation_failed', 'startedAt must not be in the future', {
      startedAt: 'must not be in the future',
    });
  }
  if (end !== null && end.getTime() > now.getTime()) {
    throw new AppError('validation_failed', 'endedAt must not be in the future', {
      endedAt: 'must not be in the future',
    });
  }
  if (end !== null && end.getTime() <= start.getTime()) {
    throw new AppError('validation_failed', 'endedAt must be after startedAt', {
      endedAt: 'must be after startedAt',
    });
  }
}

/** The one-open-stop-per-machine index lost a race: same answer as the service's own check. */
export function translateStopError(e: unknown): never {
  const pg = e as { code?: string; constraint?: string };
  if (pg.code === '23505' && pg.constraint === 'stops_one_open_per_machine') {
    throw new AppError('conflict', 'The machine already has an open stop');
  }
  return translateDbError(e, 'stop');
}
