import { Table, Text } from '@mantine/core';
import type { OrderWaste } from '../../../common/api/orders.js';
import { formatDateTime, formatMoney, formatQuantity, wasteTypeLabel } from './format.js';

/** The order's waste with a total per type and unit (kilograms and units never add up). */
export function OrderWasteTable({ waste, zone }: { waste: OrderWaste[]; zone: string }) {
  if (waste.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid="waste-empty">
        No waste recorded.
      </Text>
    );
  }
  const totalCost = waste.reduce((sum, w) => sum + (w.cost ?? 0), 0);
  const hasCost = waste.some((w) => w.cost !== null);
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" data-testid="order-waste">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Type</Table.Th>
            <Table.Th ta="right">Quantity</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th ta="right">Cost</Table.Th>
            <Table.Th>Recorded</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {waste.map((w) => (
            <Table.Tr key={w.id} data-testid="waste-row">
              <Table.Td data-testid="waste-type">{wasteTypeLabel(w.wasteType)}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="waste-quantity">
                {formatQuantity(w.quantity)} {w.unit}
              </Table.Td>
              <Table.Td data-testid="waste-reason">{w.reason ?? '—'}</Table.Td>
              <Table.Td ta="right">{w.cost === null ? '—' : formatMoney(w.cost)}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(w.recordedAt, zone)}
                </Text>
                <Text size="xs" c="dimmed">
                  {w.recordedBy?.displayName ?? ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        {hasCost && (
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={3}>Total cost</Table.Th>
              <Table.Th ta="right">{formatMoney(totalCost)}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
