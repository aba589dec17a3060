import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { Machine } from '../../../common/api/machines.js';
import { groupByEnvironment } from '../../api/reference.js';
import { MACHINE_STATUS_COLOURS, MACHINE_STATUS_LABELS } from './machine-status.js';

function MachineTile({ machine, onPick }: { machine: Machine; onPick: () => void }) {
  const colour = MACHINE_STATUS_COLOURS[machine.status];
  return (
    <UnstyledButton
      onClick={onPick}
      data-testid="machine-tile"
      data-machine-code={machine.code}
      aria-label={`${machine.code} ${machine.name}, ${MACHINE_STATUS_LABELS[machine.status]}`}
    >
      <Paper
        withBorder
        radius="md"
        p="md"
        mih={104}
        style={{ borderLeft: `6px solid var(--mantine-color-${colour}-6)` }}
      >
        <Stack gap={4}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text fz={24} fw={800} lh={1.1}>
              {machine.code}
            </Text>
            <Badge color={colour} variant="light" tt="none">
              {MACHINE_STATUS_LABELS[machine.status]}
            </Badge>
          </Group>
          <Text size="sm" fw={500} lineClamp={1}>
            {machine.name}
          </Text>
          <Text size="sm" c="dimmed" lineClamp={1}>
            {machine.runningOrder
              ? `${machine.runningOrder.orderNumber} · ${machine.runningOrder.productName}`
              : 'No order running'}
          </Text>
        </Stack>
      </Paper>
    </UnstyledButton>
  );
}

/** Pick the machine this station stands at: big tiles, grouped by environment. */
export function MachinePicker({
  machines,
  onPick,
}: {
  machines: Machine[];
  onPick: (machine: Machine) => void;
}) {
  const groups = groupByEnvironment(machines.filter((m) => m.retiredAt === null));
  return (
    <Stack gap="lg" data-testid="machine-picker">
      <Title order={2}>Which machine are you at?</Title>
      {groups.length === 0 && <Text c="dimmed">No machines have been set up yet.</Text>}
      {groups.map(({ environment, machines: list }) => (
        <Stack key={environment.id} gap="xs">
          <Group gap="xs">
            <span
              aria-hidden
              style={{
                width: 12,
                height: 12,
                borderRadius: 6,
                background: environment.colour ?? 'var(--mantine-color-gray-5)',
              }}
            />
            <Title order={3} fz="lg">
              {environment.name}
            </Title>
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
            {list.map((m) => (
              <MachineTile key={m.id} machine={m} onPick={() => onPick(m)} />
            ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}
