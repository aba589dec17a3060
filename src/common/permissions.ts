import type { Role } from './roles.js';
import { ROLES } from './roles.js';

/**
 * THE permission table: every API route and the least role that may call it (roles are
 * ordered viewer < operator < supervisor < admin). 'public' needs no session.
 * A route registered without an entry here makes the app refuse to start.
 */
export type Access = 'public' | Role;

export const PERMISSIONS = {
  // system
  'GET /api/health': 'public',
  'GET /api/ready': 'public',
  // sign-in
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'viewer',
  'GET /api/auth/me': 'viewer',
  'POST /api/auth/password': 'viewer',
  // users (contact details are shown to admins only)
  'GET /api/users': 'admin',
  'GET /api/users/:id': 'admin',
  'POST /api/users': 'admin',
  'PATCH /api/users/:id': 'admin',
  'POST /api/users/:id/deactivate': 'admin',
  'POST /api/users/:id/reactivate': 'admin',
  // master data
  'GET /api/environments': 'viewer',
  'POST /api/environments': 'admin',
  'PATCH /api/environments/:id': 'admin',
  'DELETE /api/environments/:id': 'admin',
  'GET /api/machine-types': 'viewer',
  'POST /api/machine-types': 'admin',
  'PATCH /api/machine-types/:id': 'admin',
  'DELETE /api/machine-types/:id': 'admin',
  'GET /api/machines': 'viewer',
  'GET /api/machines/:id': 'viewer',
  'POST /api/machines': 'admin',
  'PATCH /api/machines/:id': 'admin',
  'POST /api/machines/:id/status': 'supervisor',
  'POST /api/machines/:id/retire': 'admin',
  'POST /api/machines/:id/unretire': 'admin',
  'DELETE /api/machines/:id': 'admin',
  'GET /api/stop-reasons': 'viewer',
  'POST /api/stop-reasons': 'admin',
  'PATCH /api/stop-reasons/:id': 'admin',
  'DELETE /api/stop-reasons/:id': 'admin',
  'GET /api/products': 'viewer',
  'POST /api/products': 'admin',
  'PATCH /api/products/:id': 'admin',
  'DELETE /api/products/:id': 'admin',
  // production orders
  'GET /api/orders': 'viewer',
  'GET /api/orders/:id': 'viewer',
  'POST /api/orders': 'supervisor',
  'PATCH /api/orders/:id': 'supervisor',
  'POST /api/orders/:id/start': 'operator',
  'POST /api/orders/:id/pause': 'operator',
  'POST /api/orders/:id/resume': 'operator',
  'POST /api/orders/:id/count': 'operator',
  'POST /api/orders/:id/complete': 'operator',
  'POST /api/orders/:id/cancel': 'supervisor',
  'POST /api/orders/:id/archive': 'supervisor',
  'POST /api/orders/:id/restore': 'supervisor',
  'GET /api/orders/:id/waste': 'viewer',
  'POST /api/orders/:id/waste': 'operator',
  // stops and waste
  'GET /api/stops': 'viewer',
  'GET /api/stops/:id': 'viewer',
  'POST /api/stops': 'operator',
  'POST /api/stops/:id/close': 'operator',
  'PATCH /api/stops/:id': 'supervisor',
  'GET /api/waste': 'viewer',
  'PATCH /api/waste/:id': 'supervisor',
  'DELETE /api/waste/:id': 'supervisor',
  // maturation room
  'GET /api/maturation': 'viewer',
  'GET /api/maturation/overdue': 'viewer',
  'GET /api/maturation/:id': 'viewer',
  'POST /api/maturation': 'supervisor',
  'PATCH /api/maturation/:id': 'supervisor',
  'POST /api/maturation/:id/checks': 'operator',
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof PERMISSIONS;

/** Routes outside the table: the generated API documentation (public, read-only). */
export const DOCS_PREFIX = '/api/docs';

export function routeKey(method: string, url: string): string {
  return `${method === 'HEAD' ? 'GET' : method} ${url}`;
}

export function accessFor(method: string, url: string): Access | undefined {
  if (url === DOCS_PREFIX || url.startsWith(`${DOCS_PREFIX}/`)) return 'public';
  return (PERMISSIONS as Record<string, Access>)[routeKey(method, url)];
}

export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
