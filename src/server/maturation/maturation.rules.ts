import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { translateDbError } from '../db/db-errors.js';
import { AppError } from '../http/app-error.js';
import { findProduct } from './maturation.repository.js';

export const BATCH_NOT_FOUND = (id: number) =>
  new AppError('not_found', `Maturation batch ${id} does not exist`);

export async function checkProduct(trx: Kysely<Database>, productId: number) {
  const product = await findProduct(trx, productId);
  if (!product) {
    throw new AppError('validation_failed', `Product ${productId} does not exist`, {
      productId: 'does not exist',
    });
  }
  return product;
}

/** Unique keys that lost a race: the same answers as the services' own checks. */
export function translateMaturationError(e: unknown): never {
  const pg = e as { code?: string; constraint?: string };
  if (pg.code === '23505' && pg.constraint === 'maturation_batches_batch_number_key') {
    throw new AppError('conflict', 'A batch with this number already exists', {
      batchNumber: 'is already taken',
    });
  }
  if (pg.code === '23505' && pg.constraint === 'maturation_checks_batch_day_key') {
    throw new AppError('conflict', 'The batch was already checked that day', {
      checkDate: 'already has a check',
    });
  }
  return translateDbError(e, 'maturation batch');
}
