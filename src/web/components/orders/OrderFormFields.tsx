import {
  Autocomplete,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { ORDER_PRIORITIES, type PlannedField } from '../../../common/order-lifecycle.js';
import { fieldError } from '../../api/client.js';
import { useEnvironments, useProducts } from '../../api/reference.js';
import { PRIORITY_LABELS } from './format.js';
import type { OrderForm } from './order-form.js';

/** The inputs of the create/edit order form; fields the order's state locks are disabled. */
export function OrderFormFields({
  form,
  onChange,
  editable,
  error,
  creating,
  zone,
}: {
  form: OrderForm;
  onChange: (patch: Partial<OrderForm>) => void;
  editable: readonly PlannedField[];
  error: unknown;
  creating: boolean;
  zone: string;
}) {
  const environments = useEnvironments();
  const products = useProducts();
  const locked = (f: PlannedField) => !editable.includes(f);
  const err = (f: string) => fieldError(error, f);

  const pickProduct = (name: string) => {
    const product = products.data?.find((p) => p.name === name);
    onChange(
      product
        ? { productName: product.name, productId: product.id, unit: product.unit }
        : { productName: name, productId: null },
    );
  };

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput
          label="Order number"
          required
          maxLength={64}
          value={form.orderNumber}
          onChange={(e) => onChange({ orderNumber: e.currentTarget.value })}
          disabled={locked('orderNumber')}
          error={err('orderNumber')}
          data-testid="order-form-number"
          data-autofocus
        />
        <Select
          label="Environment"
          required
          data={(environments.data ?? []).map((e) => ({ value: String(e.id), label: e.name }))}
          value={form.environmentId}
          onChange={(v) => onChange({ environmentId: v })}
          disabled={locked('environmentId')}
          error={err('environmentId')}
          allowDeselect={false}
          data-testid="order-form-environment"
        />
      </SimpleGrid>
      <Autocomplete
        label="Product"
        required
        maxLength={200}
        data={[...new Set((products.data ?? []).map((p) => p.name))]}
        value={form.productName}
        onChange={pickProduct}
        disabled={locked('productName')}
        error={err('productName') ?? err('productId')}
        data-testid="order-form-product"
      />
      <SimpleGrid cols={{ base: 2 }} spacing="sm">
        <NumberInput
          label="Planned quantity"
          required
          min={0}
          decimalScale={3}
          thousandSeparator=","
          value={form.quantity}
          onChange={(v) => onChange({ quantity: v })}
          disabled={locked('quantity')}
          error={err('quantity')}
          data-testid="order-form-quantity"
        />
        <TextInput
          label="Unit"
          maxLength={32}
          value={form.unit}
          onChange={(e) => onChange({ unit: e.currentTarget.value })}
          disabled={locked('unit')}
          error={err('unit')}
        />
      </SimpleGrid>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Priority
        </Text>
        <SegmentedControl
          fullWidth
          data={ORDER_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
          value={form.priority}
          onChange={(v) => onChange({ priority: v as OrderForm['priority'] })}
          disabled={locked('priority')}
          data-testid="order-form-priority"
        />
      </Stack>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput
          type="date"
          label="Due date"
          value={form.dueDate}
          onChange={(e) => onChange({ dueDate: e.currentTarget.value })}
          disabled={locked('dueDate')}
          error={err('dueDate')}
          data-testid="order-form-due"
        />
        <TextInput
          label="Shift"
          placeholder="e.g. D or N"
          maxLength={8}
          value={form.scheduledShift}
          onChange={(e) => onChange({ scheduledShift: e.currentTarget.value })}
          disabled={locked('scheduledShift')}
          error={err('scheduledShift')}
        />
        <TextInput
          type="datetime-local"
          label="Scheduled start"
          description={`Plant time (${zone})`}
          value={form.scheduledStart}
          onChange={(e) => onChange({ scheduledStart: e.currentTarget.value })}
          disabled={locked('scheduledStart')}
          error={err('scheduledStart')}
        />
        <TextInput
          type="datetime-local"
          label="Scheduled end"
          description={`Plant time (${zone})`}
          value={form.scheduledEnd}
          onChange={(e) => onChange({ scheduledEnd: e.currentTarget.value })}
          disabled={locked('scheduledEnd')}
          error={err('scheduledEnd')}
        />
      </SimpleGrid>
      <Textarea
        label="Notes"
        autosize
        minRows={2}
        maxLength={4000}
        value={form.notes}
        onChange={(e) => onChange({ notes: e.currentTarget.value })}
        disabled={locked('notes')}
        error={err('notes')}
      />
      {creating && (
        <Group>
          <Checkbox
            label="Save as draft (not yet released to the floor)"
            checked={form.draft}
            onChange={(e) => onChange({ draft: e.currentTarget.checked })}
          />
        </Group>
      )}
    </Stack>
  );
}
