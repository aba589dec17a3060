import { Paper, Stack, Text, Title } from '@mantine/core';

/** Stands in for a section that is not built yet. */
export function PlaceholderPage({ title, description }: { title: string; description: string }) {
  return (
    <Stack gap="md" maw={720}>
      <Title order={2}>{title}</Title>
      <Paper withBorder radius="md" p="xl">
        <Text fw={600} size="lg" data-testid="placeholder">
          Coming with the next release
        </Text>
        <Text c="dimmed" mt={4}>
          {description}
        </Text>
      </Paper>
    </Stack>
  );
}
