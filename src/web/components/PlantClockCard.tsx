import { Badge, Box, Flex, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReadyResponse } from '../../common/api/system.js';
import { formatClock, formatLongDate } from './time.js';

/** The plant's name and its wall clock, big enough to read across the floor. */
export function PlantClockCard({ plant, now }: { plant: ReadyResponse['plant']; now: number }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
      <Flex
        direction={{ base: 'column-reverse', sm: 'row' }}
        justify="space-between"
        align={{ base: 'flex-start', sm: 'flex-end' }}
        gap={{ base: 'sm', sm: 'lg' }}
      >
        <Stack gap={6} miw={0}>
          <Text size="xs" tt="uppercase" fw={700} c="dimmed" lts={0.5}>
            Plant
          </Text>
          <Title order={2} data-testid="plant-name" lh={1.1}>
            {plant.name}
          </Title>
          <Text size="lg" data-testid="plant-date">
            {formatLongDate(now, plant.timeZone)}
          </Text>
          <Group gap="xs" data-testid="plant-zone">
            <Badge variant="light" color="gray" size="lg" radius="sm" tt="none">
              {plant.timeZone}
            </Badge>
            <Badge variant="light" color="gray" size="lg" radius="sm" tt="none">
              UTC{plant.utcOffset}
            </Badge>
          </Group>
        </Stack>
        <Box ta={{ base: 'left', sm: 'right' }}>
          <Text size="xs" tt="uppercase" fw={700} c="dimmed" lts={0.5}>
            Plant time
          </Text>
          <Text
            data-testid="plant-clock"
            fw={700}
            lh={1}
            ff="monospace"
            fz={{ base: 48, xs: 56, md: 72 }}
            style={{ fontVariantNumeric: 'tabular-nums', letterSpacing: '-0.02em' }}
          >
            {formatClock(now, plant.timeZone)}
          </Text>
        </Box>
      </Flex>
    </Paper>
  );
}
