import { ActionIcon, Alert, Button, Group, Menu, type ButtonProps } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { Order } from '../../../common/api/orders.js';
import { actionsFor, editableFields, type OrderAction } from '../../../common/order-lifecycle.js';
import { orderErrorMessage, useOrderAction, useUpdateOrder } from '../../api/orders.js';
import { useSession } from '../../auth/session.js';
import { CancelDialog } from './CancelDialog.js';
import { CompleteDialog } from './CompleteDialog.js';
import { CountDialog } from './CountDialog.js';
import { OrderFormModal } from './OrderFormModal.js';
import { PauseDialog } from './PauseDialog.js';
import { StartDialog } from './StartDialog.js';

const BUTTONS: Record<OrderAction, { label: string; color: string; variant: string }> = {
  release: { label: 'Release', color: 'blue', variant: 'light' },
  start: { label: 'Start', color: 'green', variant: 'filled' },
  pause: { label: 'Pause', color: 'orange', variant: 'filled' },
  resume: { label: 'Resume', color: 'green', variant: 'filled' },
  count: { label: 'Count', color: 'gray', variant: 'default' },
  complete: { label: 'Complete', color: 'teal', variant: 'light' },
  cancel: { label: 'Cancel…', color: 'red', variant: 'subtle' },
  archive: { label: 'Archive', color: 'gray', variant: 'subtle' },
  restore: { label: 'Restore', color: 'gray', variant: 'light' },
};

type Dialog = OrderAction | 'edit' | null;

/** In compact mode only the next step is a button; the rest go in the "more" menu. */
const PRIMARY: ReadonlySet<OrderAction> = new Set([
  'release',
  'start',
  'pause',
  'resume',
  'restore',
]);

/**
 * The buttons an order offers this user: only what both the role and the order's state allow
 * (the shared lifecycle decides), each asking for what it needs.
 */
export function OrderActions({
  order,
  zone,
  size = 'xs',
  compact = false,
  children,
}: {
  order: Order;
  zone: string;
  size?: ButtonProps['size'];
  /** Secondary actions (count, edit, cancel, archive) in a menu, for boards. */
  compact?: boolean;
  /** More buttons, laid out with these. */
  children?: ReactNode;
}) {
  const { role, can } = useSession();
  const action = useOrderAction();
  const release = useUpdateOrder();
  const [dialog, setDialog] = useState<Dialog>(null);
  const actions = actionsFor(order.status, order.archived, role);
  const canEdit =
    can('PATCH /api/orders/:id') && editableFields(order.status, order.archived).length > 0;

  const open = (next: Dialog) => {
    action.reset();
    release.reset();
    setDialog(next);
  };
  const close = () => setDialog(null);

  const run = (a: OrderAction) => {
    switch (a) {
      case 'release':
        release.reset();
        return release.mutate({ id: order.id, body: { draft: false, version: order.version } });
      case 'resume':
      case 'archive':
      case 'restore':
        action.reset();
        return action.mutate({ order, action: a, body: {} });
      case 'start':
      case 'pause':
      case 'count':
      case 'complete':
      case 'cancel':
        return open(a);
    }
  };

  const secondary = compact ? actions.filter((a) => !PRIMARY.has(a)) : [];
  const inlineError = dialog === null ? (action.error ?? release.error) : null;
  const busy = action.isPending || release.isPending;
  const dialogProps = { opened: true, onClose: close, mutation: action };

  return (
    <>
      <Group gap={6} wrap={compact ? 'nowrap' : 'wrap'} data-testid="order-actions">
        {actions
          .filter((a) => !compact || PRIMARY.has(a))
          .map((a) => (
            <Button
              key={a}
              size={size}
              color={BUTTONS[a].color}
              variant={BUTTONS[a].variant}
              onClick={() => run(a)}
              disabled={busy}
              data-testid={`action-${a}`}
            >
              {BUTTONS[a].label}
            </Button>
          ))}
        {!compact && canEdit && (
          <Button
            size={size}
            variant="default"
            onClick={() => open('edit')}
            data-testid="action-edit"
          >
            Edit
          </Button>
        )}
        {compact && (secondary.length > 0 || canEdit) && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                variant="default"
                size={size === 'xs' ? 30 : 36}
                aria-label={`More actions for ${order.orderNumber}`}
                data-testid="order-more"
              >
                ⋯
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {secondary.map((a) => (
                <Menu.Item
                  key={a}
                  color={a === 'cancel' ? 'red' : undefined}
                  onClick={() => run(a)}
                  disabled={busy}
                  data-testid={`action-${a}`}
                >
                  {BUTTONS[a].label}
                </Menu.Item>
              ))}
              {canEdit && (
                <Menu.Item onClick={() => open('edit')} data-testid="action-edit">
                  Edit planned fields
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        )}
        {children}
      </Group>
      {inlineError && (
        <Alert color="red" mt="xs" p="xs" role="alert" data-testid="action-error">
          {orderErrorMessage(inlineError)}
        </Alert>
      )}
      {dialog === 'start' && <StartDialog order={order} {...dialogProps} />}
      {dialog === 'pause' && <PauseDialog order={order} {...dialogProps} />}
      {dialog === 'complete' && <CompleteDialog order={order} {...dialogProps} />}
      {dialog === 'cancel' && <CancelDialog order={order} {...dialogProps} />}
      {dialog === 'count' && <CountDialog order={order} opened onClose={close} />}
      {dialog === 'edit' && <OrderFormModal order={order} zone={zone} onClose={close} />}
    </>
  );
}
