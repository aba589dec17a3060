import type { NavIconName } from '../components/NavIcon.js';

export interface NavItem {
  label: string;
  path: string;
  icon: NavIconName;
  description: string;
}

/** The sections of the app, in navbar order. */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Home', path: '/', icon: 'home', description: 'Plant clock and current shift' },
  { label: 'Orders', path: '/orders', icon: 'orders', description: 'Production orders' },
  { label: 'Machines', path: '/machines', icon: 'machines', description: 'Machines and stops' },
  { label: 'Operator', path: '/operator', icon: 'operator', description: 'The operator station' },
  {
    label: 'Maturation',
    path: '/maturation',
    icon: 'maturation',
    description: 'The maturation room',
  },
  { label: 'Reports', path: '/reports', icon: 'reports', description: 'Output, downtime, OEE' },
  { label: 'Admin', path: '/admin', icon: 'admin', description: 'Users, machines, settings' },
];
