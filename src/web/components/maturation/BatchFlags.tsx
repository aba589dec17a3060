import { Badge, Group } from '@mantine/core';
import type { MaturationBatch } from '../../../common/api/maturation.js';
import { MATURATION_STATUS_STYLE } from './status.js';

/** Status badge plus the overdue and check-due flags. */
export function BatchFlags({ batch }: { batch: MaturationBatch }) {
  const style = MATURATION_STATUS_STYLE[batch.status];
  return (
    <Group gap={6} wrap="wrap">
      <Badge color={style.colour} variant="light" data-testid="batch-status">
        {style.label}
      </Badge>
      {batch.overdue && (
        <Badge color="red" variant="filled" data-testid="batch-overdue">
          Overdue
        </Badge>
      )}
      {batch.checkDueToday && (
        <Badge color="orange" variant="outline" data-testid="batch-check-due">
          Check due today
        </Badge>
      )}
    </Group>
  );
}
