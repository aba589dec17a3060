import { Button, Group, Text } from '@mantine/core';
import type { StopReason } from '../../../common/api/stop-reasons.js';
import { useDeleteStopReason, useSaveStopReason } from '../../api/admin.js';
import { ConfirmButton } from './ConfirmButton.js';
import { describeError } from './errors.js';

/** Edit, (de)activate and delete buttons of one node of the reason tree. */
export function ReasonNodeActions({
  node,
  onEdit,
  canDelete,
}: {
  node: StopReason;
  onEdit: () => void;
  canDelete: boolean;
}) {
  const save = useSaveStopReason();
  const remove = useDeleteStopReason();
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {save.error && (
        <Text size="xs" c="red" role="alert">
          {describeError(save.error)}
        </Text>
      )}
      <Button size="xs" variant="default" onClick={onEdit} data-testid={`edit-reason-${node.code}`}>
        Edit
      </Button>
      <Button
        size="xs"
        variant="light"
        color={node.active ? 'gray' : 'green'}
        loading={save.isPending}
        onClick={() => save.mutate({ id: node.id, body: { active: !node.active } })}
        data-testid={`toggle-reason-${node.code}`}
      >
        {node.active ? 'Deactivate' : 'Activate'}
      </Button>
      {canDelete && (
        <ConfirmButton
          label="Delete"
          question={`Delete ${node.name}? Reasons already used by stops can only be deactivated.`}
          onConfirm={() => remove.mutateAsync(node.id)}
        />
      )}
    </Group>
  );
}
