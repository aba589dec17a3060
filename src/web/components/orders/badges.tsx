import { Badge, type BadgeProps } from '@mantine/core';
import type { OrderPriority, OrderStatus } from '../../../common/order-lifecycle.js';
import { PRIORITY_COLOURS, PRIORITY_LABELS, STATUS_COLOURS, STATUS_LABELS } from './format.js';

export function StatusBadge({
  status,
  archived = false,
  ...props
}: { status: OrderStatus; archived?: boolean } & BadgeProps) {
  return (
    <Badge
      color={STATUS_COLOURS[status]}
      variant={status === 'in_progress' || status === 'paused' ? 'filled' : 'light'}
      tt="none"
      style={{ overflow: 'visible', flexShrink: 0 }}
      miw="max-content"
      data-testid="order-status"
      data-status={status}
      {...props}
    >
      {STATUS_LABELS[status]}
      {archived ? ' · archived' : ''}
    </Badge>
  );
}

export function PriorityBadge({ priority, ...props }: { priority: OrderPriority } & BadgeProps) {
  return (
    <Badge
      color={PRIORITY_COLOURS[priority]}
      variant={priority === 'urgent' ? 'filled' : 'outline'}
      tt="none"
      miw="max-content"
      data-testid="order-priority"
      {...props}
    >
      {PRIORITY_LABELS[priority]}
    </Badge>
  );
}
