import { Group, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { MaturationBatch } from '../../../common/api/maturation.js';
import { useProducts } from '../../api/admin.js';
import { useSaveBatch } from '../../api/maturation.js';
import { fieldError } from '../admin/errors.js';
import { FormModal } from '../admin/FormModal.js';

const FIELDS = [
  'batchNumber',
  'productId',
  'blendName',
  'quantity',
  'actualQuantity',
  'unit',
  'startedOn',
  'expectedDays',
  'notes',
];
const num = (v: number | string) => (typeof v === 'number' ? v : undefined);

/** Start a batch (supervisors), or correct one; `today` is the plant day. */
export function BatchForm({
  batch,
  today,
  onClose,
}: {
  batch: MaturationBatch | null;
  today: string;
  onClose: () => void;
}) {
  const save = useSaveBatch();
  const products = useProducts();
  const [batchNumber, setBatchNumber] = useState(batch?.batchNumber ?? '');
  const [productId, setProductId] = useState<string | null>(
    batch?.product ? String(batch.product.id) : null,
  );
  const [blendName, setBlendName] = useState(batch?.blendName ?? '');
  const [quantity, setQuantity] = useState<number | string>(batch?.quantity ?? '');
  const [actual, setActual] = useState<number | string>(batch?.actualQuantity ?? '');
  const [unit, setUnit] = useState(batch?.unit ?? 'kg');
  const [startedOn, setStartedOn] = useState(batch?.startedOn ?? today);
  const [expectedDays, setExpectedDays] = useState<number | string>(batch?.expectedDays ?? 14);
  const [notes, setNotes] = useState(batch?.notes ?? '');
  const err = (f: string) => fieldError(save.error, f);

  const submit = () => {
    const common = {
      batchNumber,
      productId: productId === null ? null : Number(productId),
      blendName: blendName.trim() === '' && productId !== null ? undefined : blendName,
      quantity: num(quantity) as number,
      unit,
      startedOn,
      expectedDays: num(expectedDays) as number,
      notes,
    };
    const body = batch
      ? { ...common, actualQuantity: num(actual) ?? null, version: batch.version }
      : common;
    save.mutate({ id: batch?.id, body }, { onSuccess: onClose });
  };

  const productOptions = (products.data?.items ?? [])
    .filter((p) => p.active || String(p.id) === productId)
    .map((p) => ({ value: String(p.id), label: `${p.name} (${p.code})` }));

  return (
    <FormModal
      opened
      title={batch ? `Edit batch ${batch.batchNumber}` : 'New maturation batch'}
      onClose={onClose}
      onSubmit={submit}
      saving={save.isPending}
      error={save.error}
      shownFields={FIELDS}
      testId="batch-form"
    >
      <Group grow align="flex-start">
        <TextInput
          label="Batch number"
          value={batchNumber}
          onChange={(e) => setBatchNumber(e.currentTarget.value)}
          error={err('batchNumber')}
          required
          data-testid="batch-number"
        />
        <Select
          label="Product"
          placeholder="None (name the blend)"
          data={productOptions}
          value={productId}
          onChange={setProductId}
          error={err('productId')}
          searchable
          clearable
        />
      </Group>
      <TextInput
        label="Blend"
        description={productId ? 'Leave empty to use the product’s name' : undefined}
        value={blendName}
        onChange={(e) => setBlendName(e.currentTarget.value)}
        error={err('blendName')}
        required={productId === null}
        data-testid="batch-blend"
      />
      <Group grow align="flex-start">
        <NumberInput
          label="Quantity"
          value={quantity}
          onChange={setQuantity}
          error={err('quantity')}
          min={0}
          required
          data-testid="batch-quantity"
        />
        {batch && (
          <NumberInput
            label="Actual quantity"
            value={actual}
            onChange={setActual}
            error={err('actualQuantity')}
            min={0}
          />
        )}
        <TextInput
          label="Unit"
          value={unit}
          onChange={(e) => setUnit(e.currentTarget.value)}
          error={err('unit')}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          type="date"
          label="Started on"
          value={startedOn}
          max={today}
          onChange={(e) => setStartedOn(e.currentTarget.value)}
          error={err('startedOn')}
          data-testid="batch-started-on"
        />
        <NumberInput
          label="Expected days"
          value={expectedDays}
          onChange={setExpectedDays}
          error={err('expectedDays')}
          min={1}
          max={3650}
          allowDecimal={false}
          required
          data-testid="batch-expected-days"
        />
      </Group>
      <Textarea
        label="Notes"
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        error={err('notes')}
        autosize
        minRows={2}
      />
    </FormModal>
  );
}
