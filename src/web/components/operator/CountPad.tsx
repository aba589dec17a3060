import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Order } from '../../../common/api/orders.js';
import { orderErrorMessage, useCountOrder } from '../../api/orders.js';
import { toNumber } from '../orders/format.js';

const STEPS = [1, 10, 100];

/** Add to the produced count with one tap, or type an amount to add or a new total. */
export function CountPad({ order }: { order: Order }) {
  const count = useCountOrder();
  const [amount, setAmount] = useState<string | number>('');
  const value = toNumber(amount);

  const send = (body: { add: number } | { producedQuantity: number }, clear = false) =>
    count.mutate({ orderId: order.id, body }, { onSuccess: () => clear && setAmount('') });

  return (
    <Paper withBorder radius="md" p="md" data-testid="count-pad">
      <Stack gap="sm">
        <Text fw={700}>Count ({order.unit})</Text>
        <SimpleGrid cols={3} spacing="sm">
          {STEPS.map((step) => (
            <Button
              key={step}
              size="xl"
              h={64}
              px={0}
              variant="light"
              disabled={count.isPending}
              onClick={() => send({ add: step })}
              data-testid={`count-add-${step}`}
            >
              +{step}
            </Button>
          ))}
        </SimpleGrid>
        <Group gap="sm" wrap="wrap" align="flex-end">
          <NumberInput
            aria-label="Amount"
            placeholder="Amount"
            size="xl"
            min={0}
            decimalScale={3}
            thousandSeparator=","
            hideControls
            value={amount}
            onChange={setAmount}
            style={{ flex: '1 1 140px', minWidth: 0 }}
            data-testid="count-amount"
          />
          <Button
            size="xl"
            h={60}
            disabled={value === undefined || value <= 0 || count.isPending}
            onClick={() => value !== undefined && send({ add: value }, true)}
            data-testid="count-add"
          >
            Add
          </Button>
          <Button
            size="xl"
            h={60}
            variant="default"
            disabled={value === undefined || value < 0 || count.isPending}
            onClick={() => value !== undefined && send({ producedQuantity: value }, true)}
            data-testid="count-set"
          >
            Set total
          </Button>
        </Group>
        {count.error !== null && (
          <Alert color="red" role="alert">
            {orderErrorMessage(count.error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
