import { Box, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { Machine, OpenStop, RunningOrder } from '../../../common/api/machines.js';
import { formatHourMinute, formatShortDate, plantDateKey } from '../time.js';
import { formatElapsed } from './duration.js';
import { MachineActions } from './MachineActions.js';
import { MACHINE_STATUS_STYLE, RETIRED_STYLE } from './status.js';

const numbers = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** "08:15", or "Mon 23 Nov 22:40" when it was not today (plant day). */
function plantTime(iso: string, zone: string, now: number): string {
  const at = Date.parse(iso);
  const time = formatHourMinute(at, zone);
  return plantDateKey(at, zone) === plantDateKey(now, zone)
    ? time
    : `${formatShortDate(at, zone)} ${time}`;
}

function OrderBlock({ order, zone, now }: { order: RunningOrder; zone: string; now: number }) {
  const share = order.quantity > 0 ? (order.producedQuantity / order.quantity) * 100 : 0;
  return (
    <Stack gap={4} data-testid="machine-order">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text fw={700} ff="monospace" truncate="end" data-testid="machine-order-number">
          {order.orderNumber}
        </Text>
        {order.startedAt && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            since {plantTime(order.startedAt, zone, now)}
          </Text>
        )}
      </Group>
      <Text size="sm" truncate="end">
        {order.productName}
      </Text>
      <Progress
        value={Math.min(share, 100)}
        color={share > 100 ? 'grape' : 'blue'}
        size="lg"
        radius="sm"
        aria-label="Produced of planned"
      />
      <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {numbers.format(order.producedQuantity)} / {numbers.format(order.quantity)} {order.unit}
        <Text span c="dimmed" fw={400}>
          {' '}
          ({Math.round(share)} %)
        </Text>
      </Text>
    </Stack>
  );
}

function StopBlock({ stop, now }: { stop: OpenStop; now: number }) {
  return (
    <Box
      p="xs"
      bg="orange.0"
      style={{ borderRadius: 'var(--mantine-radius-sm)' }}
      data-testid="machine-stop"
    >
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text fw={700} c="orange.9">
          Stopped
        </Text>
        <Text
          fw={800}
          c="orange.9"
          ff="monospace"
          style={{ fontVariantNumeric: 'tabular-nums' }}
          data-testid="machine-stop-duration"
        >
          {formatElapsed(now - Date.parse(stop.startedAt))}
        </Text>
      </Group>
      <Text size="sm" data-testid="machine-stop-reason">
        {stop.reason ? `${stop.reason.name} · ${stop.reason.categoryName}` : 'No reason given yet'}
      </Text>
      {stop.notes && (
        <Text size="xs" c="dimmed" lineClamp={2}>
          {stop.notes}
        </Text>
      )}
    </Box>
  );
}

/** One machine on the board: status colour band, running order, open stop, actions. */
export function MachineCard({
  machine,
  zone,
  now,
}: {
  machine: Machine;
  zone: string;
  now: number;
}) {
  const style = machine.retiredAt ? RETIRED_STYLE : MACHINE_STATUS_STYLE[machine.status];
  const colour = `var(--mantine-color-${style.colour}-${style.colour === 'yellow' ? 5 : 7})`;
  return (
    <Paper
      withBorder
      radius="md"
      style={{
        overflow: 'hidden',
        opacity: machine.retiredAt ? 0.6 : 1,
        borderStyle: machine.retiredAt ? 'dashed' : undefined,
      }}
      data-testid={`machine-card-${machine.code}`}
      data-status={machine.retiredAt ? 'retired' : machine.status}
    >
      <Group
        justify="space-between"
        px="md"
        py={8}
        bg={colour}
        c={style.colour === 'yellow' ? 'dark' : 'white'}
        wrap="nowrap"
      >
        <Text fw={800} fz="xl" ff="monospace" style={{ flexShrink: 0 }}>
          {machine.code}
        </Text>
        <Text fw={700} fz="sm" tt="uppercase" lts={0.5} truncate="end" data-testid="machine-status">
          {style.label}
        </Text>
      </Group>
      <Stack gap="sm" p="md">
        <div>
          <Text fw={600} truncate="end" title={machine.name}>
            {machine.name}
          </Text>
          {machine.type && (
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
              {machine.type.name}
            </Text>
          )}
        </div>
        {machine.runningOrder ? (
          <OrderBlock order={machine.runningOrder} zone={zone} now={now} />
        ) : (
          <Text size="sm" c="dimmed">
            No order running
          </Text>
        )}
        {machine.openStop && <StopBlock stop={machine.openStop} now={now} />}
        <MachineActions machine={machine} />
      </Stack>
    </Paper>
  );
}
