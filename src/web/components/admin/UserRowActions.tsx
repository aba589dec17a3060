import { Button, Group } from '@mantine/core';
import type { User } from '../../../common/api/users.js';
import { useSetUserActive } from '../../api/admin.js';
import { ConfirmButton } from './ConfirmButton.js';

/** Edit, reset password, deactivate/reactivate (the server refuses to lose the last admin). */
export function UserRowActions({
  user,
  onEdit,
  onResetPassword,
}: {
  user: User;
  onEdit: () => void;
  onResetPassword: () => void;
}) {
  const setActive = useSetUserActive();
  const toggle = () =>
    setActive.mutateAsync({ id: user.id, active: !user.active, version: user.version });
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      <Button size="xs" variant="default" onClick={onEdit} data-testid="edit-user">
        Edit
      </Button>
      <Button size="xs" variant="default" onClick={onResetPassword} data-testid="reset-password">
        Password
      </Button>
      {user.active ? (
        <ConfirmButton
          label="Deactivate"
          question={`Deactivate ${user.displayName}? They are signed out and cannot sign in until reactivated.`}
          onConfirm={toggle}
          testId="deactivate-user"
        />
      ) : (
        <ConfirmButton
          label="Reactivate"
          color="green"
          question={`Let ${user.displayName} sign in again?`}
          onConfirm={toggle}
          testId="reactivate-user"
        />
      )}
    </Group>
  );
}
