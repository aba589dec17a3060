import { Alert, Group, Select, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { groupByEnvironment, useEnvironments, useMachines } from '../api/reference.js';
import { useReady } from '../api/system.js';
import { describeError } from '../components/admin/errors.js';
import { EnvironmentGroup } from '../components/machines/EnvironmentGroup.js';
import { StatusSummary } from '../components/machines/StatusSummary.js';
import { usePlantNow } from '../components/usePlantNow.js';

const REFRESH_MS = 10_000;

/**
 * The machines board: every machine by environment, with its live status, running order and
 * open stop. For a wall screen or a tablet; `?env=<code>` shows one area, `?retired=1` retired
 * machines too.
 */
export function MachinesPage() {
  const [params, setParams] = useSearchParams();
  const envCode = params.get('env');
  const includeRetired = params.get('retired') === '1';
  const machines = useMachines(includeRetired ? { includeRetired: true } : {}, REFRESH_MS);
  const environments = useEnvironments();
  const ready = useReady();
  const now = usePlantNow(ready.data);
  const zone = ready.data?.ready.plant.timeZone;

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );

  const shown = (machines.data ?? []).filter((m) => !envCode || m.environment.code === envCode);
  const groups = groupByEnvironment(shown);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={2}>Machines</Title>
          <StatusSummary machines={shown} />
        </Stack>
        <Group gap="md" align="center">
          <Select
            aria-label="Environment"
            placeholder="All environments"
            data={(environments.data ?? []).map((e) => ({ value: e.code, label: e.name }))}
            value={envCode}
            onChange={(v) => setParam('env', v)}
            clearable
            w={220}
            data-testid="machines-env-filter"
          />
          <Switch
            label="Show retired"
            checked={includeRetired}
            onChange={(e) => setParam('retired', e.currentTarget.checked ? '1' : null)}
            data-testid="machines-show-retired"
          />
        </Group>
      </Group>

      {machines.error && (
        <Alert color="red" title="Machines could not be loaded" role="alert">
          {describeError(machines.error)}
          {machines.data ? ' Showing the last answer; retrying every 10 s.' : ''}
        </Alert>
      )}
      {machines.data && zone && now !== undefined ? (
        groups.length === 0 ? (
          <Text c="dimmed" data-testid="machines-empty">
            No machines here yet. Admins add them under Admin → Machines.
          </Text>
        ) : (
          groups.map((g) => (
            <EnvironmentGroup
              key={g.environment.id}
              environment={g.environment}
              machines={g.machines}
              zone={zone}
              now={now}
            />
          ))
        )
      ) : (
        !machines.error && <Skeleton height={240} radius="md" />
      )}
    </Stack>
  );
}
