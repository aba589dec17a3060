import { ColorInput, Group, NumberInput, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Environment } from '../../../common/api/environments.js';
import { useSaveEnvironment } from '../../api/admin.js';
import { fieldError } from './errors.js';
import { FormModal } from './FormModal.js';

const FIELDS = ['code', 'name', 'colour', 'active', 'sortOrder'] as const;

/** Create (no `environment`) or edit an environment; remount with `key` per row. */
export function EnvironmentForm({
  environment,
  onClose,
}: {
  environment: Environment | null;
  onClose: () => void;
}) {
  const save = useSaveEnvironment();
  const [code, setCode] = useState(environment?.code ?? '');
  const [name, setName] = useState(environment?.name ?? '');
  const [colour, setColour] = useState(environment?.colour ?? '');
  const [active, setActive] = useState(environment?.active ?? true);
  const [sortOrder, setSortOrder] = useState<number | string>(environment?.sortOrder ?? 0);

  const submit = () => {
    const body = {
      code,
      name,
      colour: colour === '' ? null : colour,
      active,
      sortOrder: typeof sortOrder === 'number' ? sortOrder : 0,
    };
    save.mutate({ id: environment?.id, body }, { onSuccess: onClose });
  };

  const err = (f: string) => fieldError(save.error, f);
  return (
    <FormModal
      opened
      title={environment ? `Edit ${environment.name}` : 'New environment'}
      onClose={onClose}
      onSubmit={submit}
      saving={save.isPending}
      error={save.error}
      shownFields={FIELDS}
      testId="environment-form"
    >
      <Group grow align="flex-start">
        <TextInput
          label="Code"
          description="lower-case, e.g. milk-powder"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={err('code')}
          required
          data-testid="env-code"
        />
        <TextInput
          label="Name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={err('name')}
          required
          data-testid="env-name"
        />
      </Group>
      <Group grow align="flex-start">
        <ColorInput
          label="Colour"
          format="hex"
          value={colour}
          onChange={setColour}
          error={err('colour')}
          swatches={['#2f9e44', '#1971c2', '#e8590c', '#9c36b5', '#f08c00', '#0c8599', '#c2255c']}
          data-testid="env-colour"
        />
        <NumberInput
          label="Order"
          description="smaller first"
          min={0}
          max={10_000}
          allowDecimal={false}
          value={sortOrder}
          onChange={setSortOrder}
          error={err('sortOrder')}
        />
      </Group>
      <Switch
        label="Active"
        checked={active}
        onChange={(e) => setActive(e.currentTarget.checked)}
        error={err('active')}
      />
    </FormModal>
  );
}
