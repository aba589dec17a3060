import { useState } from 'react';
import type { Order } from '../../../common/api/orders.js';
import { fieldError } from '../../api/client.js';
import { useRecordWaste } from '../../api/orders.js';
import { ActionModal } from './ActionModal.js';
import { emptyWasteLine, wasteBody, WasteLineFields, type WasteLine } from './WasteLineFields.js';

/** Record one waste line against an order. Mount only while open. */
export function WasteDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const record = useRecordWaste();
  const [line, setLine] = useState<WasteLine>(() => emptyWasteLine(order.unit));
  const body = wasteBody(line);
  const err = (f: keyof WasteLine) => fieldError(record.error, f);
  return (
    <ActionModal
      opened
      onClose={onClose}
      title={`Record waste on ${order.orderNumber}`}
      confirmLabel="Record waste"
      pending={record.isPending}
      error={record.error}
      disabled={body === null}
      testId="waste-dialog"
      size="lg"
      onConfirm={() => body && record.mutate({ orderId: order.id, body }, { onSuccess: onClose })}
    >
      <WasteLineFields
        line={line}
        onChange={(patch) => setLine((l) => ({ ...l, ...patch }))}
        errors={{
          wasteType: err('wasteType'),
          quantity: err('quantity'),
          unit: err('unit'),
          reason: err('reason'),
          cost: err('cost'),
        }}
      />
    </ActionModal>
  );
}
