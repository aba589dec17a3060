import { Group, Progress, Stack, Text } from '@mantine/core';
import type { Order } from '../../../common/api/orders.js';
import { formatCalendarDay } from '../time.js';
import { formatQuantity, progressPercent } from './format.js';

const OPEN = new Set(['draft', 'pending', 'in_progress', 'paused']);

/** The due day (a plant calendar day) and whether it has passed. */
export function DueDate({ order, today }: { order: Order; today: string | undefined }) {
  if (!order.dueDate) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  const overdue = today !== undefined && order.dueDate < today && OPEN.has(order.status);
  const dueToday = today !== undefined && order.dueDate === today && OPEN.has(order.status);
  return (
    <Stack gap={0}>
      <Text
        size="sm"
        fw={overdue || dueToday ? 700 : 400}
        c={overdue ? 'red' : undefined}
        style={{ whiteSpace: 'nowrap' }}
        data-testid="order-due"
      >
        {formatCalendarDay(order.dueDate, 'short')}
      </Text>
      {(overdue || dueToday) && (
        <Text size="xs" c={overdue ? 'red' : 'orange'} fw={600}>
          {overdue ? 'Overdue' : 'Due today'}
        </Text>
      )}
    </Stack>
  );
}

/** Produced of planned, with a bar; over-production shows in orange. */
export function OrderProgress({ order, width = 130 }: { order: Order; width?: number | string }) {
  const pct = progressPercent(order.producedQuantity, order.quantity);
  return (
    <Stack gap={4} w={width}>
      <Group gap={4} justify="space-between" wrap="nowrap">
        <Text
          size="sm"
          fw={600}
          style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
          data-testid="order-progress"
        >
          {formatQuantity(order.producedQuantity)} / {formatQuantity(order.quantity)}
        </Text>
        <Text size="xs" c="dimmed">
          {order.unit}
        </Text>
      </Group>
      <Progress
        value={pct}
        size="sm"
        radius="xl"
        color={order.overProduced ? 'orange' : order.status === 'completed' ? 'teal' : 'cyan'}
        aria-label={`${Math.round(pct)} % produced`}
      />
      {order.rejectedQuantity > 0 && (
        <Text size="xs" c="red">
          {formatQuantity(order.rejectedQuantity)} rejected
        </Text>
      )}
    </Stack>
  );
}
