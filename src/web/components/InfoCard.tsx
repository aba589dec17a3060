import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A small labelled figure: a caption, one big value, and a line of detail. */
export function InfoCard({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  testId?: string;
}) {
  return (
    <Paper withBorder radius="md" p="lg" h="100%">
      <Text size="xs" tt="uppercase" fw={700} c="dimmed" lts={0.5}>
        {label}
      </Text>
      <Text fz={26} fw={700} lh={1.2} mt="sm" data-testid={testId}>
        {value}
      </Text>
      {detail !== undefined && (
        <Text size="sm" c="dimmed" mt={6}>
          {detail}
        </Text>
      )}
    </Paper>
  );
}
