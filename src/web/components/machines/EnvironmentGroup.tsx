import { Box, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Machine } from '../../../common/api/machines.js';
import { MachineCard } from './MachineCard.js';

/** An environment's heading (in its colour) and its machines' cards. */
export function EnvironmentGroup({
  environment,
  machines,
  zone,
  now,
}: {
  environment: Machine['environment'];
  machines: Machine[];
  zone: string;
  now: number;
}) {
  const colour = environment.colour ?? 'var(--mantine-color-gray-5)';
  return (
    <Stack gap="sm" data-testid={`machine-group-${environment.code}`}>
      <Group gap="sm" wrap="nowrap">
        <Box w={8} h={28} bg={colour} style={{ borderRadius: 4 }} aria-hidden="true" />
        <Title order={3} fz={{ base: 'lg', sm: 'xl' }}>
          {environment.name}
        </Title>
        <Text c="dimmed" size="sm">
          {machines.length} {machines.length === 1 ? 'machine' : 'machines'}
        </Text>
      </Group>
      <SimpleGrid
        cols={{ base: 1, xs: 2, md: 3, xl: 4 }}
        spacing="md"
        style={{ borderTop: `3px solid ${colour}`, paddingTop: 'var(--mantine-spacing-sm)' }}
      >
        {machines.map((machine) => (
          <MachineCard key={machine.id} machine={machine} zone={zone} now={now} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
