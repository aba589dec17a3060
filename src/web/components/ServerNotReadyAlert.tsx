import { Alert, Button, Group, Text } from '@mantine/core';
import { ApiError } from '../api/client.js';
import { notReadyReason } from '../api/system.js';

function describe(error: unknown): string {
  switch (notReadyReason(error)) {
    case 'database_unreachable':
      return 'The server cannot reach its database.';
    case 'migrations_pending':
      return 'The database is waiting for migrations to be applied.';
    case undefined:
      break;
  }
  if (error instanceof ApiError && error.status === 0) return 'The server could not be reached.';
  if (error instanceof ApiError) return `${error.message} (HTTP ${error.status}).`;
  return 'The server gave an unexpected answer.';
}

/** Shown whenever the latest /api/ready call answered 503 or failed. */
export function ServerNotReadyAlert({
  error,
  onRetry,
  retrying,
  hasStaleData,
}: {
  error: unknown;
  hasStaleData: boolean;
  onRetry: () => void;
  retrying: boolean;
}) {
  return (
    <Alert
      color="red"
      variant="light"
      title="Server not ready"
      data-testid="server-not-ready"
      role="alert"
    >
      <Group justify="space-between" align="center" gap="sm">
        <Text size="sm">
          {describe(error)} {hasStaleData ? 'The figures below are from its last answer. ' : ''}
          Checking again every 30 seconds.
        </Text>
        <Button size="xs" color="red" variant="outline" onClick={onRetry} loading={retrying}>
          Retry now
        </Button>
      </Group>
    </Alert>
  );
}
