import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { Machine } from '../../../common/api/machines.js';
import { useCloseStop, useOpenStop } from '../../api/machines.js';
import { ErrorNotice } from '../admin/ErrorNotice.js';
import { fieldError } from '../admin/errors.js';
import { ReasonPicker } from './ReasonPicker.js';

/**
 * Opens a stop on an idle machine, or ends the machine's order-less open stop (naming the reason
 * then if nobody had). The reporter is whoever is signed in: the server takes it from the session.
 */
export function StopDialog({
  machine,
  mode,
  onClose,
}: {
  machine: Machine;
  mode: 'open' | 'close';
  onClose: () => void;
}) {
  const open = useOpenStop();
  const close = useCloseStop();
  const mutation = mode === 'open' ? open : close;
  const stop = machine.openStop;
  const [reasonId, setReasonId] = useState<number | null>(stop?.reason?.id ?? null);
  const [notes, setNotes] = useState(stop?.notes ?? '');

  const submit = () => {
    if (mode === 'open') {
      open.mutate({ machineId: machine.id, reasonId, notes }, { onSuccess: onClose });
    } else if (stop) {
      const body = stop.reason ? { notes } : { reasonId, notes };
      close.mutate({ id: stop.id, body }, { onSuccess: onClose });
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={`${mode === 'open' ? 'Report a stop on' : 'End the stop on'} ${machine.code}`}
      size="lg"
      centered
    >
      <Stack gap="md" data-testid="stop-dialog">
        <Text c="dimmed" size="sm">
          {machine.name}
          {mode === 'open' && ' — for a stop with no order running (breakdown between orders).'}
        </Text>
        {mode === 'close' && stop?.reason ? (
          <Text>
            Reason: <b>{stop.reason.name}</b> ({stop.reason.categoryName})
          </Text>
        ) : (
          <ReasonPicker
            value={reasonId}
            onChange={setReasonId}
            error={fieldError(mutation.error, 'reasonId')}
          />
        )}
        <Textarea
          label="Notes"
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={fieldError(mutation.error, 'notes')}
          autosize
          minRows={2}
          maxRows={6}
        />
        <ErrorNotice error={mutation.error} shownFields={['reasonId', 'notes']} />
        <Group justify="flex-end">
          <Button variant="default" size="lg" onClick={onClose}>
            Cancel
          </Button>
          <Button
            size="lg"
            color={mode === 'open' ? 'orange' : 'green'}
            loading={mutation.isPending}
            onClick={submit}
            data-testid="stop-dialog-submit"
          >
            {mode === 'open' ? 'Stop machine' : 'End stop'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
