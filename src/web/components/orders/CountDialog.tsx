import { NumberInput, Text } from '@mantine/core';
import { useState } from 'react';
import type { Order } from '../../../common/api/orders.js';
import { fieldError } from '../../api/client.js';
import { useCountOrder } from '../../api/orders.js';
import { ActionModal } from './ActionModal.js';
import { OverProductionWarning } from './CompleteDialog.js';
import { formatQuantity, toNumber } from './format.js';

/** Count: set the produced total while the order runs. */
export function CountDialog({
  order,
  opened,
  onClose,
}: {
  order: Order;
  opened: boolean;
  onClose: () => void;
}) {
  const count = useCountOrder();
  const [total, setTotal] = useState<string | number>(order.producedQuantity);
  const value = toNumber(total);
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={`Count for ${order.orderNumber}`}
      confirmLabel="Save count"
      pending={count.isPending}
      error={count.error}
      disabled={value === undefined || value < 0}
      testId="count-dialog"
      onConfirm={() =>
        count.mutate(
          { orderId: order.id, body: { producedQuantity: value } },
          { onSuccess: onClose },
        )
      }
    >
      <Text size="sm">
        Counted so far {formatQuantity(order.producedQuantity)} of {formatQuantity(order.quantity)}{' '}
        {order.unit}
      </Text>
      <NumberInput
        label={`Produced in total (${order.unit})`}
        min={0}
        decimalScale={3}
        thousandSeparator=","
        size="md"
        value={total}
        onChange={setTotal}
        error={fieldError(count.error, 'producedQuantity')}
        data-autofocus
      />
      {value !== undefined && <OverProductionWarning produced={value} order={order} />}
    </ActionModal>
  );
}
