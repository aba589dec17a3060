import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ChangePasswordBody, MIN_PASSWORD_LENGTH } from '../../common/api/auth.js';
import { useChangePassword } from '../api/auth.js';
import { ApiError, fieldError } from '../api/client.js';

type Fields = Partial<Record<'oldPassword' | 'newPassword' | 'confirm', string>>;

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Change one's own password: needs the current one; other sessions of the user end. */
export function ChangePasswordDialog({
  opened,
  onClose,
}: {
  opened: boolean;
  onClose: () => void;
}) {
  const change = useChangePassword();
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [local, setLocal] = useState<Fields>({});
  const [done, setDone] = useState(false);

  const close = () => {
    setOld('');
    setNew('');
    setConfirm('');
    setLocal({});
    setDone(false);
    change.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ChangePasswordBody.safeParse({ oldPassword, newPassword });
    const errors: Fields = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as 'oldPassword' | 'newPassword';
        errors[key] ??= capitalise(issue.message);
      }
    }
    if (newPassword !== confirm) errors.confirm = 'The two new passwords differ';
    setLocal(errors);
    if (Object.keys(errors).length > 0 || !parsed.success) return;
    change.mutate(parsed.data, { onSuccess: () => setDone(true) });
  };

  const serverField = (f: string) => {
    const problem = fieldError(change.error, f);
    return problem ? capitalise(problem) : undefined;
  };
  const generalError =
    change.error instanceof ApiError && !change.error.fields ? change.error.message : undefined;

  return (
    <Modal opened={opened} onClose={close} title="Change password" centered>
      {done ? (
        <Stack>
          <Alert color="green" data-testid="password-changed">
            Your password has been changed. Other devices signed in as you have been signed out.
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {generalError && <Alert color="red">{generalError}</Alert>}
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              value={oldPassword}
              onChange={(e) => setOld(e.currentTarget.value)}
              error={local.oldPassword ?? serverField('oldPassword')}
              data-autofocus
            />
            <PasswordInput
              label="New password"
              autoComplete="new-password"
              description={`At least ${MIN_PASSWORD_LENGTH} characters`}
              value={newPassword}
              onChange={(e) => setNew(e.currentTarget.value)}
              error={local.newPassword ?? serverField('newPassword')}
            />
            <PasswordInput
              label="Repeat the new password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.currentTarget.value)}
              error={local.confirm}
            />
            <Text size="xs" c="dimmed">
              Changing it signs you out everywhere else.
            </Text>
            <Group justify="flex-end" mt="xs">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={change.isPending}>
                Change password
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
