import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { PREPARED } from '../db/named-statements.js';
import type { Database } from '../db/schema.js';

export async function insertSession(
  db: Kysely<Database>,
  s: { id: string; userId: number; maxAgeMinutes: number; ip: string; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      expires_at: sql<Date>`now() + make_interval(mins => ${s.maxAgeMinutes})`,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

/** The session with its user, when neither revoked, expired, idle too long nor deactivated. */
export function findLiveSession(db: Kysely<Database>, id: string, idleMinutes: number) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as sessionId',
      's.last_seen_at as lastSeenAt',
      'u.id',
      'u.username',
      'u.display_name as displayName',
      'u.role',
    ])
    .where('s.id', '=', id)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('s.last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
    .where('u.active', '=', true)
    .modifyEnd(PREPARED)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function revokeSession(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeUserSessions(db: Kysely<Database>, userId: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Records an attempt; returns its id. */
export async function recordLoginAttempt(
  db: Kysely<Database>,
  a: { usernameLower: string; ip: string; succeeded: boolean },
): Promise<number> {
  const r = await db
    .insertInto('login_attempts')
    .values({ username_lower: a.usernameLower, ip: a.ip, succeeded: a.succeeded })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function markLoginAttemptSucceeded(db: Kysely<Database>, id: number): Promise<void> {
  await db.updateTable('login_attempts').set({ succeeded: true }).where('id', '=', id).execute();
}

export async function deleteLoginAttempt(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('login_attempts').where('id', '=', id).execute();
}

/** Failed attempts in the window, for this user name and for this address. */
export async function recentFailures(
  db: Kysely<Database>,
  a: { usernameLower: string; ip: string; windowMinutes: number },
): Promise<{ byUser: number; byIp: number }> {
  const since = sql<Date>`now() - make_interval(mins => ${a.windowMinutes})`;
  const r = await db
    .selectFrom('login_attempts')
    .select((eb) => [
      eb.fn.count<number>('id').filterWhere('username_lower', '=', a.usernameLower).as('byUser'),
      eb.fn.count<number>('id').filterWhere('ip', '=', a.ip).as('byIp'),
    ])
    .where('at', '>', since)
    .where('succeeded', '=', false)
    .where((eb) => eb.or([eb('username_lower', '=', a.usernameLower), eb('ip', '=', a.ip)]))
    .executeTakeFirstOrThrow();
  return { byUser: Number(r.byUser), byIp: Number(r.byIp) };
}
