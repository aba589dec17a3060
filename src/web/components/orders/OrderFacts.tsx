import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Order } from '../../../common/api/orders.js';
import { formatCalendarDay } from '../time.js';
import { formatDateTime, formatQuantity } from './format.js';
import { OrderProgress } from './OrderBits.js';

function Fact({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Stack gap={2}>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed" lts={0.4}>
        {label}
      </Text>
      <Text size="sm" fw={500} component="div" data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}

const time = (iso: string | null, zone: string) => (iso ? formatDateTime(iso, zone) : '—');

/** Quantities, where and when: everything about the order at a glance, in plant time. */
export function OrderFacts({ order, zone }: { order: Order; zone: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="md" verticalSpacing="md">
        <Fact label="Produced" testId="detail-produced">
          <OrderProgress order={order} width="100%" />
        </Fact>
        <Fact label="Rejected" testId="detail-rejected">
          {formatQuantity(order.rejectedQuantity)} {order.unit}
        </Fact>
        <Fact label="Environment">{order.environment.name}</Fact>
        <Fact label="Machine" testId="detail-machine">
          {order.machine ? `${order.machine.code} — ${order.machine.name}` : '—'}
        </Fact>
        <Fact label="Due">{order.dueDate ? formatCalendarDay(order.dueDate, 'short') : '—'}</Fact>
        <Fact label="Scheduled">
          {order.scheduledStart || order.scheduledEnd
            ? `${time(order.scheduledStart, zone)} → ${time(order.scheduledEnd, zone)}`
            : '—'}
          {order.scheduledShift ? ` (shift ${order.scheduledShift})` : ''}
        </Fact>
        <Fact label="Started" testId="detail-started">
          {time(order.startedAt, zone)}
        </Fact>
        <Fact label={order.cancelledAt ? 'Cancelled' : 'Completed'} testId="detail-finished">
          {time(order.cancelledAt ?? order.completedAt, zone)}
        </Fact>
        <Fact label="Created">
          {time(order.createdAt, zone)}
          {order.createdBy ? ` · ${order.createdBy.displayName}` : ''}
        </Fact>
      </SimpleGrid>
      {order.notes && (
        <Stack gap={2} mt="md">
          <Text size="xs" tt="uppercase" fw={700} c="dimmed" lts={0.4}>
            Notes
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {order.notes}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
