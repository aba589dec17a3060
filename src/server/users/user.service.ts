import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ROLES } from '../../common/roles.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { zodFields } from '../http/error-handler.js';
import { insertUser, usernameTaken } from './user.repository.js';

export const NewUserInput = z
  .object({
    username: z
      .string()
      .regex(/^[a-zA-Z0-9._-]{2,64}$/, 'must be 2–64 letters, digits, dots, dashes or underscores'),
    displayName: z.string().trim().min(1, 'must not be empty').max(120, 'is too long'),
    role: z.enum(ROLES),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(256, 'is too long'),
    email: z.email('must be an e-mail address').max(254).nullish(),
  })
  .strict();
export type NewUserInput = z.infer<typeof NewUserInput>;

export async function createUser(db: Kysely<Database>, input: NewUserInput) {
  const parsed = NewUserInput.safeParse(input);
  if (!parsed.success) {
    const fields = zodFields(parsed.error);
    const [field, problem] = Object.entries(fields)[0] ?? ['user', 'is invalid'];
    throw new AppError('validation_failed', `${field} ${problem}`, fields);
  }
  const u = parsed.data;
  if (await usernameTaken(db, u.username)) {
    throw new AppError('conflict', `A user named ${u.username} already exists`, {
      username: 'is taken',
    });
  }
  const row = await insertUser(db, {
    username: u.username,
    display_name: u.displayName,
    role: u.role,
    password_hash: await hashPassword(u.password),
    email: u.email ?? null,
  });
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
}
