import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { MATURATION_STATUSES, type MaturationStatus } from '../../common/api/maturation.js';
import { useMaturationBatches, useMaturationOverdue } from '../api/maturation.js';
import { useReady } from '../api/system.js';
import { useSession } from '../auth/session.js';
import { describeError } from '../components/admin/errors.js';
import { BatchDrawer } from '../components/maturation/BatchDrawer.js';
import { BatchForm } from '../components/maturation/BatchForm.js';
import { BatchTable } from '../components/maturation/BatchTable.js';
import { OverdueReasons } from '../components/maturation/OverdueReasons.js';
import { MATURATION_STATUS_STYLE } from '../components/maturation/status.js';
import { formatCalendarDay } from '../components/time.js';

type Tab = 'room' | 'all' | 'overdue';

/** The maturation room: batches in the room, every batch, and what is overdue. */
export function MaturationPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') ?? 'room') as Tab;
  const batchId = params.get('batch') ? Number(params.get('batch')) : null;
  const [status, setStatus] = useState<MaturationStatus | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [creating, setCreating] = useState(false);

  const list = useMaturationBatches({
    scope: tab === 'all' ? 'all' : 'active',
    status: status ?? undefined,
    q: q || undefined,
  });
  const overdue = useMaturationOverdue();
  const ready = useReady().data?.ready.plant;
  const today = list.data?.today ?? ready?.plantDay ?? '';
  const zone = ready?.timeZone ?? 'UTC';

  const setParam = (key: string, value: string | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value === null) next.delete(key);
      else next.set(key, value);
      return next;
    });
  const open = (b: { id: number }) => setParam('batch', String(b.id));
  const current = tab === 'overdue' ? overdue : list;
  const dueToday = list.data?.items.filter((b) => b.checkDueToday).length ?? 0;

  return (
    <Stack gap="lg" maw={1300}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Maturation room</Title>
          {today && (
            <Text c="dimmed" size="sm" data-testid="maturation-today">
              Plant day {formatCalendarDay(today, 'long')}
              {tab !== 'overdue' && dueToday > 0 && ` · ${dueToday} to check today`}
            </Text>
          )}
        </div>
        {can('POST /api/maturation') && (
          <Button onClick={() => setCreating(true)} data-testid="new-batch">
            New batch
          </Button>
        )}
      </Group>

      <Tabs value={tab} onChange={(v) => setParam('tab', v === 'room' ? null : v)}>
        <Tabs.List>
          <Tabs.Tab value="room">In the room</Tabs.Tab>
          <Tabs.Tab value="all">All batches</Tabs.Tab>
          <Tabs.Tab
            value="overdue"
            data-testid="tab-overdue"
            rightSection={
              overdue.data && overdue.data.items.length > 0 ? (
                <Badge color="red" size="sm" circle>
                  {overdue.data.items.length}
                </Badge>
              ) : undefined
            }
          >
            Overdue
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>

      {tab !== 'overdue' && (
        <Group gap="sm">
          <TextInput
            placeholder="Search batch or blend"
            aria-label="Search batches"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={240}
            data-testid="batch-search"
          />
          <Select
            placeholder="Any status"
            aria-label="Status"
            data={MATURATION_STATUSES.map((s) => ({
              value: s,
              label: MATURATION_STATUS_STYLE[s].label,
            }))}
            value={status}
            onChange={(v) => setStatus(v as MaturationStatus | null)}
            clearable
            w={200}
          />
        </Group>
      )}

      {current.error && (
        <Alert color="red" title="Could not load the batches" role="alert">
          {describeError(current.error)}
        </Alert>
      )}
      {current.isPending ? (
        <Skeleton height={200} radius="md" />
      ) : (
        <Paper withBorder radius="md">
          {tab === 'overdue' ? (
            <BatchTable
              batches={overdue.data?.items ?? []}
              onOpen={open}
              extra={{
                title: 'Why',
                render: (b) => {
                  const item = overdue.data?.items.find((i) => i.id === b.id);
                  return item ? <OverdueReasons reasons={item.reasons} /> : null;
                },
              }}
            />
          ) : (
            <BatchTable batches={list.data?.items ?? []} onOpen={open} />
          )}
          {(current.data?.items.length ?? 0) === 0 && (
            <Text c="dimmed" p="md" data-testid="batches-empty">
              {tab === 'overdue'
                ? 'Nothing overdue: every batch is checked and on time.'
                : 'No batches.'}
            </Text>
          )}
        </Paper>
      )}

      <BatchDrawer
        batchId={batchId}
        today={today}
        zone={zone}
        onClose={() => setParam('batch', null)}
      />
      {creating && <BatchForm batch={null} today={today} onClose={() => setCreating(false)} />}
    </Stack>
  );
}
