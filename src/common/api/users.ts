import { z } from 'zod';
import { ROLES } from '../roles.js';
import { MIN_PASSWORD_LENGTH } from './auth.js';
import { version } from './common.js';

/** Who did something, as any signed-in user may see it: never contact details. */
export const UserName = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
});
export type UserName = z.infer<typeof UserName>;

/**
 * A user account. `email` and `phone` are present only when an admin is looking
 * (absent: not visible to you; null: none on file). The password hash is never sent.
 */
export const User = UserName.extend({
  role: z.enum(ROLES),
  active: z.boolean(),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  lastLoginAt: z.string().nullable(),
  passwordChangedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof User>;

export const UserList = z.object({ items: z.array(User), total: z.number().int() });
export type UserList = z.infer<typeof UserList>;

export const USERNAME_PATTERN = /^[a-zA-Z0-9._-]{2,64}$/;

const username = z
  .string()
  .regex(USERNAME_PATTERN, 'must be 2–64 letters, digits, dots, dashes or underscores');
/** No control characters (PostgreSQL text cannot even hold NUL). */
const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 32 || c === '\x7f');
const displayName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'is too long')
  .refine((s) => !hasControl(s), 'must not contain control characters');
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, 'is too long');
const email = z.email('must be an e-mail address').max(254, 'is too long').nullable();
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()./-]{3,40}$/, 'must be a phone number (digits, spaces, + ( ) . / -)')
  .nullable();

export const CreateUserBody = z.strictObject({
  username,
  displayName,
  role: z.enum(ROLES),
  password,
  email: email.optional(),
  phone: phone.optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

/** Admin edit; `password` resets it (and signs the user out everywhere). */
export const UpdateUserBody = z.strictObject({
  displayName: displayName.optional(),
  role: z.enum(ROLES).optional(),
  email: email.optional(),
  phone: phone.optional(),
  password: password.optional(),
  version: version.optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

/** Deactivate / reactivate: optionally the version the change was based on. */
export const UserActionBody = z.strictObject({ version: version.optional() }).nullish();
export type UserActionBody = z.infer<typeof UserActionBody>;

export const UserListQuery = z.strictObject({
  role: z.enum(ROLES).optional(),
  active: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  q: z
    .string()
    .trim()
    .max(100, 'must be at most 100 characters')
    .refine((s) => !hasControl(s), 'must not contain control characters')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type UserListQuery = z.infer<typeof UserListQuery>;
