import { MACHINE_STATUS, showValue, USER_ROLE } from '../../values/index.js';
import type { TableMapper } from '../mapping.js';
import { RowReader } from '../row-reader.js';
import { TARGETS } from '../targets.js';
import { duplicateJoins, environmentEnsure, laterDuplicateOf, stamps, withSuffix } from './common.js';

/** A stored hash that no password verifies (an empty legacy hash): the user must reset it. */
export const NEVER_VERIFIES = '!legacy-empty-password-hash';

/** machines → machines: ids kept; code = the name, a name used again gets ' #id' (recorded). */
export function machinesMapper(): TableMapper {
  return {
    source: 'machines',
    target: TARGETS.machines,
    uses: ['id', 'name', 'environment', 'status', 'capacity'],
    join: (has) => duplicateJoins(['machines.name'], has),
    prepare(row, ctx) {
      const r = new RowReader('machines', row.values, ctx);
      const name = r.text('name', { max: 200 }) ?? '';
      let code = name.length > 64 ? name.slice(0, 64).trimEnd() : name;
      const first = laterDuplicateOf(row, 'machines.name');
      if (first !== null) {
        code = withSuffix(name, ` #${row.key}`, 64);
        r.change('name', `name already used by machine ${first}: code '${code}'`);
      }
      const ensures = environmentEnsure(r, 'environment');
      const status = r.enumValue('status', MACHINE_STATUS) ?? 'available';
      const capacity = r.decimal('capacity', { min: '>0' });
      return r.result(
        row.key,
        {
          code,
          name,
          environment_id: null,
          machine_type_id: null,
          status,
          rated_speed: capacity?.value ?? null,
          staffing: {},
          retired_at: null,
          notes: null,
          version: 1,
          ...stamps(ctx),
        },
        { ensures },
      );
    },
  };
}

/** operators → employees (ids kept); department and shift are kept in legacy.operators. */
export function operatorsMapper(): TableMapper {
  return {
    source: 'operators',
    target: TARGETS.employees,
    uses: ['id', 'name'],
    prepare(row, ctx) {
      const r = new RowReader('operators', row.values, ctx);
      const name = r.text('name', { max: 200 });
      return r.result(row.key, {
        employee_number: null,
        full_name: name,
        default_role: 'operator',
        environment_id: null,
        active: true,
        phone: null,
        email: null,
        ...stamps(ctx),
      });
    },
  };
}

/**
 * users → users (ids kept, bcrypt hashes kept: people sign in with their old password and the
 * app upgrades the hash to argon2id). User names outside [A-Za-z0-9._-] get '.' for the other
 * characters, a name used again (ignoring case) gets '.id', an invalid or repeated e-mail is
 * cleared; each recorded.
 */
export function usersMapper(): TableMapper {
  return {
    source: 'users',
    target: TARGETS.users,
    uses: ['id', 'username', 'password_hash', 'email', 'role', 'created_at', 'last_login', 'is_active'],
    join: (has) => duplicateJoins(['users.username', 'users.email'], has),
    prepare(row, ctx) {
      const r = new RowReader('users', row.values, ctx);
      const raw = r.text('username') ?? '';
      let username = raw.replace(/[^A-Za-z0-9._-]/g, '.');
      if (username.length < 2) username = `${username}.${row.key}`.replace(/^\./, 'u.');
      if (username.length > 64) username = username.slice(0, 64);
      if (username !== raw && raw !== '') {
        r.change('username', `${showValue(raw)} is not a valid user name: '${username}'`);
      }
      const firstUser = laterDuplicateOf(row, 'users.username');
      if (firstUser !== null) {
        username = withSuffix(username, `.${row.key}`, 64);
        r.change('username', `name already used by user ${firstUser}: '${username}'`);
      }
      const hashRaw = r.raw('password_hash');
      let passwordHash = typeof hashRaw === 'string' ? hashRaw.trim() : '';
      if (passwordHash === '') {
        passwordHash = NEVER_VERIFIES;
        r.change('password_hash', 'empty: the user must have the password reset');
      }
      let email = r.text('email', { max: 320 });
      if (email !== null && !/^[^@\s]+@[^@\s]+$/.test(email)) {
        r.change('email', `${showValue(email)} is not an e-mail address: cleared`);
        email = null;
      }
      const firstEmail = laterDuplicateOf(row, 'users.email');
      if (email !== null && firstEmail !== null) {
        r.change('email', `address already used by user ${firstEmail}: cleared`);
        email = null;
      }
      const createdAt = r.instant('created_at') ?? ctx.epoch;
      return r.result(row.key, {
        username,
        display_name: (raw === '' ? username : raw).slice(0, 128).trim(),
        email,
        phone: null,
        password_hash: passwordHash,
        role: r.enumValue('role', USER_ROLE) ?? 'viewer',
        active: r.bool('is_active', false, false),
        last_login_at: r.instant('last_login'),
        password_changed_at: null,
        version: 1,
        created_at: createdAt,
        updated_at: createdAt,
      });
    },
  };
}
