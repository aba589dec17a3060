import { Group, Paper, Stack, Text } from '@mantine/core';
import type { OpenStop } from '../../../common/api/machines.js';
import { formatDateTime, formatStopwatch } from '../orders/format.js';
import { useServerNow } from '../orders/useServerNow.js';

/** The machine is stopped: why, since when, and for how long (running, on the server's clock). */
export function StopBanner({ stop, zone }: { stop: OpenStop; zone: string }) {
  const now = useServerNow();
  const seconds = now === undefined ? 0 : (now - Date.parse(stop.startedAt)) / 1000;
  return (
    <Paper
      radius="md"
      p="md"
      bg="orange.1"
      withBorder
      style={{ borderColor: 'var(--mantine-color-orange-5)' }}
      data-testid="open-stop"
    >
      <Group justify="space-between" wrap="nowrap" align="center">
        <Stack gap={2} miw={0}>
          <Text size="xs" tt="uppercase" fw={800} c="orange.9" lts={0.5}>
            Stopped
          </Text>
          <Text fz="xl" fw={700} data-testid="open-stop-reason">
            {stop.reason ? stop.reason.name : 'No reason given'}
          </Text>
          <Text size="sm" c="dimmed">
            {stop.reason ? `${stop.reason.categoryName} · ` : ''}since{' '}
            {formatDateTime(stop.startedAt, zone)}
            {stop.notes ? ` · ${stop.notes}` : ''}
          </Text>
        </Stack>
        <Text
          fz={40}
          fw={800}
          ff="monospace"
          c="orange.9"
          style={{ fontVariantNumeric: 'tabular-nums' }}
          data-testid="open-stop-duration"
        >
          {formatStopwatch(seconds)}
        </Text>
      </Group>
    </Paper>
  );
}
