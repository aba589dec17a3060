import { Alert, CloseButton, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Machine } from '../../common/api/machines.js';
import { errorMessage } from '../api/client.js';
import { useMachines } from '../api/reference.js';
import { MachineBar } from '../components/operator/MachineBar.js';
import { MachinePicker } from '../components/operator/MachinePicker.js';
import { loadMachineId, saveMachineId } from '../components/operator/machine-storage.js';
import { PendingOrders } from '../components/operator/PendingOrders.js';
import { RunningOrder } from '../components/operator/RunningOrder.js';
import { StopBanner } from '../components/operator/StopBanner.js';
import { usePlantZone } from '../components/orders/usePlantZone.js';

/**
 * The operator station (tablet or phone at the machine): pick the machine once, then run its
 * order with big buttons. The machine list refreshes every 10 s.
 */
export function OperatorPage() {
  const { zone } = usePlantZone();
  const [machineId, setMachineId] = useState<number | null>(loadMachineId);
  const [picking, setPicking] = useState(false);
  const [completed, setCompleted] = useState<string | null>(null);
  const machines = useMachines({}, 10_000);
  const machine = machines.data?.find((m) => m.id === machineId && m.retiredAt === null);

  const pick = (m: Machine) => {
    saveMachineId(m.id);
    setMachineId(m.id);
    setPicking(false);
    setCompleted(null);
  };

  if (machines.isError && !machines.data) {
    return (
      <Alert color="red" title="Could not load the machines">
        {errorMessage(machines.error)}
      </Alert>
    );
  }
  if (machines.isPending || !zone) {
    return (
      <Stack maw={1000}>
        <Skeleton height={72} />
        <Skeleton height={240} />
      </Stack>
    );
  }
  if (picking || !machine) {
    return (
      <Stack maw={1000}>
        {machineId !== null && !machine && !picking && (
          <Alert color="yellow">
            The machine this station used is no longer in service: pick another.
          </Alert>
        )}
        <MachinePicker machines={machines.data} onPick={pick} />
      </Stack>
    );
  }

  return (
    <Stack gap="md" maw={1000} data-testid="operator-station">
      <MachineBar machine={machine} onChange={() => setPicking(true)} />
      {completed && !machine.runningOrder && (
        <Alert color="teal" data-testid="operator-completed">
          <Group justify="space-between" wrap="nowrap">
            <Text fw={600}>{completed} completed.</Text>
            <CloseButton onClick={() => setCompleted(null)} aria-label="Dismiss" />
          </Group>
        </Alert>
      )}
      {machine.runningOrder ? (
        <RunningOrder machine={machine} zone={zone} onCompleted={setCompleted} />
      ) : (
        <>
          {machine.openStop && <StopBanner stop={machine.openStop} zone={zone} />}
          <PendingOrders machine={machine} />
        </>
      )}
    </Stack>
  );
}
