import type { Kysely } from 'kysely';
import type { UpdateUserBody, User, UserActionBody } from '../../common/api/users.js';
import type { RequestContext } from '../auth/actor.js';
import { hashPassword } from '../auth/passwords.js';
import { revokeUserSessions } from '../auth/session.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { translateUserDbError } from './user-errors.js';
import { presentUser } from './user.presenter.js';
import * as repo from './user.repository.js';
import { assertActorIsAdmin, userNotFound } from './user.service.js';

/**
 * The rules of editing, deactivating and reactivating accounts. Each change runs in one
 * transaction that first locks the active admins' rows, then the user's, so the last active
 * admin can be neither deactivated nor demoted, even by two admins acting at the same moment.
 */

interface Locked {
  admins: number[];
  current: repo.UserRow;
}

async function lockForChange(
  trx: Kysely<Database>,
  ctx: RequestContext,
  timeZone: string,
  id: number,
  version: number | undefined,
): Promise<Locked> {
  const admins = await assertActorIsAdmin(trx, ctx);
  const current = await repo.findUser(trx, id, true);
  if (!current) throw userNotFound(id);
  if (version !== undefined && version !== current.version) {
    throw new AppError(
      'conflict',
      `User ${current.username} was changed by someone else (now version ${current.version}, you sent ${version})`,
      { version: 'is stale' },
      { current: presentUser(current, ctx.actor.role, timeZone) },
    );
  }
  return { admins, current };
}

function assertNotLastAdmin({ admins, current }: Locked, what: 'deactivate' | 'demote'): void {
  if (current.role === 'admin' && current.active && admins.length <= 1) {
    throw new AppError(
      'conflict',
      `${current.username} is the last active admin and cannot be ${what === 'demote' ? 'demoted' : 'deactivated'}; make another user an admin first`,
    );
  }
}

const audited = (r: repo.UserRow, timeZone: string) => presentUser(r, 'admin', timeZone);

/** `PATCH /api/users/:id`: name, role, contacts, and a password reset (which signs them out). */
export async function updateUser(
  db: Kysely<Database>,
  ctx: RequestContext,
  timeZone: string,
  id: number,
  body: UpdateUserBody,
): Promise<User> {
  const { version, password, ...fields } = body;
  if (password === undefined && Object.values(fields).every((v) => v === undefined)) {
    throw new AppError('validation_failed', 'Nothing to change', { '(body)': 'has no changes' });
  }
  if (password !== undefined && id === ctx.actor.id) {
    throw new AppError(
      'forbidden',
      'Change your own password with POST /api/auth/password (it needs the current one)',
      { password: 'is your own: use POST /api/auth/password' },
    );
  }
  const hash = password === undefined ? undefined : await hashPassword(password);
  return db
    .transaction()
    .execute(async (trx) => {
      const locked = await lockForChange(trx, ctx, timeZone, id, version);
      if (fields.role !== undefined && fields.role !== 'admin')
        assertNotLastAdmin(locked, 'demote');
      const row = await repo.updateUser(trx, id, {
        display_name: fields.displayName,
        role: fields.role,
        email: fields.email,
        phone: fields.phone,
        password_hash: hash,
      });
      await recordAudit(trx, ctx, {
        action: 'update',
        entityType: 'user',
        entityId: id,
        before: audited(locked.current, timeZone),
        after: audited(row, timeZone),
      });
      if (hash !== undefined) {
        await revokeUserSessions(trx, id);
        await recordAudit(trx, ctx, { action: 'password_reset', entityType: 'user', entityId: id });
      }
      return presentUser(row, ctx.actor.role, timeZone);
    })
    .catch((e: unknown) => translateUserDbError(e));
}

/** Signs the user out everywhere; no-op when already inactive. */
export async function deactivateUser(
  db: Kysely<Database>,
  ctx: RequestContext,
  timeZone: string,
  id: number,
  body: UserActionBody,
): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockForChange(trx, ctx, timeZone, id, body?.version);
    if (!locked.current.active) return presentUser(locked.current, ctx.actor.role, timeZone);
    assertNotLastAdmin(locked, 'deactivate');
    if (id === ctx.actor.id) {
      throw new AppError('conflict', 'You cannot deactivate your own account');
    }
    const row = await repo.updateUser(trx, id, { active: false });
    await revokeUserSessions(trx, id);
    await recordAudit(trx, ctx, {
      action: 'deactivate',
      entityType: 'user',
      entityId: id,
      before: audited(locked.current, timeZone),
      after: audited(row, timeZone),
    });
    return presentUser(row, ctx.actor.role, timeZone);
  });
}

/** The user may sign in again (old sessions stay ended); no-op when already active. */
export async function reactivateUser(
  db: Kysely<Database>,
  ctx: RequestContext,
  timeZone: string,
  id: number,
  body: UserActionBody,
): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const { current } = await lockForChange(trx, ctx, timeZone, id, body?.version);
    if (current.active) return presentUser(current, ctx.actor.role, timeZone);
    const row = await repo.updateUser(trx, id, { active: true });
    await recordAudit(trx, ctx, {
      action: 'reactivate',
      entityType: 'user',
      entityId: id,
      before: audited(current, timeZone),
      after: audited(row, timeZone),
    });
    return presentUser(row, ctx.actor.role, timeZone);
  });
}
