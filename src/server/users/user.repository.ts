import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, UsersTable } from '../db/schema.js';
import type { Role } from '../../common/roles.js';

/** Every column but the password hash, which never leaves the sign-in code. */
export const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'email',
  'phone',
  'role',
  'active',
  'last_login_at',
  'password_changed_at',
  'version',
  'created_at',
  'updated_at',
] as const;

export type UserRow = Pick<Selectable<UsersTable>, (typeof USER_COLUMNS)[number]>;

export interface NewUserRow {
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  email?: string | null;
  phone?: string | null;
}

export function insertUser(db: Kysely<Database>, row: NewUserRow): Promise<UserRow> {
  return db.insertInto('users').values(row).returning(USER_COLUMNS).executeTakeFirstOrThrow();
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

export interface UserFilter {
  role?: Role;
  active?: boolean;
  /** Text in the user name or display name (case-insensitive). */
  q?: string;
  limit: number;
  offset: number;
}

/** `%` and `_` in the search text are literal, not wildcards. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUsers(
  db: Kysely<Database>,
  f: UserFilter,
): Promise<{ rows: UserRow[]; total: number }> {
  let q = db.selectFrom('users');
  if (f.role !== undefined) q = q.where('role', '=', f.role);
  if (f.active !== undefined) q = q.where('active', '=', f.active);
  if (f.q) {
    const pattern = `%${likeEscape(f.q)}%`;
    q = q.where((eb) =>
      eb.or([eb('username', 'ilike', pattern), eb('display_name', 'ilike', pattern)]),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .select(USER_COLUMNS)
      .orderBy(sql`lower(username)`)
      .orderBy('id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findUser(
  db: Kysely<Database>,
  id: number,
  forUpdate = false,
): Promise<UserRow | undefined> {
  let q = db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * Locks every active admin's row (in id order, so concurrent callers never deadlock) and
 * returns their ids: the "last active admin" rule is then safe against races.
 */
export async function lockActiveAdmins(db: Kysely<Database>): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

export interface UserChanges {
  display_name?: string;
  role?: Role;
  email?: string | null;
  phone?: string | null;
  active?: boolean;
  /** A new hash: also stamps password_changed_at. */
  password_hash?: string;
}

/** Applies the changes and bumps the version. */
export function updateUser(db: Kysely<Database>, id: number, c: UserChanges): Promise<UserRow> {
  return db
    .updateTable('users')
    .set({
      ...c,
      ...(c.password_hash === undefined ? {} : { password_changed_at: sql<Date>`now()` }),
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .returning(USER_COLUMNS)
    .executeTakeFirstOrThrow();
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
