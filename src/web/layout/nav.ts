import type { NavIconName } from '../components/NavIcon.js';
import type { RouteKey } from '../auth/permissions.js';

export interface NavItem {
  label: string;
  path: string;
  icon: NavIconName;
  description: string;
  /** The API route the section cannot work without: roles that may not call it don't see it. */
  needs: RouteKey;
}

/** The sections of the app, in navbar order. */
export const NAV_ITEMS: readonly NavItem[] = [
  {
    label: 'Home',
    path: '/',
    icon: 'home',
    description: 'Plant clock and current shift',
    needs: 'GET /api/auth/me',
  },
  {
    label: 'Orders',
    path: '/orders',
    icon: 'orders',
    description: 'Production orders',
    needs: 'GET /api/orders',
  },
  {
    label: 'Machines',
    path: '/machines',
    icon: 'machines',
    description: 'Machines and stops',
    needs: 'GET /api/machines',
  },
  {
    label: 'Operator',
    path: '/operator',
    icon: 'operator',
    description: 'The operator station',
    needs: 'POST /api/orders/:id/start',
  },
  {
    label: 'Maturation',
    path: '/maturation',
    icon: 'maturation',
    description: 'The maturation room',
    needs: 'GET /api/maturation',
  },
  {
    label: 'Reports',
    path: '/reports',
    icon: 'reports',
    description: 'Output, downtime, OEE',
    needs: 'GET /api/orders',
  },
  {
    label: 'Admin',
    path: '/admin',
    icon: 'admin',
    description: 'Users, machines, settings',
    needs: 'GET /api/users',
  },
];

export function navItem(path: string): NavItem {
  const item = NAV_ITEMS.find((i) => i.path === path);
  if (!item) throw new Error(`No navigation item for ${path}`);
  return item;
}
