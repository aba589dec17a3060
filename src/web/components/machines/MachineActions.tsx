import { Button, Group, Menu, Text } from '@mantine/core';
import { useState } from 'react';
import { MANUAL_MACHINE_STATUSES, type Machine } from '../../../common/api/machines.js';
import { useSetMachineStatus } from '../../api/machines.js';
import { useSession } from '../../auth/session.js';
import { describeError } from '../admin/errors.js';
import { MACHINE_STATUS_STYLE } from './status.js';
import { StopDialog } from './StopDialog.js';

/** What the signed-in user may do to a machine from the board: report/end a stop, set status. */
export function MachineActions({ machine }: { machine: Machine }) {
  const { can } = useSession();
  const setStatus = useSetMachineStatus();
  const [dialog, setDialog] = useState<'open' | 'close' | null>(null);

  if (machine.retiredAt) return null;
  const idle = machine.runningOrder === null;
  const stop = machine.openStop;
  const canOpenStop = idle && !stop && can('POST /api/stops');
  const canCloseStop = stop !== null && stop.orderId === null && can('POST /api/stops/:id/close');
  const canSetStatus = idle && can('POST /api/machines/:id/status');
  if (!canOpenStop && !canCloseStop && !canSetStatus) return null;

  return (
    <>
      <Group gap="xs" mt={4} grow wrap="nowrap">
        {canOpenStop && (
          <Button
            color="orange"
            variant="light"
            size="md"
            px="xs"
            onClick={() => setDialog('open')}
            data-testid="open-stop"
          >
            Report stop
          </Button>
        )}
        {canCloseStop && (
          <Button
            color="green"
            size="md"
            px="xs"
            onClick={() => setDialog('close')}
            data-testid="close-stop"
          >
            End stop
          </Button>
        )}
        {canSetStatus && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                variant="default"
                size="md"
                px="xs"
                loading={setStatus.isPending}
                data-testid="set-status"
              >
                Set status
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {MANUAL_MACHINE_STATUSES.filter((s) => s !== machine.status).map((status) => (
                <Menu.Item
                  key={status}
                  py="sm"
                  data-testid={`set-status-${status}`}
                  onClick={() =>
                    setStatus.mutate({ id: machine.id, body: { status, version: machine.version } })
                  }
                >
                  {MACHINE_STATUS_STYLE[status].label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {setStatus.error && (
        <Text size="sm" c="red" mt={6} role="alert" data-testid="machine-error">
          {describeError(setStatus.error)}
        </Text>
      )}
      {dialog && <StopDialog machine={machine} mode={dialog} onClose={() => setDialog(null)} />}
    </>
  );
}
