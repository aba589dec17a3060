import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { Environment } from '../../../common/api/environments.js';
import { useDeleteEnvironment, useEnvironments } from '../../api/admin.js';
import { AdminSection } from './AdminSection.js';
import { ColourDot } from './ColourDot.js';
import { ConfirmButton } from './ConfirmButton.js';
import { EnvironmentForm } from './EnvironmentForm.js';

/** Areas of the plant (blending, packaging, …): code, name, colour, active, order. */
export function EnvironmentsTab() {
  const environments = useEnvironments();
  const remove = useDeleteEnvironment();
  const [editing, setEditing] = useState<Environment | 'new' | null>(null);

  return (
    <AdminSection
      title="Environments"
      description="Areas of the plant. Machines and orders belong to one."
      addLabel="Add environment"
      addTestId="add-environment"
      onAdd={() => setEditing('new')}
      loading={environments.isPending}
      error={environments.error}
    >
      <Table striped highlightOnHover verticalSpacing="sm" miw={600}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Code</Table.Th>
            <Table.Th>Order</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {environments.data?.map((env) => (
            <Table.Tr key={env.id} data-testid={`environment-row-${env.code}`}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <ColourDot colour={env.colour} />
                  <Text fw={600}>{env.name}</Text>
                </Group>
              </Table.Td>
              <Table.Td ff="monospace">{env.code}</Table.Td>
              <Table.Td>{env.sortOrder}</Table.Td>
              <Table.Td>
                <Badge color={env.active ? 'green' : 'gray'} variant="light">
                  {env.active ? 'Active' : 'Inactive'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button size="xs" variant="default" onClick={() => setEditing(env)}>
                    Edit
                  </Button>
                  <ConfirmButton
                    label="Delete"
                    question={`Delete ${env.name}? Environments in use can only be deactivated.`}
                    onConfirm={() => remove.mutateAsync(env.id)}
                  />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {environments.data?.length === 0 && (
        <Text c="dimmed" p="md">
          No environments yet.
        </Text>
      )}
      {editing !== null && (
        <EnvironmentForm
          environment={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </AdminSection>
  );
}
