import { isForeignKeyViolation, translateDbError } from '../db/db-errors.js';
import { AppError } from '../http/app-error.js';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/**
 * The database keeps the tree two levels deep (composite foreign keys) and the classification
 * on categories only (a CHECK); when a race gets past the service's checks, its refusal becomes
 * the same clear 400/409 the checks give.
 */
export function translateStopReasonError(e: unknown): never {
  const pg = e as PgError;
  const referenced = pg.detail?.includes('is still referenced') === true;
  if (isForeignKeyViolation(pg) && pg.constraint === 'stop_reasons_parent_fkey') {
    throw referenced
      ? new AppError(
          'conflict',
          'The category still has reasons: delete or move them first, or deactivate it',
        )
      : new AppError('validation_failed', 'The parent must be an existing category', {
          parentId: 'must be a category, not a reason',
        });
  }
  if (isForeignKeyViolation(pg) && pg.constraint === 'stops_reason_fkey' && referenced) {
    throw new AppError(
      'conflict',
      'The stop reason is used by stops and cannot be deleted; deactivate it instead',
    );
  }
  if (pg.code === '23514' && pg.constraint === 'stop_reasons_classification_check') {
    throw new AppError(
      'validation_failed',
      'planned and oeeLoss are set on a category and inherited by its reasons',
      { planned: 'belongs to the category', oeeLoss: 'belongs to the category' },
    );
  }
  return translateDbError(e, 'stop reason');
}
