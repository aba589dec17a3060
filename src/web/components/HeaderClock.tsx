import { Group, Stack, Text } from '@mantine/core';
import { useReady } from '../api/system.js';
import { formatClock, formatShortDate } from './time.js';
import { usePlantNow } from './usePlantNow.js';

/** The compact plant clock in the header. */
export function HeaderClock() {
  const { data, isError } = useReady();
  const now = usePlantNow(data);
  const zone = data?.ready.plant.timeZone;

  return (
    <Group gap="xs" wrap="nowrap" aria-live="off">
      {now !== undefined && data && (
        <Stack gap={0} align="flex-end" visibleFrom="sm">
          <Text size="xs" c="dimmed" lh={1.2}>
            {formatShortDate(now, data.ready.plant.timeZone)}
          </Text>
          <Text size="xs" c="dimmed" lh={1.2}>
            UTC{data.ready.plant.utcOffset}
          </Text>
        </Stack>
      )}
      <Text
        data-testid="header-clock"
        fw={700}
        fz={{ base: 'lg', sm: 'xl' }}
        ff="monospace"
        c={isError ? 'red' : undefined}
        style={{ fontVariantNumeric: 'tabular-nums' }}
        title={zone ? `Plant time (${zone})` : 'Plant time'}
      >
        {now !== undefined && zone ? formatClock(now, zone) : '--:--:--'}
      </Text>
    </Group>
  );
}
