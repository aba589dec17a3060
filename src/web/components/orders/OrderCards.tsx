import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Order } from '../../../common/api/orders.js';
import { PriorityBadge, StatusBadge } from './badges.js';
import { DueDate, OrderProgress } from './OrderBits.js';
import { OrderActions } from './OrderActions.js';

/** The board as cards (phones). */
export function OrderCards({
  orders,
  zone,
  today,
}: {
  orders: Order[];
  zone: string;
  today: string | undefined;
}) {
  return (
    <Stack gap="sm" data-testid="orders-cards">
      {orders.map((order) => (
        <Paper
          key={order.id}
          withBorder
          radius="md"
          p="sm"
          data-testid="order-row"
          data-order-number={order.orderNumber}
        >
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Anchor
                  component={Link}
                  to={`/orders/${order.id}`}
                  fw={700}
                  data-testid="order-link"
                >
                  {order.orderNumber}
                </Anchor>
                <Text size="sm" lineClamp={2}>
                  {order.productName}
                </Text>
              </div>
              <Stack gap={4} align="flex-end">
                <StatusBadge status={order.status} archived={order.archived} />
                <PriorityBadge priority={order.priority} size="sm" />
              </Stack>
            </Group>
            <Group justify="space-between" align="flex-end" wrap="nowrap">
              <Stack gap={2}>
                <Text size="sm">
                  {order.environment.name}
                  {order.machine ? ` · ${order.machine.code}` : ''}
                </Text>
                <Group gap={6}>
                  <Text size="sm" c="dimmed">
                    Due
                  </Text>
                  <DueDate order={order} today={today} />
                </Group>
              </Stack>
              <OrderProgress order={order} width={140} />
            </Group>
            <OrderActions order={order} zone={zone} size="sm" compact />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
