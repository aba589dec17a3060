import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { Machine } from '../../../common/api/machines.js';
import { MACHINE_STATUS_COLOURS, MACHINE_STATUS_LABELS } from './machine-status.js';

/** Which machine this station is at, its status, and a way to change it. */
export function MachineBar({ machine, onChange }: { machine: Machine; onChange: () => void }) {
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-testid="operator-machine"
      data-machine-code={machine.code}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap" miw={0}>
          <Text fz={28} fw={800} lh={1}>
            {machine.code}
          </Text>
          <Stack gap={0} miw={0}>
            <Text fw={600} truncate="end">
              {machine.name}
            </Text>
            <Text size="sm" c="dimmed" truncate="end">
              {machine.environment.name}
            </Text>
          </Stack>
          <Badge
            size="lg"
            color={MACHINE_STATUS_COLOURS[machine.status]}
            tt="none"
            data-testid="operator-machine-status"
          >
            {MACHINE_STATUS_LABELS[machine.status]}
          </Badge>
        </Group>
        <Button variant="default" size="md" onClick={onChange} data-testid="change-machine">
          Change
        </Button>
      </Group>
    </Paper>
  );
}
