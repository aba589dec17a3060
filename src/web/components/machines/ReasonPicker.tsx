import { Select } from '@mantine/core';
import { useStopReasons } from '../../api/reference.js';

/** Picks a stop reason from the tree, grouped by category; `null` is "no reason yet". */
export function ReasonPicker({
  value,
  onChange,
  error,
  label = 'Reason',
  required = false,
}: {
  value: number | null;
  onChange: (reasonId: number | null) => void;
  error?: string;
  label?: string;
  required?: boolean;
}) {
  const reasons = useStopReasons();
  const data = (reasons.data ?? []).map((category) => ({
    group: `${category.name} · ${category.planned ? 'planned' : 'unplanned'}`,
    items: category.reasons.map((r) => ({ value: String(r.id), label: r.name })),
  }));
  return (
    <Select
      label={label}
      placeholder={reasons.isPending ? 'Loading reasons…' : 'Pick a reason'}
      data={data}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v === null ? null : Number(v))}
      searchable
      clearable={!required}
      required={required}
      nothingFoundMessage="No such reason"
      error={error ?? (reasons.error ? 'The reasons could not be loaded' : undefined)}
      size="lg"
      maxDropdownHeight={360}
      comboboxProps={{ withinPortal: true }}
      data-testid="reason-picker"
    />
  );
}
