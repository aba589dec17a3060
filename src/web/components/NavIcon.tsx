/** Small line icons for the navigation, drawn in the current text colour. */
export type NavIconName =
  'home' | 'orders' | 'machines' | 'operator' | 'maturation' | 'reports' | 'admin';

const PATHS: Record<NavIconName, string> = {
  home: 'M3 11.5 12 4l9 7.5M5.5 9.5V20h4.5v-6h4v6h4.5V9.5',
  orders: 'M9 4h6v3H9zM15 5.5h3V21H6V5.5h3M9 11.5h6M9 15.5h6',
  machines: 'M3 21V10l5 3.5V10l5 3.5V10l5 3.5V4h3v17zM7 17.5h2M12 17.5h2',
  operator: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4.5 21c.8-3.8 3.8-6 7.5-6s6.7 2.2 7.5 6',
  maturation:
    'M6.5 3h11M6.5 21h11M8 3v3.5c0 2.2 4 3.6 4 5.5s-4 3.3-4 5.5V21M16 3v3.5c0 2.2-4 3.6-4 5.5s4 3.3 4 5.5V21',
  reports: 'M4 20h16M7 16.5v-5M12 16.5V7M17 16.5v-8',
  admin:
    'M4 7h9M17 7h3M4 17h3M11 17h9M15 9a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM9 19a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
};

export function NavIcon({ name, size = 20 }: { name: NavIconName; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
