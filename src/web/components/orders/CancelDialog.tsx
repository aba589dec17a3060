import { Textarea } from '@mantine/core';
import { useState } from 'react';
import type { Order } from '../../../common/api/orders.js';
import { fieldError } from '../../api/client.js';
import { ActionModal } from './ActionModal.js';
import type { DialogProps } from './dialog-props.js';

/** Cancel: the reason is required. */
export function CancelDialog({ order, opened, onClose, mutation }: DialogProps & { order: Order }) {
  const [reason, setReason] = useState('');
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={`Cancel ${order.orderNumber}`}
      confirmLabel="Cancel the order"
      confirmColor="red"
      pending={mutation.isPending}
      error={mutation.error}
      disabled={reason.trim() === ''}
      testId="cancel-dialog"
      onConfirm={() =>
        mutation.mutate(
          { order, action: 'cancel', body: { reason: reason.trim() } },
          { onSuccess: onClose },
        )
      }
    >
      <Textarea
        label="Reason"
        description="Why the order will not be produced"
        required
        autosize
        minRows={2}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={fieldError(mutation.error, 'reason')}
        data-testid="cancel-reason"
        data-autofocus
      />
    </ActionModal>
  );
}
