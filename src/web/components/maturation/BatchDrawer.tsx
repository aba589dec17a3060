import {
  Alert,
  Button,
  Divider,
  Drawer,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useMaturationBatch } from '../../api/maturation.js';
import { useSession } from '../../auth/session.js';
import { describeError } from '../admin/errors.js';
import { formatCalendarDay } from '../time.js';
import { BatchFlags } from './BatchFlags.js';
import { BatchForm } from './BatchForm.js';
import { CheckForm } from './CheckForm.js';
import { ChecksTable } from './ChecksTable.js';
import { StatusButtons } from './StatusButtons.js';

const numbers = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fw={500}>{children}</Text>
    </div>
  );
}

/** One batch: its facts, status actions, the check form and every check so far. */
export function BatchDrawer({
  batchId,
  today,
  zone,
  onClose,
}: {
  batchId: number | null;
  today: string;
  zone: string;
  onClose: () => void;
}) {
  const { can } = useSession();
  const detail = useMaturationBatch(batchId);
  const [checking, setChecking] = useState(false);
  const [editing, setEditing] = useState(false);
  const batch = detail.data;
  const inRoom = batch && ['maturing', 'ready', 'quality_check'].includes(batch.status);

  return (
    <Drawer
      opened={batchId !== null}
      onClose={() => {
        setChecking(false);
        onClose();
      }}
      position="right"
      size="xl"
      title={
        <Text component="span" fw={700} fz="xl">
          Batch {batch?.batchNumber ?? ''}
        </Text>
      }
    >
      {detail.error && (
        <Alert color="red" title="Could not load the batch">
          {describeError(detail.error)}
        </Alert>
      )}
      {!batch && !detail.error && <Loader />}
      {batch && (
        <Stack gap="md" data-testid="batch-drawer">
          <BatchFlags batch={batch} />
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
            <Fact label="Blend">{batch.blendName}</Fact>
            <Fact label="Product">{batch.product ? batch.product.name : '—'}</Fact>
            <Fact label="Quantity">
              {numbers.format(batch.quantity)} {batch.unit}
              {batch.actualQuantity !== null && ` (actual ${numbers.format(batch.actualQuantity)})`}
            </Fact>
            <Fact label="Started on">{formatCalendarDay(batch.startedOn, 'short')}</Fact>
            <Fact label="Ready on">
              {formatCalendarDay(batch.readyOn, 'short')} ({batch.expectedDays} days)
            </Fact>
            <Fact label="Days in">{batch.daysIn}</Fact>
          </SimpleGrid>
          {batch.notes && <Text size="sm">{batch.notes}</Text>}
          {can('PATCH /api/maturation/:id') && (
            <Group gap="xs" align="flex-start">
              <StatusButtons batch={batch} />
              <Button variant="default" onClick={() => setEditing(true)} data-testid="batch-edit">
                Edit
              </Button>
            </Group>
          )}
          <Divider />
          <Group justify="space-between">
            <Title order={4}>Daily checks</Title>
            {inRoom && !checking && can('POST /api/maturation/:id/checks') && (
              <Button onClick={() => setChecking(true)} data-testid="record-check">
                Record check
              </Button>
            )}
          </Group>
          {checking && (
            <CheckForm
              key={batch.id}
              batch={batch}
              today={today}
              onDone={() => setChecking(false)}
            />
          )}
          <ChecksTable checks={batch.checks} zone={zone} />
        </Stack>
      )}
      {editing && batch && (
        <BatchForm batch={batch} today={today} onClose={() => setEditing(false)} />
      )}
    </Drawer>
  );
}
