import { PasswordInput, Text } from '@mantine/core';
import { useState } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../../common/api/auth.js';
import type { User } from '../../../common/api/users.js';
import { useSaveUser } from '../../api/admin.js';
import { fieldError } from './errors.js';
import { FormModal } from './FormModal.js';

/** Sets a new password for a user (which signs them out everywhere). */
export function ResetPasswordForm({ user, onClose }: { user: User; onClose: () => void }) {
  const save = useSaveUser();
  const [password, setPassword] = useState('');
  return (
    <FormModal
      opened
      title={`Reset the password of ${user.username}`}
      onClose={onClose}
      onSubmit={() =>
        save.mutate(
          { id: user.id, body: { password, version: user.version } },
          { onSuccess: onClose },
        )
      }
      saving={save.isPending}
      error={save.error}
      shownFields={['password']}
      submitLabel="Reset password"
      testId="reset-password-form"
    >
      <Text size="sm" c="dimmed">
        {user.displayName} will be signed out on every device and must sign in with the new
        password.
      </Text>
      <PasswordInput
        label="New password"
        description={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={fieldError(save.error, 'password')}
        required
        autoComplete="new-password"
        data-autofocus
      />
    </FormModal>
  );
}
