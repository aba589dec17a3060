import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findUserForLogin, setPasswordHash, markLoggedIn } from '../users/user.repository.js';
import type { Actor, RequestContext } from './actor.js';
import { hashPassword, isLegacyBcrypt, verifyPassword } from './passwords.js';
import {
  deleteLoginAttempt,
  findLiveSession,
  insertSession,
  markLoginAttemptSucceeded,
  recentFailures,
  recordLoginAttempt,
  revokeSession,
  revokeUserSessions,
  touchSession,
} from './session.repository.js';
import { newSessionToken, sessionIdOf } from './session-token.js';

export interface SessionPolicy {
  secret: string;
  idleMinutes: number;
  maxAgeMinutes: number;
}

/** Limits per 15 minutes of failed sign-ins: per user name, and per client address. */
export const LOGIN_LIMITS = { windowMinutes: 15, perUser: 5, perIp: 30 } as const;

const BAD_LOGIN = 'Wrong user name or password';
// Verified against when the user does not exist, so both cases take as long.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$5NsMm9+Z4LpiNr7813IJSQ$TmDJo80I+ivnuN1hItXLuM1amSi8/DGTn1UNr5iJ3L0';

export async function login(
  db: Kysely<Database>,
  policy: SessionPolicy,
  input: { username: string; password: string; ip: string; userAgent: string | null },
): Promise<{ token: string; actor: Actor }> {
  // PostgreSQL text cannot hold NUL; no user name contains one, so it cannot match anyway.
  const usernameLower = input.username.toLowerCase().replace(/\0/g, '\uFFFD');
  // The attempt is recorded as a failure BEFORE the count, so a burst of concurrent guesses
  // sees itself: at most `perUser` of them get a password check.
  const attemptId = await recordLoginAttempt(db, { usernameLower, ip: input.ip, succeeded: false });
  const failures = await recentFailures(db, {
    usernameLower,
    ip: input.ip,
    windowMinutes: LOGIN_LIMITS.windowMinutes,
  });
  if (failures.byUser > LOGIN_LIMITS.perUser || failures.byIp > LOGIN_LIMITS.perIp) {
    await deleteLoginAttempt(db, attemptId); // a refused attempt was no guess
    throw new AppError('rate_limited', 'Too many failed sign-ins; wait 15 minutes and try again');
  }
  const user = await findUserForLogin(db, usernameLower);
  const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, input.password);
  if (!user || !ok || !user.active) throw new AppError('unauthenticated', BAD_LOGIN);
  const { token, id } = newSessionToken(policy.secret);
  await db.transaction().execute(async (trx) => {
    if (isLegacyBcrypt(user.password_hash)) {
      await setPasswordHash(trx, user.id, await hashPassword(input.password), false);
    }
    await insertSession(trx, {
      id,
      userId: user.id,
      maxAgeMinutes: policy.maxAgeMinutes,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await markLoggedIn(trx, user.id);
    await markLoginAttemptSucceeded(trx, attemptId);
  });
  return {
    token,
    actor: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      sessionId: id,
    },
  };
}

/** The actor behind a session cookie, or null; refreshes the idle clock once a minute. */
export async function resolveSession(
  db: Kysely<Database>,
  policy: SessionPolicy,
  token: string,
): Promise<Actor | null> {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  const id = sessionIdOf(token, policy.secret);
  const s = await findLiveSession(db, id, policy.idleMinutes);
  if (!s) return null;
  if (Date.now() - s.lastSeenAt.getTime() > 60_000) await touchSession(db, id);
  return {
    id: s.id,
    username: s.username,
    displayName: s.displayName,
    role: s.role,
    sessionId: id,
  };
}

export async function logout(db: Kysely<Database>, actor: Actor): Promise<void> {
  await revokeSession(db, actor.sessionId);
}

/** Needs the old password; ends every session of the user (a new one is issued for this one). */
export async function changePassword(
  db: Kysely<Database>,
  policy: SessionPolicy,
  ctx: RequestContext,
  input: { oldPassword: string; newPassword: string },
): Promise<{ token: string }> {
  const user = await findUserForLogin(db, ctx.actor.username.toLowerCase());
  if (!user || !(await verifyPassword(user.password_hash, input.oldPassword))) {
    throw new AppError('validation_failed', 'The current password is wrong', {
      oldPassword: 'is wrong',
    });
  }
  if (input.oldPassword === input.newPassword) {
    throw new AppError('validation_failed', 'The new password must differ from the old one', {
      newPassword: 'must differ from the current password',
    });
  }
  const hash = await hashPassword(input.newPassword);
  const { token, id } = newSessionToken(policy.secret);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, user.id, hash, true);
    await revokeUserSessions(trx, user.id);
    await insertSession(trx, {
      id,
      userId: user.id,
      maxAgeMinutes: policy.maxAgeMinutes,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    await recordAudit(trx, ctx, {
      action: 'password_changed',
      entityType: 'user',
      entityId: user.id,
    });
  });
  return { token };
}
