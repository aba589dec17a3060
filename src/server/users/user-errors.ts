import { translateDbError } from '../db/db-errors.js';
import { AppError } from '../http/app-error.js';

/** The unique indexes on lower(username) / lower(email) name no column in their message. */
const UNIQUE_FIELDS: Record<string, string> = {
  users_username_lower_key: 'username',
  users_email_lower_key: 'email',
};

/** A duplicate user name or e-mail (caught by the database in a race) → 409 naming the field. */
export function translateUserDbError(e: unknown): never {
  if (e instanceof AppError) throw e;
  const pg = e as { code?: string; constraint?: string };
  const field = pg.constraint === undefined ? undefined : UNIQUE_FIELDS[pg.constraint];
  if (pg.code === '23505' && field !== undefined) {
    throw new AppError('conflict', `Another user already has this ${field}`, {
      [field]: 'is taken',
    });
  }
  return translateDbError(e, 'user');
}
