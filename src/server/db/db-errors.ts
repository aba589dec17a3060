import { AppError } from '../http/app-error.js';

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
  column?: string;
}

/**
 * A foreign key refused the change: 23503, or 23001 (restrict_violation), which PostgreSQL 18
 * raises instead when a row that ON DELETE RESTRICT protects is deleted.
 */
export function isForeignKeyViolation(e: unknown): boolean {
  const code = (e as PgError | null)?.code;
  return code === '23503' || code === '23001';
}

/**
 * Turns a constraint violation the database caught into a 409/400 naming the field,
 * so races and duplicates the service did not pre-check still get a clear answer.
 * Anything else is rethrown as it is.
 */
export function translateDbError(e: unknown, what = 'record'): never {
  const pg = e as PgError;
  // "Key (code)=…" or, for an index on an expression, "Key (lower(email))=…".
  const field = /Key \((?:\w+\()?([\w ,]+)\)?\)/.exec(pg.detail ?? '')?.[1] ?? pg.column ?? 'id';
  switch (pg.code ?? '') {
    case '23505':
      throw new AppError('conflict', `A ${what} with this ${field} already exists`, {
        [field]: 'is already taken',
      });
    case '23001': // PostgreSQL 18+: deleting a row an ON DELETE RESTRICT key refers to
      throw new AppError('conflict', `This ${what} is in use and cannot be removed`);
    case '23503':
      throw pg.detail?.includes('is still referenced')
        ? new AppError('conflict', `This ${what} is in use and cannot be removed`)
        : new AppError('validation_failed', `${field} refers to something that does not exist`, {
            [field]: 'does not exist',
          });
    case '23514':
      throw new AppError(
        'validation_failed',
        `The ${what} breaks the rule ${pg.constraint ?? ''}`.trim(),
      );
    case '23P01':
      throw new AppError('conflict', `The ${what} overlaps another one`);
    default:
      throw e;
  }
}
