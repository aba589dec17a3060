import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import type { StopReason, StopReasonCategory } from '../../../common/api/stop-reasons.js';
import { useStopReasons } from '../../api/reference.js';
import { orderErrorMessage } from '../../api/orders.js';

function Tile({
  label,
  detail,
  colour,
  onClick,
  testId,
  selected = false,
}: {
  label: string;
  detail?: string;
  colour: string;
  onClick: () => void;
  testId: string;
  selected?: boolean;
}) {
  return (
    <Button
      onClick={onClick}
      variant={selected ? 'filled' : 'light'}
      color={colour}
      h={80}
      size="lg"
      radius="md"
      styles={{ label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.2 } }}
      data-testid={testId}
    >
      <Stack gap={2} align="center">
        <span>{label}</span>
        {detail && (
          <Text span size="xs" fw={500} opacity={0.8}>
            {detail}
          </Text>
        )}
      </Stack>
    </Button>
  );
}

/** Why is it stopping? Big tiles: category, then reason, then confirm. */
export function ReasonPicker({
  onClose,
  onConfirm,
  pending,
  error,
}: {
  onClose: () => void;
  onConfirm: (reason: StopReason, notes: string) => void;
  pending: boolean;
  error: unknown;
}) {
  const phone = useMediaQuery('(max-width: 48em)');
  const reasons = useStopReasons();
  const [category, setCategory] = useState<StopReasonCategory | null>(null);
  const [reason, setReason] = useState<StopReason | null>(null);
  const [notes, setNotes] = useState('');

  const title = category ? `${category.name}: which reason?` : 'Why is the machine stopping?';
  return (
    <Modal opened onClose={onClose} title={title} size="xl" fullScreen={phone} centered>
      <Stack gap="md" data-testid="reason-picker">
        {error !== null && error !== undefined && (
          <Alert color="red" role="alert" data-testid="action-error">
            {orderErrorMessage(error)}
          </Alert>
        )}
        {reasons.isPending && <Text c="dimmed">Loading reasons…</Text>}
        {!category ? (
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
            {(reasons.data ?? []).map((c) => (
              <Tile
                key={c.id}
                label={c.name}
                detail={c.planned ? 'planned' : undefined}
                colour={c.planned ? 'blue' : 'orange'}
                onClick={() => setCategory(c)}
                testId={`reason-category-${c.code}`}
              />
            ))}
          </SimpleGrid>
        ) : (
          <>
            <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
              {category.reasons.map((r) => (
                <Tile
                  key={r.id}
                  label={r.name}
                  colour={category.planned ? 'blue' : 'orange'}
                  selected={reason?.id === r.id}
                  onClick={() => setReason(r)}
                  testId={`reason-${r.code}`}
                />
              ))}
            </SimpleGrid>
            <TextInput
              size="lg"
              label="Note"
              placeholder="Optional"
              maxLength={4000}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
            />
          </>
        )}
        <Group grow>
          <Button
            size="xl"
            h={64}
            variant="default"
            onClick={() => {
              if (category) {
                setCategory(null);
                setReason(null);
              } else onClose();
            }}
          >
            {category ? '← Back' : 'Back'}
          </Button>
          <Button
            size="xl"
            h={64}
            color="orange"
            disabled={!reason}
            loading={pending}
            onClick={() => reason && onConfirm(reason, notes)}
            px="xs"
            aria-label={reason ? `Pause: ${reason.name}` : undefined}
            data-testid="confirm-pause"
          >
            {reason ? 'Pause' : 'Pick a reason'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
