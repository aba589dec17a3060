import {
  Alert,
  Button,
  CloseButton,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Text,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import type { Order } from '../../../common/api/orders.js';
import { fieldError } from '../../api/client.js';
import { orderErrorMessage, useOrderAction, useRecordWaste } from '../../api/orders.js';
import { OverProductionWarning } from '../orders/CompleteDialog.js';
import { formatQuantity, toNumber } from '../orders/format.js';
import {
  emptyWasteLine,
  wasteBody,
  WasteLineFields,
  type WasteLine,
} from '../orders/WasteLineFields.js';

interface Line extends WasteLine {
  key: number;
}

/**
 * Complete the order: final produced and rejected quantities, and any waste. Waste lines are
 * recorded first (each one once), then the order is completed, so a failure leaves nothing
 * half done that the operator cannot retry.
 */
export function CompleteSheet({
  order,
  onClose,
  onCompleted,
}: {
  order: Order;
  onClose: () => void;
  onCompleted: () => void;
}) {
  const phone = useMediaQuery('(max-width: 48em)');
  const complete = useOrderAction();
  const waste = useRecordWaste();
  const [produced, setProduced] = useState<string | number>(order.producedQuantity);
  const [rejected, setRejected] = useState<string | number>(order.rejectedQuantity);
  const [lines, setLines] = useState<Line[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [busy, setBusy] = useState(false);
  const producedValue = toNumber(produced);
  const incomplete = lines.some((l) => wasteBody(l) === null);

  const patch = (key: number, p: Partial<WasteLine>) =>
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...p } : l)));

  const submit = async () => {
    if (producedValue === undefined) return;
    setBusy(true);
    complete.reset();
    waste.reset();
    try {
      for (const line of lines) {
        const body = wasteBody(line);
        if (!body) return;
        await waste.mutateAsync({ orderId: order.id, body });
        setLines((ls) => ls.filter((l) => l.key !== line.key));
      }
      await complete.mutateAsync({
        order,
        action: 'complete',
        body: { producedQuantity: producedValue, rejectedQuantity: toNumber(rejected) ?? 0 },
      });
      onCompleted();
      onClose();
    } catch {
      // The error is shown from the mutation's state.
    } finally {
      setBusy(false);
    }
  };

  const error = waste.error ?? complete.error;
  const failedKey = waste.error ? lines[0]?.key : undefined;
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Complete ${order.orderNumber}`}
      size="xl"
      fullScreen={phone}
      centered
    >
      <Stack gap="md" data-testid="complete-sheet">
        {error !== null && (
          <Alert color="red" role="alert" data-testid="action-error">
            {orderErrorMessage(error)}
          </Alert>
        )}
        <Text>
          Planned {formatQuantity(order.quantity)} {order.unit} of {order.productName}
        </Text>
        <Group grow align="flex-start">
          <NumberInput
            hideControls
            label={`Produced (${order.unit})`}
            size="xl"
            min={0}
            decimalScale={3}
            thousandSeparator=","
            value={produced}
            onChange={setProduced}
            error={fieldError(complete.error, 'producedQuantity')}
            data-testid="complete-produced"
          />
          <NumberInput
            hideControls
            label={`Rejected (${order.unit})`}
            size="xl"
            min={0}
            decimalScale={3}
            thousandSeparator=","
            value={rejected}
            onChange={setRejected}
            error={fieldError(complete.error, 'rejectedQuantity')}
            data-testid="complete-rejected"
          />
        </Group>
        {producedValue !== undefined && (
          <OverProductionWarning produced={producedValue} order={order} />
        )}
        {lines.map((line, i) => (
          <Paper key={line.key} withBorder radius="md" p="sm" data-testid="waste-line">
            <Group justify="space-between" mb={4}>
              <Text fw={700}>Waste {i + 1}</Text>
              <CloseButton
                size="lg"
                aria-label="Remove this waste line"
                onClick={() => setLines((ls) => ls.filter((l) => l.key !== line.key))}
              />
            </Group>
            <WasteLineFields
              line={line}
              onChange={(p) => patch(line.key, p)}
              size="lg"
              withCost={false}
              testId="waste-line"
              errors={
                line.key === failedKey
                  ? {
                      wasteType: fieldError(waste.error, 'wasteType'),
                      quantity: fieldError(waste.error, 'quantity'),
                      unit: fieldError(waste.error, 'unit'),
                      reason: fieldError(waste.error, 'reason'),
                    }
                  : {}
              }
            />
          </Paper>
        ))}
        <Button
          size="lg"
          h={56}
          variant="light"
          color="grape"
          onClick={() => {
            setLines((ls) => [
              ...ls,
              { ...emptyWasteLine(order.unit === 'units' ? 'kg' : order.unit), key: nextKey },
            ]);
            setNextKey((k) => k + 1);
          }}
          data-testid="add-waste-line"
        >
          + Add waste
        </Button>
        <Group grow>
          <Button size="xl" h={64} variant="default" onClick={onClose}>
            Back
          </Button>
          <Button
            size="xl"
            h={64}
            color="teal"
            loading={busy}
            disabled={producedValue === undefined || producedValue < 0 || incomplete}
            onClick={() => void submit()}
            data-testid="confirm-complete"
          >
            Complete
          </Button>
        </Group>
        {incomplete && (
          <Text size="sm" c="dimmed" ta="center">
            Each waste line needs a type, a quantity and a unit.
          </Text>
        )}
      </Stack>
    </Modal>
  );
}
