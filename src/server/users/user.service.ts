import type { Kysely } from 'kysely';
import {
  CreateUserBody,
  type User,
  type UserList,
  type UserListQuery,
} from '../../common/api/users.js';
import type { Role } from '../../common/roles.js';
import type { RequestContext } from '../auth/actor.js';
import { hashPassword } from '../auth/passwords.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { zodFields } from '../http/error-handler.js';
import { translateUserDbError } from './user-errors.js';
import { presentUser } from './user.presenter.js';
import * as repo from './user.repository.js';

/** What `createUser` accepts (the CLI, the seed and the tests call it directly). */
export const NewUserInput = CreateUserBody;
export type NewUserInput = CreateUserBody;

export const userNotFound = (id: number) => new AppError('not_found', `User ${id} does not exist`);

const usernameConflict = (username: string) =>
  new AppError('conflict', `A user named ${username} already exists`, { username: 'is taken' });

function parseNewUser(input: NewUserInput): NewUserInput {
  const parsed = NewUserInput.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = zodFields(parsed.error);
  const [field, problem] = Object.entries(fields)[0] ?? ['user', 'is invalid'];
  throw new AppError('validation_failed', `${field} ${problem}`, fields);
}

async function insertNewUser(db: Kysely<Database>, u: NewUserInput, hash: string) {
  if (await repo.usernameTaken(db, u.username)) throw usernameConflict(u.username);
  return repo
    .insertUser(db, {
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      password_hash: hash,
      email: u.email ?? null,
      phone: u.phone ?? null,
    })
    .catch((e: unknown) => translateUserDbError(e));
}

/**
 * Creates a user without an acting user (CLI `user add`, the demo seed, test fixtures).
 * Opens no transaction, so it may run inside the caller's.
 */
export async function createUser(db: Kysely<Database>, input: NewUserInput) {
  const u = parseNewUser(input);
  const row = await insertNewUser(db, u, await hashPassword(u.password));
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
}

/** `POST /api/users`: an admin creates an account (there is no self-registration). */
export async function addUser(
  db: Kysely<Database>,
  ctx: RequestContext,
  timeZone: string,
  body: CreateUserBody,
): Promise<User> {
  const u = parseNewUser(body);
  const hash = await hashPassword(u.password);
  return db
    .transaction()
    .execute(async (trx) => {
      await assertActorIsAdmin(trx, ctx);
      const row = await insertNewUser(trx, u, hash);
      await recordAudit(trx, ctx, {
        action: 'create',
        entityType: 'user',
        entityId: row.id,
        after: presentUser(row, 'admin', timeZone),
      });
      return presentUser(row, ctx.actor.role, timeZone);
    })
    .catch((e: unknown) => translateUserDbError(e));
}

export async function listUsers(
  db: Kysely<Database>,
  viewer: Role,
  timeZone: string,
  query: UserListQuery,
): Promise<UserList> {
  const { rows, total } = await repo.listUsers(db, query);
  return { items: rows.map((r) => presentUser(r, viewer, timeZone)), total };
}

export async function getUser(
  db: Kysely<Database>,
  viewer: Role,
  timeZone: string,
  id: number,
): Promise<User> {
  const row = await repo.findUser(db, id);
  if (!row) throw userNotFound(id);
  return presentUser(row, viewer, timeZone);
}

/**
 * Locks the active admins' rows (so "the last active admin" cannot race) and checks that the
 * acting admin is still one of them: a session that passed the role check a moment ago may
 * belong to someone another admin has just demoted or deactivated.
 */
export async function assertActorIsAdmin(
  trx: Kysely<Database>,
  ctx: RequestContext,
): Promise<number[]> {
  const admins = await repo.lockActiveAdmins(trx);
  if (!admins.includes(ctx.actor.id)) {
    throw new AppError('forbidden', 'Your account is no longer an active admin');
  }
  return admins;
}
