import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { meQueryKey, useMe } from '../api/auth.js';
import { errorMessage, onUnauthorized } from '../api/client.js';
import { roleCan } from './permissions.js';
import { SessionContext, type Session } from './session.js';

/** Where sign-in sends the user back to: the page they were on. */
export function signInPath(location: { pathname: string; search: string }): string {
  const next = `${location.pathname}${location.search}`;
  return next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
}

/**
 * Guards every page behind sign-in: with no session (or when any call answers 401) it sends
 * the user to /sign-in and remembers where they were.
 */
export function RequireSession() {
  const location = useLocation();
  const queryClient = useQueryClient();
  const { data: user, error, isPending, refetch, isFetching } = useMe();

  useEffect(
    () =>
      onUnauthorized(() => {
        queryClient.setQueryData(meQueryKey, null);
      }),
    [queryClient],
  );

  const session = useMemo<Session | null>(
    () => (user ? { user, role: user.role, can: (route) => roleCan(user.role, route) } : null),
    [user],
  );

  if (isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (error && user === undefined) {
    return (
      <Center h="100vh" p="md">
        <Stack maw={420}>
          <Alert color="red" title="Cannot reach the server">
            {errorMessage(error)}
          </Alert>
          <Button onClick={() => void refetch()} loading={isFetching}>
            Try again
          </Button>
        </Stack>
      </Center>
    );
  }
  if (!session) return <Navigate to={signInPath(location)} replace />;
  return (
    <SessionContext.Provider value={session}>
      <Outlet />
    </SessionContext.Provider>
  );
}
