import type { Role } from '../../common/roles.js';
import { PERMISSIONS, roleAllows, type RouteKey } from '../../common/permissions.js';

export type { RouteKey };

/** True when `role` may call the API route: the server's one permission table decides. */
export function roleCan(role: Role | undefined, route: RouteKey): boolean {
  const access = PERMISSIONS[route];
  if (access === 'public') return true;
  return role !== undefined && roleAllows(role, access);
}

export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Viewer',
  operator: 'Operator',
  supervisor: 'Supervisor',
  admin: 'Administrator',
};
