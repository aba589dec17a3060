import { Badge, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { User } from '../../../common/api/users.js';
import { useUsers } from '../../api/admin.js';
import { useReady } from '../../api/system.js';
import { ROLE_LABELS } from '../../auth/permissions.js';
import { formatHourMinute, formatShortDate } from '../time.js';
import { AdminSection } from './AdminSection.js';
import { ResetPasswordForm } from './ResetPasswordForm.js';
import { UserForm } from './UserForm.js';
import { UserRowActions } from './UserRowActions.js';

const ROLE_COLOURS = { viewer: 'gray', operator: 'blue', supervisor: 'teal', admin: 'grape' };

function lastLogin(iso: string | null, zone: string | undefined): string {
  if (!iso || !zone) return 'never';
  const at = Date.parse(iso);
  return `${formatShortDate(at, zone)} ${formatHourMinute(at, zone)}`;
}

/** Sign-in accounts: role, active, contact details (admins only see these). */
export function UsersTab() {
  const users = useUsers();
  const zone = useReady().data?.ready.plant.timeZone;
  const [show, setShow] = useState<'active' | 'all'>('active');
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const shown = (users.data?.items ?? []).filter((u) => show === 'all' || u.active);

  return (
    <AdminSection
      title="Users"
      description="Who may sign in, and with which role. There is no self-registration."
      addLabel="Add user"
      addTestId="add-user"
      onAdd={() => setEditing('new')}
      loading={users.isPending}
      error={users.error}
      actions={
        <SegmentedControl
          value={show}
          onChange={(v) => setShow(v as 'active' | 'all')}
          data={[
            { value: 'active', label: 'Active' },
            { value: 'all', label: 'All' },
          ]}
        />
      }
    >
      <Table striped highlightOnHover verticalSpacing="sm" miw={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Contact</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((user) => (
            <Table.Tr key={user.id} data-testid={`user-row-${user.username}`}>
              <Table.Td>
                <Stack gap={0}>
                  <Text fw={600} c={user.active ? undefined : 'dimmed'}>
                    {user.displayName}
                    {!user.active && (
                      <Badge color="gray" size="xs" ml="xs">
                        Inactive
                      </Badge>
                    )}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {user.username}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Badge
                  color={ROLE_COLOURS[user.role]}
                  variant="light"
                  style={{ minWidth: 'max-content' }}
                >
                  {ROLE_LABELS[user.role]}
                </Badge>
                <Text size="xs" c="dimmed" mt={4} style={{ whiteSpace: 'nowrap' }}>
                  Last in: {lastLogin(user.lastLoginAt, zone)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{user.email ?? '—'}</Text>
                {user.phone && (
                  <Text size="xs" c="dimmed">
                    {user.phone}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <UserRowActions
                  user={user}
                  onEdit={() => setEditing(user)}
                  onResetPassword={() => setResetting(user)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing !== null && (
        <UserForm user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {resetting && <ResetPasswordForm user={resetting} onClose={() => setResetting(null)} />}
    </AdminSection>
  );
}
