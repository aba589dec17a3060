import { Alert, Select, Text } from '@mantine/core';
import { useState } from 'react';
import type { Order } from '../../../common/api/orders.js';
import { fieldError } from '../../api/client.js';
import { useMachines } from '../../api/reference.js';
import { ActionModal } from './ActionModal.js';
import type { DialogProps } from './dialog-props.js';

/** Start: pick an available machine of the order's environment. */
export function StartDialog({ order, opened, onClose, mutation }: DialogProps & { order: Order }) {
  const machines = useMachines({ environmentId: order.environment.id });
  const [machineId, setMachineId] = useState<string | null>(null);
  const free = (machines.data ?? []).filter(
    (m) => m.status === 'available' && m.retiredAt === null && m.runningOrder === null,
  );
  const busy = (machines.data ?? []).filter((m) => !free.includes(m) && m.retiredAt === null);

  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={`Start ${order.orderNumber}`}
      confirmLabel="Start"
      confirmColor="green"
      pending={mutation.isPending}
      error={mutation.error}
      disabled={machineId === null}
      testId="start-dialog"
      onConfirm={() =>
        mutation.mutate(
          { order, action: 'start', body: { machineId: Number(machineId) } },
          { onSuccess: onClose },
        )
      }
    >
      <Text size="sm">
        {order.productName} · {order.environment.name}
      </Text>
      {machines.isSuccess && free.length === 0 ? (
        <Alert color="yellow">
          No machine in {order.environment.name} is free right now
          {busy.length > 0 ? ` (${busy.map((m) => m.code).join(', ')} busy)` : ''}.
        </Alert>
      ) : (
        <Select
          label="Machine"
          placeholder={machines.isPending ? 'Loading machines…' : 'Choose a machine'}
          data={free.map((m) => ({ value: String(m.id), label: `${m.code} — ${m.name}` }))}
          value={machineId}
          onChange={setMachineId}
          error={fieldError(mutation.error, 'machineId')}
          size="md"
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="start-machine"
        />
      )}
    </ActionModal>
  );
}
