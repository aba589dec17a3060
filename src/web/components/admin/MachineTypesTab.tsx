import { Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { MachineType } from '../../../common/api/machine-types.js';
import { useDeleteMachineType, useMachineTypes } from '../../api/admin.js';
import { AdminSection } from './AdminSection.js';
import { ConfirmButton } from './ConfirmButton.js';
import { MachineTypeForm } from './MachineTypeForm.js';

/** Kinds of machine (mixer, filler, …). */
export function MachineTypesTab() {
  const types = useMachineTypes();
  const remove = useDeleteMachineType();
  const [editing, setEditing] = useState<MachineType | 'new' | null>(null);

  return (
    <AdminSection
      title="Machine types"
      description="Kinds of machine; each machine may name one."
      addLabel="Add machine type"
      addTestId="add-machine-type"
      onAdd={() => setEditing('new')}
      loading={types.isPending}
      error={types.error}
    >
      <Table striped highlightOnHover verticalSpacing="sm" miw={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Code</Table.Th>
            <Table.Th>Description</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {types.data?.map((type) => (
            <Table.Tr key={type.id} data-testid={`machine-type-row-${type.code}`}>
              <Table.Td fw={600}>{type.name}</Table.Td>
              <Table.Td ff="monospace">{type.code}</Table.Td>
              <Table.Td c="dimmed">{type.description ?? '—'}</Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button size="xs" variant="default" onClick={() => setEditing(type)}>
                    Edit
                  </Button>
                  <ConfirmButton
                    label="Delete"
                    question={`Delete ${type.name}? Types still used by machines cannot be deleted.`}
                    onConfirm={() => remove.mutateAsync(type.id)}
                  />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {types.data?.length === 0 && (
        <Text c="dimmed" p="md">
          No machine types yet.
        </Text>
      )}
      {editing !== null && (
        <MachineTypeForm
          machineType={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </AdminSection>
  );
}
