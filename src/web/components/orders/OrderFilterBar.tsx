import {
  ActionIcon,
  Button,
  Chip,
  Collapse,
  Group,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import type { OrderSort } from '../../../common/api/orders.js';
import {
  ORDER_PRIORITIES,
  ORDER_STATUSES,
  type OrderPriority,
  type OrderStatus,
} from '../../../common/order-lifecycle.js';
import type { OrderFilters } from '../../api/orders.js';
import { useEnvironments, useMachines } from '../../api/reference.js';
import { PRIORITY_LABELS, STATUS_LABELS } from './format.js';

const SORT_LABELS: Record<OrderSort, string> = {
  dueDate: 'Due date',
  priority: 'Priority',
  createdAt: 'Created',
  orderNumber: 'Order number',
  status: 'Status',
};

function countMore(f: OrderFilters): number {
  return [f.environmentId, f.machineId, f.priority, f.dueFrom, f.dueTo].filter(
    (v) => v !== undefined,
  ).length;
}

/** Search, status chips, and (behind "More filters" on small screens) the rest. */
export function OrderFilterBar({
  filters,
  onChange,
}: {
  filters: OrderFilters;
  onChange: (patch: Partial<OrderFilters>) => void;
}) {
  const environments = useEnvironments();
  const machines = useMachines({ environmentId: filters.environmentId });
  const [search, setSearch] = useState(filters.q ?? '');
  const pushSearch = useDebouncedCallback(
    (q: string) => onChange({ q: q.trim() || undefined }),
    300,
  );
  const more = countMore(filters);
  const [moreOpen, { toggle }] = useDisclosure(more > 0);

  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap="sm">
        <Group gap="sm" wrap="wrap" align="flex-end">
          <TextInput
            placeholder="Search order number or product"
            aria-label="Search orders"
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              pushSearch(e.currentTarget.value);
            }}
            style={{ flex: '1 1 220px' }}
            data-testid="orders-search"
          />
          <SegmentedControl
            data={[
              { value: 'false', label: 'Current' },
              { value: 'true', label: 'Archived' },
              { value: 'all', label: 'All' },
            ]}
            value={filters.archived ?? 'false'}
            onChange={(v) => onChange({ archived: v as OrderFilters['archived'] })}
            aria-label="Archived orders"
            data-testid="orders-archived"
          />
          <Group gap={4} wrap="nowrap">
            <Select
              aria-label="Sort by"
              data={Object.entries(SORT_LABELS).map(([value, label]) => ({ value, label }))}
              value={filters.sort ?? 'dueDate'}
              onChange={(v) => v && onChange({ sort: v as OrderSort })}
              allowDeselect={false}
              w={150}
              data-testid="orders-sort"
            />
            <ActionIcon
              variant="default"
              size={36}
              onClick={() => onChange({ dir: filters.dir === 'desc' ? 'asc' : 'desc' })}
              aria-label={
                filters.dir === 'desc'
                  ? 'Descending (click for ascending)'
                  : 'Ascending (click for descending)'
              }
              data-testid="orders-dir"
            >
              {filters.dir === 'desc' ? '↓' : '↑'}
            </ActionIcon>
          </Group>
          <Button variant={more > 0 ? 'light' : 'default'} onClick={toggle}>
            {more > 0 ? `More filters (${more})` : 'More filters'}
          </Button>
        </Group>
        <Chip.Group
          multiple
          value={filters.status ?? []}
          onChange={(v) => onChange({ status: v.length > 0 ? (v as OrderStatus[]) : undefined })}
        >
          <Group gap={6} data-testid="orders-status-chips">
            {ORDER_STATUSES.map((s) => (
              <Chip key={s} value={s} size="sm" data-testid={`status-chip-${s}`}>
                {STATUS_LABELS[s]}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <Collapse expanded={moreOpen}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            <Select
              label="Environment"
              placeholder="All"
              clearable
              data={(environments.data ?? []).map((e) => ({ value: String(e.id), label: e.name }))}
              value={filters.environmentId ? String(filters.environmentId) : null}
              onChange={(v) =>
                onChange({ environmentId: v ? Number(v) : undefined, machineId: undefined })
              }
            />
            <Select
              label="Machine"
              placeholder="All"
              clearable
              searchable
              data={(machines.data ?? []).map((m) => ({
                value: String(m.id),
                label: `${m.code} — ${m.name}`,
              }))}
              value={filters.machineId ? String(filters.machineId) : null}
              onChange={(v) => onChange({ machineId: v ? Number(v) : undefined })}
            />
            <MultiSelect
              label="Priority"
              placeholder={filters.priority ? undefined : 'All'}
              clearable
              data={ORDER_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
              value={filters.priority ?? []}
              onChange={(v) =>
                onChange({ priority: v.length > 0 ? (v as OrderPriority[]) : undefined })
              }
            />
            <Group gap="xs" grow wrap="nowrap">
              <TextInput
                type="date"
                label="Due from"
                value={filters.dueFrom ?? ''}
                onChange={(e) => onChange({ dueFrom: e.currentTarget.value || undefined })}
              />
              <TextInput
                type="date"
                label="Due to"
                value={filters.dueTo ?? ''}
                onChange={(e) => onChange({ dueTo: e.currentTarget.value || undefined })}
              />
            </Group>
          </SimpleGrid>
        </Collapse>
      </Stack>
    </Paper>
  );
}
