import {
  Alert,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import type { Machine } from '../../../common/api/machines.js';
import { actionsFor } from '../../../common/order-lifecycle.js';
import { orderErrorMessage, useOrder, useOrderAction } from '../../api/orders.js';
import { useSession } from '../../auth/session.js';
import { StatusBadge } from '../orders/badges.js';
import { formatQuantity, progressPercent } from '../orders/format.js';
import { CompleteSheet } from './CompleteSheet.js';
import { CountPad } from './CountPad.js';
import { ReasonPicker } from './ReasonPicker.js';
import { StopBanner } from './StopBanner.js';

/** The order running on the machine, with big buttons for what the operator does next. */
export function RunningOrder({
  machine,
  zone,
  onCompleted,
}: {
  machine: Machine;
  zone: string;
  onCompleted: (orderNumber: string) => void;
}) {
  const { role } = useSession();
  const { data: order, error } = useOrder(machine.runningOrder?.id);
  const action = useOrderAction();
  const [sheet, setSheet] = useState<'pause' | 'complete' | null>(null);

  if (!order) {
    return error ? (
      <Alert color="red">{orderErrorMessage(error)}</Alert>
    ) : (
      <Skeleton height={240} />
    );
  }
  const allowed = actionsFor(order.status, order.archived, role);
  const pct = progressPercent(order.producedQuantity, order.quantity);
  const close = () => {
    setSheet(null);
    action.reset();
  };

  return (
    <Stack gap="md" data-testid="running-order" data-order-number={order.orderNumber}>
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2} miw={0}>
            <Text fz={28} fw={800} lh={1.1} data-testid="running-order-number">
              {order.orderNumber}
            </Text>
            <Text size="lg" fw={500} lineClamp={2}>
              {order.productName}
            </Text>
          </Stack>
          <StatusBadge status={order.status} size="xl" />
        </Group>
        <Group justify="space-between" align="flex-end" mt="md" wrap="nowrap">
          <Text
            fz={40}
            fw={800}
            lh={1}
            style={{ fontVariantNumeric: 'tabular-nums' }}
            data-testid="running-produced"
          >
            {formatQuantity(order.producedQuantity)}
            <Text span fz="xl" fw={600} c="dimmed">
              {' '}
              / {formatQuantity(order.quantity)} {order.unit}
            </Text>
          </Text>
          <Text fz="xl" fw={700} c={order.overProduced ? 'orange' : 'dimmed'}>
            {Math.floor((order.producedQuantity / order.quantity) * 100)} %
          </Text>
        </Group>
        <Progress
          value={pct}
          size="xl"
          radius="xl"
          mt="sm"
          color={order.overProduced ? 'orange' : 'green'}
        />
      </Paper>
      {/* The order's status decides; the machine's stop may lag it by one refresh. */}
      {order.status === 'paused' && machine.openStop && (
        <StopBanner stop={machine.openStop} zone={zone} />
      )}
      {action.error !== null && sheet === null && (
        <Alert color="red" role="alert" data-testid="action-error">
          {orderErrorMessage(action.error)}
        </Alert>
      )}
      <SimpleGrid cols={2} spacing="sm">
        {allowed.includes('pause') && (
          <Button
            size="xl"
            h={80}
            fz={{ base: 20, sm: 24 }}
            px="xs"
            color="orange"
            onClick={() => setSheet('pause')}
            data-testid="op-pause"
          >
            Pause
          </Button>
        )}
        {allowed.includes('resume') && (
          <Button
            size="xl"
            h={80}
            fz={{ base: 20, sm: 24 }}
            px="xs"
            color="green"
            loading={action.isPending}
            onClick={() => action.mutate({ order, action: 'resume', body: {} })}
            data-testid="op-resume"
          >
            Resume
          </Button>
        )}
        {allowed.includes('complete') && (
          <Button
            size="xl"
            h={80}
            fz={{ base: 20, sm: 24 }}
            px="xs"
            color="teal"
            variant="light"
            onClick={() => setSheet('complete')}
            data-testid="op-complete"
          >
            Complete
          </Button>
        )}
      </SimpleGrid>
      {allowed.includes('count') && <CountPad order={order} />}
      {sheet === 'pause' && (
        <ReasonPicker
          onClose={close}
          pending={action.isPending}
          error={action.error}
          onConfirm={(reason, notes) =>
            action.mutate(
              {
                order,
                action: 'pause',
                body: { reasonId: reason.id, notes: notes.trim() || undefined },
              },
              { onSuccess: close },
            )
          }
        />
      )}
      {sheet === 'complete' && (
        <CompleteSheet
          order={order}
          onClose={close}
          onCompleted={() => onCompleted(order.orderNumber)}
        />
      )}
    </Stack>
  );
}
