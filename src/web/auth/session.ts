import { createContext, useContext } from 'react';
import type { SessionUser } from '../../common/api/auth.js';
import type { RouteKey } from './permissions.js';

export interface Session {
  user: SessionUser;
  role: SessionUser['role'];
  /** May this user call the API route? Use it to show only the buttons that will work. */
  can: (route: RouteKey) => boolean;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in user; only inside the pages behind sign-in. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() is only available behind sign-in.');
  return session;
}
