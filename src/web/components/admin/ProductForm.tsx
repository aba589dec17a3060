import { Group, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Product } from '../../../common/api/products.js';
import { useSaveProduct } from '../../api/admin.js';
import { fieldError } from './errors.js';
import { FormModal } from './FormModal.js';

const FIELDS = ['code', 'name', 'unit', 'active'] as const;

/** Create (no `product`) or edit a catalogue product. */
export function ProductForm({
  product,
  onClose,
}: {
  product: Product | null;
  onClose: () => void;
}) {
  const save = useSaveProduct();
  const [code, setCode] = useState(product?.code ?? '');
  const [name, setName] = useState(product?.name ?? '');
  const [unit, setUnit] = useState(product?.unit ?? 'units');
  const [active, setActive] = useState(product?.active ?? true);
  const err = (f: string) => fieldError(save.error, f);

  return (
    <FormModal
      opened
      title={product ? `Edit ${product.name}` : 'New product'}
      onClose={onClose}
      onSubmit={() =>
        save.mutate({ id: product?.id, body: { code, name, unit, active } }, { onSuccess: onClose })
      }
      saving={save.isPending}
      error={save.error}
      shownFields={FIELDS}
      testId="product-form"
    >
      <Group grow align="flex-start">
        <TextInput
          label="Code"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={err('code')}
          required
        />
        <TextInput
          label="Unit"
          description="kg, units, cases…"
          value={unit}
          onChange={(e) => setUnit(e.currentTarget.value)}
          error={err('unit')}
          required
        />
      </Group>
      <TextInput
        label="Name"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={err('name')}
        required
      />
      <Switch
        label="Active (offered when planning orders)"
        checked={active}
        onChange={(e) => setActive(e.currentTarget.checked)}
        error={err('active')}
      />
    </FormModal>
  );
}
