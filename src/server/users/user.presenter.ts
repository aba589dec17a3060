import type { User, UserName } from '../../common/api/users.js';
import { formatPlantIso } from '../../common/plant-time/index.js';
import type { Role } from '../../common/roles.js';
import type { UserRow } from './user.repository.js';

const iso = (d: Date | null, timeZone: string) => (d === null ? null : formatPlantIso(d, timeZone));

/** Name only: what any feature may show about a user (who reported a stop, who edited…). */
export const presentUserName = (
  r: Pick<UserRow, 'id' | 'username' | 'display_name'>,
): UserName => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
});

/** The account as `viewer` may see it: contact details only for admins. */
export function presentUser(r: UserRow, viewer: Role, timeZone: string): User {
  return {
    ...presentUserName(r),
    role: r.role,
    active: r.active,
    ...(viewer === 'admin' ? { email: r.email, phone: r.phone } : {}),
    lastLoginAt: iso(r.last_login_at, timeZone),
    passwordChangedAt: iso(r.password_changed_at, timeZone),
    createdAt: formatPlantIso(r.created_at, timeZone),
    updatedAt: formatPlantIso(r.updated_at, timeZone),
    version: r.version,
  };
}
