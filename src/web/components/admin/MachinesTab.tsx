import { Badge, Group, Select, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { Machine } from '../../../common/api/machines.js';
import { useEnvironments } from '../../api/admin.js';
import { useMachines } from '../../api/reference.js';
import { MACHINE_STATUS_STYLE, RETIRED_STYLE } from '../machines/status.js';
import { AdminSection } from './AdminSection.js';
import { ColourDot } from './ColourDot.js';
import { MachineForm } from './MachineForm.js';
import { MachineRowActions } from './MachineRowActions.js';
import { staffingSummary } from './StaffingInputs.js';

const numbers = new Intl.NumberFormat('en-GB');

/** Every machine with its area, type, rated speed and staffing; retire, unretire, delete. */
export function MachinesTab() {
  const machines = useMachines({ includeRetired: true });
  const environments = useEnvironments();
  const [envId, setEnvId] = useState<string | null>(null);
  const [showRetired, setShowRetired] = useState(false);
  const [editing, setEditing] = useState<Machine | 'new' | null>(null);
  const shown = (machines.data ?? []).filter(
    (m) => (showRetired || !m.retiredAt) && (!envId || String(m.environment.id) === envId),
  );

  return (
    <AdminSection
      title="Machines"
      description="Rated speed is the ideal rate OEE measures performance against."
      addLabel="Add machine"
      addTestId="add-machine"
      onAdd={() => setEditing('new')}
      loading={machines.isPending}
      error={machines.error}
      actions={
        <>
          <Select
            aria-label="Environment"
            placeholder="All environments"
            data={(environments.data ?? []).map((e) => ({ value: String(e.id), label: e.name }))}
            value={envId}
            onChange={setEnvId}
            clearable
            w={200}
          />
          <Switch
            label="Retired"
            checked={showRetired}
            onChange={(e) => setShowRetired(e.currentTarget.checked)}
          />
        </>
      }
    >
      <Table striped highlightOnHover verticalSpacing="sm" miw={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Machine</Table.Th>
            <Table.Th>Environment</Table.Th>
            <Table.Th ta="right">Units/h</Table.Th>
            <Table.Th>Staffing per shift</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((machine) => {
            const style = machine.retiredAt ? RETIRED_STYLE : MACHINE_STATUS_STYLE[machine.status];
            return (
              <Table.Tr key={machine.id} data-testid={`machine-row-${machine.code}`}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text fw={700} ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                      {machine.code}
                    </Text>
                    <Badge
                      color={style.colour}
                      variant="light"
                      size="sm"
                      style={{ flexShrink: 0, minWidth: 'max-content' }}
                    >
                      {style.label}
                    </Badge>
                  </Group>
                  <Text size="sm">{machine.name}</Text>
                  {machine.type && (
                    <Text size="xs" c="dimmed">
                      {machine.type.name}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <ColourDot colour={machine.environment.colour} size={12} />
                    {machine.environment.name}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">
                  {machine.ratedSpeed === null ? '—' : numbers.format(machine.ratedSpeed)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{staffingSummary(machine.staffing)}</Text>
                </Table.Td>
                <Table.Td>
                  <MachineRowActions machine={machine} onEdit={() => setEditing(machine)} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {shown.length === 0 && (
        <Text c="dimmed" p="md">
          No machines here.
        </Text>
      )}
      {editing !== null && (
        <MachineForm
          machine={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </AdminSection>
  );
}
