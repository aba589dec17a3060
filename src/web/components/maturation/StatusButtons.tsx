import { Button, Group, Stack, Text } from '@mantine/core';
import { MATURATION_TRANSITIONS, type MaturationBatch } from '../../../common/api/maturation.js';
import { useSaveBatch } from '../../api/maturation.js';
import { describeError } from '../admin/errors.js';
import { MATURATION_STATUS_STYLE, MOVE_LABELS } from './status.js';

/** The status changes the batch allows next (supervisors). */
export function StatusButtons({ batch }: { batch: MaturationBatch }) {
  const save = useSaveBatch();
  const next = MATURATION_TRANSITIONS[batch.status];
  if (next.length === 0) return null;
  return (
    <Stack>
      <Group gap="xs">
        {next.map((status) => (
          <Button
            key={status}
            variant={status === 'rejected' ? 'light' : 'filled'}
            color={MATURATION_STATUS_STYLE[status].colour}
            loading={
              save.isPending &&
              save.variables &&
              'status' in save.variables.body &&
              save.variables.body.status === status
            }
            onClick={() => save.mutate({ id: batch.id, body: { status, version: batch.version } })}
            data-testid={`batch-move-${status}`}
          >
            {MOVE_LABELS[status]}
          </Button>
        ))}
      </Group>
      {save.error && (
        <Text size="sm" c="red" role="alert">
          {describeError(save.error)}
        </Text>
      )}
    </Stack>
  );
}
