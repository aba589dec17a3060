import { Badge, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { ShiftInfo } from '../../common/api/system.js';
import {
  formatCalendarDay,
  formatDuration,
  formatHourMinute,
  formatShortDate,
  plantDateKey,
} from './time.js';

function shiftColor(shift: ShiftInfo): string {
  const name = shift.name.toLowerCase();
  if (name.includes('night')) return 'indigo';
  if (name.includes('day') || name.includes('morning')) return 'orange';
  return 'teal';
}

/** "06:00 – 18:00" in plant time. */
function shiftTimes(start: number, end: number, zone: string): string {
  return `${formatHourMinute(start, zone)} – ${formatHourMinute(end, zone)}`;
}

/** "Mon 23 Nov → Tue 24 Nov" when the shift runs over midnight, else undefined. */
function shiftDates(start: number, end: number, zone: string): string | undefined {
  if (plantDateKey(start, zone) === plantDateKey(end, zone)) return undefined;
  return `${formatShortDate(start, zone)} → ${formatShortDate(end, zone)}`;
}

export function ShiftCard({
  shift,
  zone,
  now,
}: {
  shift: ShiftInfo | null;
  zone: string;
  now: number;
}) {
  if (!shift) {
    return (
      <Paper withBorder radius="md" p="lg" h="100%">
        <Text size="xs" tt="uppercase" fw={700} c="dimmed" lts={0.5}>
          Current shift
        </Text>
        <Text size="lg" fw={600} mt="xs" data-testid="shift-none">
          No shift is running
        </Text>
      </Paper>
    );
  }

  const start = Date.parse(shift.startsAt);
  const end = Date.parse(shift.endsAt);
  const elapsed = Math.min(Math.max((now - start) / (end - start), 0), 1);
  const dates = shiftDates(start, end, zone);

  return (
    <Paper withBorder radius="md" p="lg" h="100%" data-testid="current-shift">
      <Stack gap="sm">
        <Text size="xs" tt="uppercase" fw={700} c="dimmed" lts={0.5}>
          Current shift
        </Text>
        <Group gap="sm" wrap="nowrap">
          <Badge
            size="xl"
            radius="sm"
            color={shiftColor(shift)}
            data-testid="shift-code"
            miw={44}
            tt="none"
          >
            {shift.code}
          </Badge>
          <Text fz={26} fw={700} lh={1.1} data-testid="shift-name">
            {shift.name}
          </Text>
        </Group>
        <Group gap="xs" align="baseline">
          <Text
            size="xl"
            fw={600}
            data-testid="shift-times"
            style={{ fontVariantNumeric: 'tabular-nums' }}
          >
            {shiftTimes(start, end, zone)}
          </Text>
          {dates && (
            <Text size="sm" c="dimmed">
              {dates}
            </Text>
          )}
        </Group>
        <Progress value={elapsed * 100} color={shiftColor(shift)} size="md" radius="xl" />
        <Text size="sm" c="dimmed">
          {formatDuration(end - now)} left
        </Text>
        <Text size="sm" data-testid="shift-production-day">
          Production day{' '}
          <Text span fw={600}>
            {formatCalendarDay(shift.productionDay)}
          </Text>
        </Text>
      </Stack>
    </Paper>
  );
}
