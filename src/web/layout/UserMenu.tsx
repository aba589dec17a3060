import { Avatar, Box, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useNavigate } from 'react-router';
import { useLogout } from '../api/auth.js';
import { ROLE_LABELS } from '../auth/permissions.js';
import { useSession } from '../auth/session.js';
import { ChangePasswordDialog } from './ChangePasswordDialog.js';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts.at(-1)![0]] : [name.slice(0, 2)];
  return letters.join('').toUpperCase();
}

/** The signed-in user in the header: name and role, change password, sign out. */
export function UserMenu() {
  const { user } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const [passwordOpen, password] = useDisclosure(false);

  const signOut = () =>
    logout.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) });

  return (
    <>
      <Menu position="bottom-end" width={240} shadow="md">
        <Menu.Target>
          <UnstyledButton
            aria-label={`Signed in as ${user.displayName}`}
            data-testid="user-menu"
            p={4}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          >
            <Box style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <Avatar color="cyan" radius="xl" size={36}>
                {initials(user.displayName)}
              </Avatar>
              <Box visibleFrom="md" maw={160}>
                <Text size="sm" fw={600} lh={1.2} truncate="end">
                  {user.displayName}
                </Text>
                <Text size="xs" c="dimmed" lh={1.2} data-testid="user-role">
                  {ROLE_LABELS[user.role]}
                </Text>
              </Box>
            </Box>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate="end">
              {user.displayName}
            </Text>
            <Text size="xs" c="dimmed" truncate="end">
              {user.username} · {ROLE_LABELS[user.role]}
            </Text>
          </Menu.Label>
          <Menu.Divider />
          <Menu.Item onClick={password.open} data-testid="change-password">
            Change password
          </Menu.Item>
          <Menu.Item color="red" onClick={signOut} data-testid="sign-out">
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordDialog opened={passwordOpen} onClose={password.close} />
    </>
  );
}
