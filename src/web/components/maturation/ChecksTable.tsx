import { Table, Text } from '@mantine/core';
import type { MaturationCheck } from '../../../common/api/maturation.js';
import { formatCalendarDay, formatHourMinute } from '../time.js';

const numbers = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const show = (v: number | null, unit = '') => (v === null ? '—' : `${numbers.format(v)}${unit}`);

/** A batch's daily checks, newest first. */
export function ChecksTable({
  checks,
  zone,
}: {
  checks: readonly MaturationCheck[];
  zone: string;
}) {
  if (checks.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid="checks-empty">
        No checks recorded yet.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="xs" data-testid="checks-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            <Table.Th ta="right">Temp.</Table.Th>
            <Table.Th ta="right">Humidity</Table.Th>
            <Table.Th ta="right">pH</Table.Th>
            <Table.Th>Readings &amp; notes</Table.Th>
            <Table.Th>Checked by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {checks.map((c) => (
            <Table.Tr key={c.id} data-testid={`check-row-${c.checkDate}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatCalendarDay(c.checkDate, 'short')}
              </Table.Td>
              <Table.Td ta="right">{show(c.temperature, ' °C')}</Table.Td>
              <Table.Td ta="right">{show(c.humidity, ' %')}</Table.Td>
              <Table.Td ta="right">{show(c.ph)}</Table.Td>
              <Table.Td>
                {Object.keys(c.readings).length > 0 && (
                  <Text size="sm">
                    {Object.entries(c.readings)
                      .map(([name, value]) => `${name} ${numbers.format(value)}`)
                      .join(', ')}
                  </Text>
                )}
                {c.notes && (
                  <Text size="sm" c="dimmed">
                    {c.notes}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{c.checkedBy?.displayName ?? '—'}</Text>
                <Text size="xs" c="dimmed">
                  at {formatHourMinute(Date.parse(c.checkedAt), zone)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
