import { Stack, Text } from '@mantine/core';
import type { OverdueReason } from '../../../common/api/maturation.js';

const LABELS: Record<OverdueReason, string> = {
  past_ready_date: 'Past its ready date',
  no_check_today: 'Not checked today',
};

export function OverdueReasons({ reasons }: { reasons: readonly OverdueReason[] }) {
  return (
    <Stack gap={0}>
      {reasons.map((r) => (
        <Text key={r} size="sm" c={r === 'past_ready_date' ? 'red.8' : 'orange.8'} fw={600}>
          {LABELS[r]}
        </Text>
      ))}
    </Stack>
  );
}
