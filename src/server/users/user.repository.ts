import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Role } from '../../common/roles.js';

export interface NewUserRow {
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  email?: string | null;
}

export function insertUser(db: Kysely<Database>, row: NewUserRow) {
  return db
    .insertInto('users')
    .values(row)
    .returning(['id', 'username', 'display_name', 'role', 'active'])
    .executeTakeFirstOrThrow();
}

export async function usernameTaken(db: Kysely<Database>, username: string): Promise<boolean> {
  const found = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  return found !== undefined;
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function findUserForLogin(db: Kysely<Database>, usernameLower: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'active', 'password_hash'])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', usernameLower))
    .executeTakeFirst();
}

/** `changed` marks a user's own change (password_changed_at); an upgrade of the hash is not. */
export async function setPasswordHash(
  db: Kysely<Database>,
  userId: number,
  hash: string,
  changed: boolean,
): Promise<void> {
  await db
    .updateTable('users')
    .set(
      changed ? { password_hash: hash, password_changed_at: new Date() } : { password_hash: hash },
    )
    .where('id', '=', userId)
    .execute();
}

export async function markLoggedIn(db: Kysely<Database>, userId: number): Promise<void> {
  await db
    .updateTable('users')
    .set({ last_login_at: new Date() })
    .where('id', '=', userId)
    .execute();
}
