import { hash, verify, type Algorithm } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = {
  // Algorithm.Argon2id; the enum is a const enum that isolated modules cannot read.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export { MIN_PASSWORD_LENGTH } from '../../common/api/auth.js';

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

const BCRYPT = /^\$2[aby]\$\d{2}\$/;

export function isLegacyBcrypt(stored: string): boolean {
  return BCRYPT.test(stored);
}

/** Verifies against an argon2id hash, or a legacy bcrypt hash imported from the old system. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  if (isLegacyBcrypt(stored)) return bcrypt.compare(password, stored);
  if (!stored.startsWith('$argon2')) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
