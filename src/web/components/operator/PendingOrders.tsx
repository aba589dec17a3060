import {
  Alert,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import type { Machine } from '../../../common/api/machines.js';
import type { Order } from '../../../common/api/orders.js';
import { orderErrorMessage, useOrderAction, useOrders } from '../../api/orders.js';
import { PriorityBadge } from '../orders/badges.js';
import { formatQuantity } from '../orders/format.js';
import { formatCalendarDay } from '../time.js';

function OrderTile({ order, onPick }: { order: Order; onPick: () => void }) {
  return (
    <UnstyledButton
      onClick={onPick}
      data-testid="pending-order"
      data-order-number={order.orderNumber}
    >
      <Paper withBorder radius="md" p="md" mih={96}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} miw={0}>
            <Text fz="xl" fw={800}>
              {order.orderNumber}
            </Text>
            <Text fw={500} lineClamp={1}>
              {order.productName}
            </Text>
            <Text size="sm" c="dimmed">
              {formatQuantity(order.quantity)} {order.unit}
              {order.dueDate ? ` · due ${formatCalendarDay(order.dueDate, 'short')}` : ''}
            </Text>
          </Stack>
          <PriorityBadge priority={order.priority} size="lg" />
        </Group>
      </Paper>
    </UnstyledButton>
  );
}

/** The machine is free: the pending orders of its environment, most urgent first; tap to start. */
export function PendingOrders({ machine }: { machine: Machine }) {
  const pending = useOrders({
    status: ['pending'],
    environmentId: machine.environment.id,
    sort: 'priority',
    dir: 'desc',
    limit: 50,
  });
  const start = useOrderAction();
  const [chosen, setChosen] = useState<Order | null>(null);
  const free = machine.status === 'available';

  const close = () => {
    setChosen(null);
    start.reset();
  };

  return (
    <Stack gap="sm">
      <Title order={3}>Start an order on {machine.code}</Title>
      {!free && (
        <Alert color="yellow" data-testid="machine-not-free">
          {machine.code} is {machine.status.replace('_', ' ')}: orders cannot start until a
          supervisor makes it available.
        </Alert>
      )}
      {pending.isError && <Alert color="red">{orderErrorMessage(pending.error)}</Alert>}
      {pending.isSuccess && pending.data.length === 0 && (
        <Paper withBorder radius="md" p="lg">
          <Text c="dimmed" ta="center" data-testid="no-pending">
            No pending orders for {machine.environment.name}.
          </Text>
        </Paper>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {(pending.data ?? []).map((order) => (
          <OrderTile key={order.id} order={order} onPick={() => free && setChosen(order)} />
        ))}
      </SimpleGrid>
      <Modal opened={chosen !== null} onClose={close} title="Start this order?" centered size="lg">
        {chosen && (
          <Stack gap="md">
            <Stack gap={2}>
              <Text fz={28} fw={800}>
                {chosen.orderNumber}
              </Text>
              <Text size="lg">{chosen.productName}</Text>
              <Text c="dimmed">
                {formatQuantity(chosen.quantity)} {chosen.unit} planned
              </Text>
            </Stack>
            {start.error !== null && (
              <Alert color="red" role="alert" data-testid="action-error">
                {orderErrorMessage(start.error)}
              </Alert>
            )}
            <Group grow>
              <Button size="xl" h={64} variant="default" onClick={close}>
                Back
              </Button>
              <Button
                size="xl"
                h={64}
                color="green"
                loading={start.isPending}
                data-testid="confirm-start"
                onClick={() =>
                  start.mutate(
                    { order: chosen, action: 'start', body: { machineId: machine.id } },
                    { onSuccess: close },
                  )
                }
              >
                Start on {machine.code}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
