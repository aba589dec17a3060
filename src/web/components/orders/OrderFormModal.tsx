import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Order } from '../../../common/api/orders.js';
import { editableFields, PLANNED_FIELDS } from '../../../common/order-lifecycle.js';
import { ApiError } from '../../api/client.js';
import { orderErrorMessage, useCreateOrder, useUpdateOrder } from '../../api/orders.js';
import { OrderFormFields } from './OrderFormFields.js';
import { createBody, EMPTY_FORM, formFromOrder, updateBody, type OrderForm } from './order-form.js';

/**
 * Create an order (no `order`) or edit its planned fields. Mount it only while open, so each
 * opening starts from the order as it is now.
 */
export function OrderFormModal({
  order,
  zone,
  onClose,
  onSaved,
}: {
  order?: Order;
  zone: string;
  onClose: () => void;
  onSaved?: (order: Order) => void;
}) {
  const [initial] = useState<OrderForm>(() => (order ? formFromOrder(order, zone) : EMPTY_FORM));
  const [form, setForm] = useState<OrderForm>(initial);
  const create = useCreateOrder();
  const update = useUpdateOrder();
  const mutation = order ? update : create;
  const editable = order ? editableFields(order.status, order.archived) : PLANNED_FIELDS;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done = (saved: Order) => {
      onSaved?.(saved);
      onClose();
    };
    if (order) {
      const body = updateBody(order, initial, form, zone);
      if (Object.keys(body).length === 1) return onClose(); // only the version: nothing changed
      update.mutate({ id: order.id, body }, { onSuccess: done });
    } else {
      create.mutate(createBody(form, zone), { onSuccess: done });
    }
  };

  const error = mutation.error;
  const fieldErrors = error instanceof ApiError && error.fields;
  return (
    <Modal
      opened
      onClose={onClose}
      title={order ? `Edit ${order.orderNumber}` : 'New production order'}
      size="lg"
      centered
    >
      <form onSubmit={submit} noValidate data-testid="order-form">
        <Stack gap="md">
          {error !== null && (
            <Alert color="red" role="alert" data-testid="order-form-error">
              {fieldErrors ? `${error.message}` : orderErrorMessage(error)}
            </Alert>
          )}
          {order && editable.length < PLANNED_FIELDS.length && (
            <Text size="sm" c="dimmed">
              While the order is {order.status.replace('_', ' ')}, only some fields can change.
            </Text>
          )}
          <OrderFormFields
            form={form}
            onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
            editable={editable}
            error={error}
            creating={!order}
            zone={zone}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Back
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="order-form-save">
              {order ? 'Save changes' : 'Create order'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
