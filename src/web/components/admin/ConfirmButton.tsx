import { Button, Group, Popover, Stack, Text, type ButtonProps } from '@mantine/core';
import { useState } from 'react';
import { describeError } from './errors.js';

/** A button that asks once before doing something hard to undo, and shows the server's refusal. */
export function ConfirmButton({
  label,
  question,
  confirmLabel = label,
  onConfirm,
  color = 'red',
  testId,
  ...buttonProps
}: {
  label: string;
  question: string;
  confirmLabel?: string;
  onConfirm: () => Promise<unknown>;
  testId?: string;
} & Omit<ButtonProps, 'children'>) {
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setOpened(false);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popover opened={opened} onChange={setOpened} width={280} withArrow shadow="md" trapFocus>
      <Popover.Target>
        <Button
          size="xs"
          variant="light"
          color={color}
          onClick={() => {
            setError(null);
            setOpened((o) => !o);
          }}
          data-testid={testId}
          {...buttonProps}
        >
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="sm">{question}</Text>
          {error !== null && (
            <Text size="sm" c="red" role="alert" data-testid="confirm-error">
              {describeError(error)}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button
              size="xs"
              color={color}
              loading={busy}
              onClick={() => void confirm()}
              data-testid="confirm-yes"
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
