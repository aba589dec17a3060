import { Button, Group } from '@mantine/core';
import type { Machine } from '../../../common/api/machines.js';
import { useDeleteMachine, useRetireMachine } from '../../api/machines.js';
import { ConfirmButton } from './ConfirmButton.js';

/** Edit, retire/unretire and delete (the server refuses to delete a machine with history). */
export function MachineRowActions({ machine, onEdit }: { machine: Machine; onEdit: () => void }) {
  const retire = useRetireMachine();
  const remove = useDeleteMachine();
  const retired = machine.retiredAt !== null;
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      <Button size="xs" variant="default" onClick={onEdit} data-testid="edit-machine">
        Edit
      </Button>
      <ConfirmButton
        label={retired ? 'Unretire' : 'Retire'}
        color={retired ? 'green' : 'orange'}
        question={
          retired
            ? `Bring ${machine.code} back onto the boards as available?`
            : `Retire ${machine.code}? It keeps its history but leaves the boards.`
        }
        onConfirm={() =>
          retire.mutateAsync({ id: machine.id, retire: !retired, version: machine.version })
        }
        testId={retired ? 'unretire-machine' : 'retire-machine'}
      />
      <ConfirmButton
        label="Delete"
        question={`Delete ${machine.code}? Only a machine with no orders or stops can be deleted; retire it otherwise.`}
        onConfirm={() => remove.mutateAsync(machine.id)}
        testId="delete-machine"
      />
    </Group>
  );
}
