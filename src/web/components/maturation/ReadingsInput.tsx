import { ActionIcon, Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';

export interface ReadingRow {
  name: string;
  value: number | string;
}

/** Further named measurements of a check ("brix: 12.5"), as editable rows. */
export function ReadingsInput({
  rows,
  onChange,
  errorFor,
}: {
  rows: ReadingRow[];
  onChange: (rows: ReadingRow[]) => void;
  errorFor: (name: string) => string | undefined;
}) {
  const set = (i: number, row: ReadingRow) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          Other readings
        </Text>
        <Button
          size="compact-sm"
          variant="subtle"
          onClick={() => onChange([...rows, { name: '', value: '' }])}
        >
          Add reading
        </Button>
      </Group>
      {rows.map((row, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            placeholder="name, e.g. brix"
            aria-label="Reading name"
            value={row.name}
            onChange={(e) => set(i, { ...row, name: e.currentTarget.value })}
            style={{ flex: 1 }}
          />
          <NumberInput
            placeholder="value"
            aria-label="Reading value"
            value={row.value}
            onChange={(v) => set(i, { ...row, value: v })}
            error={errorFor(`readings.${row.name.trim()}`)}
            style={{ flex: 1 }}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label="Remove reading"
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
    </Stack>
  );
}

/** The rows as the API's `readings` object (rows without a name or number left out). */
export function readingsOf(rows: readonly ReadingRow[]): Record<string, number> {
  const readings: Record<string, number> = {};
  for (const row of rows) {
    if (row.name.trim() !== '' && typeof row.value === 'number')
      readings[row.name.trim()] = row.value;
  }
  return readings;
}
