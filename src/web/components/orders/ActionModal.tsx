import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { orderErrorMessage } from '../../api/orders.js';

/** A dialog that asks for what an action needs, shows the server's error, and confirms. */
export function ActionModal({
  opened,
  onClose,
  title,
  confirmLabel,
  confirmColor,
  onConfirm,
  pending,
  error,
  disabled = false,
  children,
  testId,
  size = 'md',
}: {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  confirmLabel: string;
  confirmColor?: string;
  onConfirm: () => void;
  pending: boolean;
  error: unknown;
  disabled?: boolean;
  children?: ReactNode;
  testId?: string;
  size?: string;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!disabled && !pending) onConfirm();
  };
  // Field errors also show next to their fields; the banner always says what went wrong.
  const showBanner = error !== null && error !== undefined;
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered size={size}>
      <form onSubmit={submit} noValidate data-testid={testId}>
        <Stack gap="md">
          {showBanner && (
            <Alert color="red" data-testid="action-error" role="alert">
              {orderErrorMessage(error)}
            </Alert>
          )}
          {children}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} size="md">
              Back
            </Button>
            <Button
              type="submit"
              color={confirmColor}
              loading={pending}
              disabled={disabled}
              size="md"
              data-testid="action-confirm"
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
