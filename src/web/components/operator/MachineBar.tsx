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
        <Stack gap={2} miw={0}>
          <Group gap="sm" wrap="nowrap">
            <Text fz={{ base: 24, sm: 28 }} fw={800} lh={1} style={{ whiteSpace: 'nowrap' }}>
              {machine.code}
            </Text>
            <Badge
              size="lg"
              color={MACHINE_STATUS_COLOURS[machine.status]}
              variant={
                machine.status === 'in_use' || machine.status === 'paused' ? 'filled' : 'light'
              }
              tt="none"
              miw="max-content"
              data-testid="operator-machine-status"
            >
              {MACHINE_STATUS_LABELS[machine.status]}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" truncate="end">
            {machine.name} · {machine.environment.name}
          </Text>
        </Stack>
        <Button variant="default" size="md" px="sm" onClick={onChange} data-testid="change-machine">
          Change
        </Button>
      </Group>
    </Paper>
  );
}
