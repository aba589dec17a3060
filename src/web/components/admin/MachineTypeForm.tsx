import { Group, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { MachineType } from '../../../common/api/machine-types.js';
import { useSaveMachineType } from '../../api/admin.js';
import { fieldError } from './errors.js';
import { FormModal } from './FormModal.js';

const FIELDS = ['code', 'name', 'description'] as const;

/** Create (no `machineType`) or edit a machine type. */
export function MachineTypeForm({
  machineType,
  onClose,
}: {
  machineType: MachineType | null;
  onClose: () => void;
}) {
  const save = useSaveMachineType();
  const [code, setCode] = useState(machineType?.code ?? '');
  const [name, setName] = useState(machineType?.name ?? '');
  const [description, setDescription] = useState(machineType?.description ?? '');
  const err = (f: string) => fieldError(save.error, f);

  return (
    <FormModal
      opened
      title={machineType ? `Edit ${machineType.name}` : 'New machine type'}
      onClose={onClose}
      onSubmit={() =>
        save.mutate(
          { id: machineType?.id, body: { code, name, description } },
          { onSuccess: onClose },
        )
      }
      saving={save.isPending}
      error={save.error}
      shownFields={FIELDS}
      testId="machine-type-form"
    >
      <Group grow align="flex-start">
        <TextInput
          label="Code"
          description="lower-case, e.g. ribbon-mixer"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={err('code')}
          required
        />
        <TextInput
          label="Name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={err('name')}
          required
        />
      </Group>
      <Textarea
        label="Description"
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={err('description')}
        autosize
        minRows={2}
      />
    </FormModal>
  );
}
