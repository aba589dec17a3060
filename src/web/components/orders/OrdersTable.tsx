import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Order } from '../../../common/api/orders.js';
import { PriorityBadge, StatusBadge } from './badges.js';
import { DueDate, OrderProgress } from './OrderBits.js';
import { OrderActions } from './OrderActions.js';

/** The board as a table (tablet and desktop). */
export function OrdersTable({
  orders,
  zone,
  today,
}: {
  orders: Order[];
  zone: string;
  today: string | undefined;
}) {
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="orders-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Order</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Where</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Produced</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.map((order) => (
            <Table.Tr key={order.id} data-testid="order-row" data-order-number={order.orderNumber}>
              <Table.Td maw={220}>
                <Anchor
                  component={Link}
                  to={`/orders/${order.id}`}
                  fw={700}
                  style={{ whiteSpace: 'nowrap' }}
                  data-testid="order-link"
                >
                  {order.orderNumber}
                </Anchor>
                <Text size="sm" lineClamp={2}>
                  {order.productName}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <StatusBadge status={order.status} archived={order.archived} />
                  <PriorityBadge priority={order.priority} size="sm" />
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{order.environment.name}</Text>
                <Text size="sm" c="dimmed" data-testid="order-machine">
                  {order.machine ? order.machine.code : '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <DueDate order={order} today={today} />
              </Table.Td>
              <Table.Td>
                <OrderProgress order={order} width={112} />
              </Table.Td>
              <Table.Td maw={220}>
                <Group gap={4}>
                  <OrderActions order={order} zone={zone} compact />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
