import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { describeError } from './errors.js';

/** One admin tab: a title, an "Add" button, and the list (with loading and error states). */
export function AdminSection({
  title,
  description,
  addLabel,
  onAdd,
  addTestId,
  loading,
  error,
  actions,
  bare = false,
  children,
}: {
  title: string;
  description?: string;
  addLabel?: string;
  onAdd?: () => void;
  addTestId?: string;
  loading: boolean;
  error: unknown;
  actions?: ReactNode;
  /** Children draw their own boxes (no bordered paper around them). */
  bare?: boolean;
  children: ReactNode;
}) {
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{title}</Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        <Group gap="sm">
          {actions}
          {addLabel && onAdd && (
            <Button onClick={onAdd} data-testid={addTestId}>
              {addLabel}
            </Button>
          )}
        </Group>
      </Group>
      {error ? (
        <Alert color="red" variant="light" title="Could not load" role="alert">
          {describeError(error)}
        </Alert>
      ) : loading ? (
        <Group justify="center" p="xl">
          <Loader />
        </Group>
      ) : bare ? (
        children
      ) : (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
          {children}
        </Paper>
      )}
    </Stack>
  );
}
