import { Badge, Group } from '@mantine/core';
import { MACHINE_STATUSES, type Machine } from '../../../common/api/machines.js';
import { MACHINE_STATUS_STYLE } from './status.js';

/** How many machines are in each status (retired ones not counted), as coloured badges. */
export function StatusSummary({ machines }: { machines: readonly Machine[] }) {
  const counts = new Map<string, number>();
  for (const m of machines) {
    if (!m.retiredAt) counts.set(m.status, (counts.get(m.status) ?? 0) + 1);
  }
  return (
    <Group gap="xs" data-testid="machine-summary">
      {MACHINE_STATUSES.map((status) => (
        <Badge
          key={status}
          size="lg"
          color={MACHINE_STATUS_STYLE[status].colour}
          variant={counts.get(status) ? 'filled' : 'light'}
          c={status === 'maintenance' && counts.get(status) ? 'dark' : undefined}
          data-testid={`summary-${status}`}
        >
          {counts.get(status) ?? 0} {MACHINE_STATUS_STYLE[status].label}
        </Badge>
      ))}
    </Group>
  );
}
