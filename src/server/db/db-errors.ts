import { AppError } from '../http/app-error.js';

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
  column?: string;
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
