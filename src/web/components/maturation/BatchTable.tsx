import { Progress, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { MaturationBatch } from '../../../common/api/maturation.js';
import { formatCalendarDay } from '../time.js';
import { BatchFlags } from './BatchFlags.js';

const numbers = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** Batches as rows; overdue rows are tinted red. Clicking a row opens it. */
export function BatchTable({
  batches,
  onOpen,
  extra,
}: {
  batches: readonly MaturationBatch[];
  onOpen: (batch: MaturationBatch) => void;
  /** An extra last column (e.g. why a batch is overdue). */
  extra?: { title: string; render: (batch: MaturationBatch) => ReactNode };
}) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Batch</Table.Th>
            <Table.Th ta="right">Quantity</Table.Th>
            <Table.Th>Started</Table.Th>
            <Table.Th>Ready on</Table.Th>
            <Table.Th w={160}>Days in</Table.Th>
            <Table.Th>Last check</Table.Th>
            <Table.Th>Status</Table.Th>
            {extra && <Table.Th>{extra.title}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {batches.map((b) => (
            <Table.Tr
              key={b.id}
              onClick={() => onOpen(b)}
              style={{ cursor: 'pointer' }}
              bg={b.overdue ? 'red.0' : undefined}
              data-testid={`batch-row-${b.batchNumber}`}
            >
              <Table.Td>
                <Text fw={700} ff="monospace">
                  {b.batchNumber}
                </Text>
                <Text size="sm">{b.blendName}</Text>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {numbers.format(b.quantity)} {b.unit}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatCalendarDay(b.startedOn, 'short')}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }} c={b.overdue ? 'red.8' : undefined}>
                {formatCalendarDay(b.readyOn, 'short')}
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <Text size="sm" fw={600}>
                    {b.daysIn} / {b.expectedDays} days
                  </Text>
                  <Progress
                    value={Math.min(100, (b.daysIn / b.expectedDays) * 100)}
                    color={b.overdue ? 'red' : b.daysIn >= b.expectedDays ? 'green' : 'grape'}
                    size="sm"
                  />
                </Stack>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {b.lastCheckDate ? formatCalendarDay(b.lastCheckDate, 'short') : '—'}
              </Table.Td>
              <Table.Td>
                <BatchFlags batch={b} />
              </Table.Td>
              {extra && <Table.Td>{extra.render(b)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
