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
