import {
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { MaturationBatch } from '../../../common/api/maturation.js';
import { useRecordCheck } from '../../api/maturation.js';
import { ErrorNotice } from '../admin/ErrorNotice.js';
import { fieldError } from '../admin/errors.js';
import { ReadingsInput, readingsOf, type ReadingRow } from './ReadingsInput.js';

const FIELDS = ['checkDate', 'temperature', 'humidity', 'ph', 'notes', 'readings'];
const numberOrNull = (v: number | string) => (typeof v === 'number' ? v : null);

/** Records the day's check of a batch: the signed-in user is who checked it. */
export function CheckForm({
  batch,
  today,
  onDone,
}: {
  batch: MaturationBatch;
  /** The plant day, the default check date. */
  today: string;
  onDone: () => void;
}) {
  const record = useRecordCheck();
  const [checkDate, setCheckDate] = useState(today);
  const [temperature, setTemperature] = useState<number | string>('');
  const [humidity, setHumidity] = useState<number | string>('');
  const [ph, setPh] = useState<number | string>('');
  const [rows, setRows] = useState<ReadingRow[]>([]);
  const [notes, setNotes] = useState('');
  const err = (f: string) => fieldError(record.error, f);

  const submit = () =>
    record.mutate(
      {
        batchId: batch.id,
        body: {
          checkDate,
          temperature: numberOrNull(temperature),
          humidity: numberOrNull(humidity),
          ph: numberOrNull(ph),
          readings: readingsOf(rows),
          notes,
        },
      },
      { onSuccess: onDone },
    );

  return (
    <Paper withBorder p="md" radius="md" bg="gray.0" data-testid="check-form">
      <Stack gap="sm">
        <Title order={5}>Record a check</Title>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <TextInput
            type="date"
            label="Date"
            value={checkDate}
            max={today}
            min={batch.startedOn}
            onChange={(e) => setCheckDate(e.currentTarget.value)}
            error={err('checkDate')}
            data-testid="check-date"
          />
          <NumberInput
            label="Temperature °C"
            value={temperature}
            onChange={setTemperature}
            error={err('temperature')}
            decimalScale={2}
            data-testid="check-temperature"
          />
          <NumberInput
            label="Humidity %"
            value={humidity}
            onChange={setHumidity}
            error={err('humidity')}
            min={0}
            max={100}
            decimalScale={2}
            data-testid="check-humidity"
          />
          <NumberInput
            label="pH"
            value={ph}
            onChange={setPh}
            error={err('ph')}
            min={0}
            max={14}
            decimalScale={2}
            data-testid="check-ph"
          />
        </SimpleGrid>
        <ReadingsInput rows={rows} onChange={setRows} errorFor={err} />
        <Textarea
          label="Notes"
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={err('notes')}
          autosize
          minRows={2}
        />
        <ErrorNotice error={record.error} shownFields={FIELDS} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button onClick={submit} loading={record.isPending} data-testid="check-submit">
            Save check
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
