import {
  Autocomplete,
  NumberInput,
  Select,
  SimpleGrid,
  TextInput,
  type MantineSize,
} from '@mantine/core';
import { WASTE_TYPES, type RecordWasteBody, type WasteType } from '../../../common/api/waste.js';
import { toNumber, WASTE_TYPE_LABELS } from './format.js';

/** One waste line as the inputs hold it. */
export interface WasteLine {
  wasteType: WasteType | null;
  quantity: string | number;
  unit: string;
  reason: string;
  cost: string | number;
}

export function emptyWasteLine(unit: string): WasteLine {
  return { wasteType: null, quantity: '', unit, reason: '', cost: '' };
}

/** The API body of a line, or null while it is incomplete. */
export function wasteBody(line: WasteLine): RecordWasteBody | null {
  const quantity = toNumber(line.quantity);
  if (!line.wasteType || quantity === undefined || quantity <= 0 || line.unit.trim() === '') {
    return null;
  }
  const cost = toNumber(line.cost);
  return {
    wasteType: line.wasteType,
    quantity,
    unit: line.unit.trim(),
    reason: line.reason.trim() === '' ? undefined : line.reason.trim(),
    cost: cost ?? undefined,
  };
}

const UNITS = ['kg', 'g', 'units', 'litres', 'bags', 'cartons'];

/** Type, quantity, unit, reason and optional cost of one waste line. */
export function WasteLineFields({
  line,
  onChange,
  errors = {},
  size = 'sm',
  withCost = true,
  testId = 'waste',
}: {
  line: WasteLine;
  onChange: (patch: Partial<WasteLine>) => void;
  errors?: Partial<Record<keyof WasteLine, string>>;
  size?: MantineSize;
  withCost?: boolean;
  testId?: string;
}) {
  return (
    <SimpleGrid cols={{ base: 2, sm: withCost ? 4 : 3 }} spacing="sm">
      <Select
        label="Type"
        placeholder="Choose"
        data={WASTE_TYPES.map((t) => ({ value: t, label: WASTE_TYPE_LABELS[t] }))}
        value={line.wasteType}
        onChange={(v) => onChange({ wasteType: v as WasteType | null })}
        error={errors.wasteType}
        size={size}
        allowDeselect={false}
        data-testid={`${testId}-type`}
      />
      <NumberInput
        hideControls={size !== 'sm'}
        label="Quantity"
        min={0}
        decimalScale={3}
        thousandSeparator=","
        value={line.quantity}
        onChange={(v) => onChange({ quantity: v })}
        error={errors.quantity}
        size={size}
        data-testid={`${testId}-quantity`}
      />
      <Autocomplete
        label="Unit"
        data={UNITS}
        maxLength={32}
        value={line.unit}
        onChange={(v) => onChange({ unit: v })}
        error={errors.unit}
        size={size}
        data-testid={`${testId}-unit`}
      />
      {withCost && (
        <NumberInput
          label="Cost"
          placeholder="Optional"
          min={0}
          decimalScale={2}
          thousandSeparator=","
          value={line.cost}
          onChange={(v) => onChange({ cost: v })}
          error={errors.cost}
          size={size}
        />
      )}
      <TextInput
        label="Reason"
        placeholder="Optional"
        maxLength={500}
        value={line.reason}
        onChange={(e) => onChange({ reason: e.currentTarget.value })}
        error={errors.reason}
        size={size}
        style={{ gridColumn: '1 / -1' }}
        data-testid={`${testId}-reason`}
      />
    </SimpleGrid>
  );
}
