import { Select, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { Order } from '../../../common/api/orders.js';
import { fieldError } from '../../api/client.js';
import { useStopReasons } from '../../api/reference.js';
import { ActionModal } from './ActionModal.js';
import type { DialogProps } from './dialog-props.js';

/** Pause: a reason from the tree (grouped by category) and optional notes. */
export function PauseDialog({ order, opened, onClose, mutation }: DialogProps & { order: Order }) {
  const reasons = useStopReasons();
  const [reasonId, setReasonId] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const data = (reasons.data ?? []).map((category) => ({
    group: `${category.name}${category.planned ? ' (planned)' : ''}`,
    items: category.reasons.map((r) => ({ value: String(r.id), label: r.name })),
  }));

  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={`Pause ${order.orderNumber}`}
      confirmLabel="Pause"
      confirmColor="orange"
      pending={mutation.isPending}
      error={mutation.error}
      disabled={reasonId === null}
      testId="pause-dialog"
      onConfirm={() =>
        mutation.mutate(
          {
            order,
            action: 'pause',
            body: { reasonId: Number(reasonId), notes: notes.trim() === '' ? undefined : notes },
          },
          { onSuccess: onClose },
        )
      }
    >
      <Select
        label="Why is it stopping?"
        placeholder={reasons.isPending ? 'Loading reasons…' : 'Choose a reason'}
        data={data}
        value={reasonId}
        onChange={setReasonId}
        searchable
        size="md"
        maxDropdownHeight={320}
        error={fieldError(mutation.error, 'reasonId')}
        data-testid="pause-reason"
      />
      <Textarea
        label="Notes"
        placeholder="Optional"
        autosize
        minRows={2}
        maxLength={4000}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        error={fieldError(mutation.error, 'notes')}
      />
    </ActionModal>
  );
}
