import { Button, Group, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice.js';

/** A modal form: fields, the server's error (minus fields shown inline), Cancel and Save. */
export function FormModal({
  opened,
  title,
  onClose,
  onSubmit,
  saving,
  error,
  shownFields,
  submitLabel = 'Save',
  testId,
  children,
}: {
  opened: boolean;
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  saving: boolean;
  error: unknown;
  shownFields: readonly string[];
  submitLabel?: string;
  testId?: string;
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" centered>
      <form onSubmit={submit} data-testid={testId} noValidate>
        <Stack gap="sm">
          {children}
          <ErrorNotice error={error} shownFields={shownFields} />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving} data-testid="form-submit">
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
