import { Alert, Group, NumberInput, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { Order } from '../../../common/api/orders.js';
import { fieldError } from '../../api/client.js';
import { ActionModal } from './ActionModal.js';
import type { DialogProps } from './dialog-props.js';
import { formatQuantity, toNumber } from './format.js';

/** Over-production is legal but worth a second look: say by how much. */
export function OverProductionWarning({ produced, order }: { produced: number; order: Order }) {
  if (produced <= order.quantity) return null;
  return (
    <Alert color="yellow" data-testid="over-production">
      {formatQuantity(produced - order.quantity)} {order.unit} more than the{' '}
      {formatQuantity(order.quantity)} planned. That is allowed; check the count before completing.
    </Alert>
  );
}

/** Complete: final produced and rejected quantities. */
export function CompleteDialog({
  order,
  opened,
  onClose,
  mutation,
}: DialogProps & { order: Order }) {
  const [produced, setProduced] = useState<string | number>(order.producedQuantity);
  const [rejected, setRejected] = useState<string | number>(order.rejectedQuantity);
  const [notes, setNotes] = useState('');
  const producedValue = toNumber(produced);
  const rejectedValue = toNumber(rejected);

  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={`Complete ${order.orderNumber}`}
      confirmLabel="Complete"
      confirmColor="teal"
      pending={mutation.isPending}
      error={mutation.error}
      disabled={producedValue === undefined || producedValue < 0 || (rejectedValue ?? 0) < 0}
      testId="complete-dialog"
      onConfirm={() =>
        mutation.mutate(
          {
            order,
            action: 'complete',
            body: {
              producedQuantity: producedValue,
              rejectedQuantity: rejectedValue ?? 0,
              notes: notes.trim() === '' ? undefined : notes,
            },
          },
          { onSuccess: onClose },
        )
      }
    >
      <Text size="sm">
        Planned {formatQuantity(order.quantity)} {order.unit} of {order.productName}
      </Text>
      <Group grow align="flex-start">
        <NumberInput
          label={`Produced (${order.unit})`}
          min={0}
          decimalScale={3}
          thousandSeparator=","
          size="md"
          value={produced}
          onChange={setProduced}
          error={fieldError(mutation.error, 'producedQuantity')}
          data-testid="complete-produced"
        />
        <NumberInput
          label={`Rejected (${order.unit})`}
          min={0}
          decimalScale={3}
          thousandSeparator=","
          size="md"
          value={rejected}
          onChange={setRejected}
          error={fieldError(mutation.error, 'rejectedQuantity')}
          data-testid="complete-rejected"
        />
      </Group>
      {producedValue !== undefined && (
        <OverProductionWarning produced={producedValue} order={order} />
      )}
      <Textarea
        label="Notes"
        placeholder="Optional"
        autosize
        minRows={2}
        maxLength={4000}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
      />
    </ActionModal>
  );
}
