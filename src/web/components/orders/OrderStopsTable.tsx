import { Badge, Table, Text } from '@mantine/core';
import type { OrderStop } from '../../../common/api/orders.js';
import { formatDateTime, formatSeconds } from './format.js';
import { useServerNow } from './useServerNow.js';

function Duration({ stop, now }: { stop: OrderStop; now: number | undefined }) {
  if (!stop.open) return <>{formatSeconds(stop.durationSeconds)}</>;
  const running =
    now === undefined
      ? stop.durationSeconds
      : Math.max(0, (now - Date.parse(stop.startedAt)) / 1000);
  return (
    <>
      <Badge color="orange" size="sm" mr={6}>
        open
      </Badge>
      {formatSeconds(running)}
    </>
  );
}

/** The order's stops: reason, start and end in plant time, duration (open ones run on). */
export function OrderStopsTable({ stops, zone }: { stops: OrderStop[]; zone: string }) {
  const now = useServerNow();
  if (stops.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        No stops.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" data-testid="order-stops">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Reason</Table.Th>
            <Table.Th>From</Table.Th>
            <Table.Th>To</Table.Th>
            <Table.Th>Duration</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {stops.map((stop) => (
            <Table.Tr key={stop.id} data-testid="stop-row">
              <Table.Td>
                <Text size="sm" fw={600} data-testid="stop-reason">
                  {stop.reasonName ?? 'No reason given'}
                </Text>
                <Text size="xs" c="dimmed">
                  {[stop.categoryName, stop.machine.code, stop.reportedBy?.displayName]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
                {stop.notes && <Text size="xs">{stop.notes}</Text>}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(stop.startedAt, zone)}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {stop.endedAt ? formatDateTime(stop.endedAt, zone) : '—'}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Duration stop={stop} now={now} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
