import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { StopReason, StopReasonCategory } from '../../../common/api/stop-reasons.js';
import { useStopReasonTree } from '../../api/admin.js';
import { AdminSection } from './AdminSection.js';
import { ReasonNodeActions } from './ReasonNodeActions.js';
import { StopReasonForm } from './StopReasonForm.js';

type Editing = { node: StopReason | null; parentId: number | null } | null;

function CategoryCard({
  category,
  onEdit,
}: {
  category: StopReasonCategory;
  onEdit: (editing: Editing) => void;
}) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={`reason-category-${category.code}`}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={700} fz="lg" c={category.active ? undefined : 'dimmed'}>
              {category.name}
            </Text>
            <Text ff="monospace" size="sm" c="dimmed">
              {category.code}
            </Text>
          </Group>
          <Group gap={6}>
            <Badge color={category.planned ? 'teal' : 'red'} variant="light">
              {category.planned ? 'Planned' : 'Unplanned'}
            </Badge>
            <Badge color="indigo" variant="light">
              {category.oeeLoss}
            </Badge>
            {!category.active && <Badge color="gray">Inactive</Badge>}
          </Group>
        </Stack>
        <Group gap="xs">
          <Button
            size="xs"
            onClick={() => onEdit({ node: null, parentId: category.id })}
            data-testid={`add-reason-${category.code}`}
          >
            Add reason
          </Button>
          <ReasonNodeActions
            node={category}
            onEdit={() => onEdit({ node: category, parentId: null })}
            canDelete={category.reasons.length === 0}
          />
        </Group>
      </Group>
      {category.reasons.length > 0 && (
        <Table verticalSpacing={6} mt="sm" miw={520}>
          <Table.Tbody>
            {category.reasons.map((reason) => (
              <Table.Tr key={reason.id} data-testid={`reason-row-${reason.code}`}>
                <Table.Td w="40%" c={reason.active ? undefined : 'dimmed'}>
                  {reason.name}
                  {!reason.active && (
                    <Badge color="gray" size="xs" ml="xs">
                      Inactive
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ff="monospace" c="dimmed">
                  {reason.code}
                </Table.Td>
                <Table.Td>
                  <ReasonNodeActions
                    node={reason}
                    onEdit={() => onEdit({ node: reason, parentId: category.id })}
                    canDelete
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** The two-level stop reason tree: categories (classified) with their reasons. */
export function StopReasonsTab() {
  const tree = useStopReasonTree();
  const [editing, setEditing] = useState<Editing>(null);
  return (
    <AdminSection
      title="Stop reasons"
      description="Categories say whether a stop is planned and which OEE loss it counts against; operators pick the reasons under them."
      addLabel="Add category"
      addTestId="add-reason-category"
      onAdd={() => setEditing({ node: null, parentId: null })}
      loading={tree.isPending}
      error={tree.error}
      bare
    >
      <Stack gap="md">
        {tree.data?.map((category) => (
          <CategoryCard key={category.id} category={category} onEdit={setEditing} />
        ))}
        {tree.data?.length === 0 && <Text c="dimmed">No categories yet.</Text>}
      </Stack>
      {editing && (
        <StopReasonForm
          node={editing.node}
          parentId={editing.parentId}
          categories={tree.data ?? []}
          onClose={() => setEditing(null)}
        />
      )}
    </AdminSection>
  );
}
