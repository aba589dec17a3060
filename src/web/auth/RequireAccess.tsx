import { Alert, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { RouteKey } from './permissions.js';
import { useSession } from './session.js';

/** Shows the page only to roles that may call `route`; others get a plain explanation. */
export function RequireAccess({ route, children }: { route: RouteKey; children: ReactNode }) {
  const { can, user } = useSession();
  if (can(route)) return children;
  return (
    <Stack maw={720} gap="md">
      <Title order={2}>Not available</Title>
      <Alert color="yellow" data-testid="no-access">
        This page is not available to the {user.role} role. Ask a supervisor or administrator if you
        need it.
      </Alert>
    </Stack>
  );
}
