import { z } from 'zod';
import { ROLES } from '../roles.js';

export const MIN_PASSWORD_LENGTH = 10;

export const LoginBody = z.strictObject({
  username: z.string().min(1, 'is required').max(64, 'is too long'),
  password: z.string().min(1, 'is required').max(256, 'is too long'),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const SessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const MeResponse = z.object({ user: SessionUser });
export type MeResponse = z.infer<typeof MeResponse>;

export const ChangePasswordBody = z.strictObject({
  oldPassword: z.string().min(1, 'is required').max(256, 'is too long'),
  newPassword: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(256, 'is too long'),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;
