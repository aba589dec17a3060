import { Group, PasswordInput, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../../common/api/auth.js';
import type { User } from '../../../common/api/users.js';
import { ROLES, type Role } from '../../../common/roles.js';
import { useSaveUser } from '../../api/admin.js';
import { ROLE_LABELS } from '../../auth/permissions.js';
import { fieldError } from './errors.js';
import { FormModal } from './FormModal.js';

const FIELDS = ['username', 'displayName', 'role', 'password', 'email', 'phone'] as const;

/** Create a user (with a first password) or edit one's name, role and contact details. */
export function UserForm({ user, onClose }: { user: User | null; onClose: () => void }) {
  const save = useSaveUser();
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'operator');
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState(user?.email ?? '');
  const [phone, setPhone] = useState(user?.phone ?? '');
  const err = (f: string) => fieldError(save.error, f);

  const submit = () => {
    const contact = { email: email.trim() || null, phone: phone.trim() || null };
    const body = user
      ? { displayName, role, ...contact, version: user.version }
      : { username, displayName, role, password, ...contact };
    save.mutate({ id: user?.id, body }, { onSuccess: onClose });
  };

  return (
    <FormModal
      opened
      title={user ? `Edit ${user.username}` : 'New user'}
      onClose={onClose}
      onSubmit={submit}
      saving={save.isPending}
      error={save.error}
      shownFields={FIELDS}
      testId="user-form"
    >
      <Group grow align="flex-start">
        <TextInput
          label="Username"
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={err('username')}
          disabled={user !== null}
          required
          autoComplete="off"
          data-testid="user-username"
        />
        <TextInput
          label="Display name"
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={err('displayName')}
          required
          data-testid="user-display-name"
        />
      </Group>
      <Select
        label="Role"
        data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        value={role}
        onChange={(v) => v && setRole(v as Role)}
        error={err('role')}
        allowDeselect={false}
        data-testid="user-role"
      />
      {!user && (
        <PasswordInput
          label="Password"
          description={`At least ${MIN_PASSWORD_LENGTH} characters; the user can change it later.`}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={err('password')}
          required
          autoComplete="new-password"
          data-testid="user-password"
        />
      )}
      <Group grow align="flex-start">
        <TextInput
          label="E-mail"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={err('email')}
        />
        <TextInput
          label="Phone"
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
          error={err('phone')}
        />
      </Group>
    </FormModal>
  );
}
