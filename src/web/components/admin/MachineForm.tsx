import { Group, NumberInput, Select, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { STAFFING_ROLES, type Machine, type StaffingRole } from '../../../common/api/machines.js';
import { useEnvironments, useMachineTypes } from '../../api/admin.js';
import { useSaveMachine } from '../../api/machines.js';
import { fieldError } from './errors.js';
import { FormModal } from './FormModal.js';
import { StaffingInputs } from './StaffingInputs.js';

const FIELDS = [
  'code',
  'name',
  'environmentId',
  'machineTypeId',
  'ratedSpeed',
  'notes',
  ...STAFFING_ROLES.map((r) => `staffing.${r}`),
];

function staffingOf(machine: Machine | null): Record<StaffingRole, number> {
  const entries = STAFFING_ROLES.map((r) => [r, machine?.staffing[r] ?? 0] as const);
  return Object.fromEntries(entries) as Record<StaffingRole, number>;
}

/** Create (no `machine`) or edit a machine: identity, area, type, rated speed, staffing. */
export function MachineForm({
  machine,
  onClose,
}: {
  machine: Machine | null;
  onClose: () => void;
}) {
  const save = useSaveMachine();
  const environments = useEnvironments();
  const types = useMachineTypes();
  const [code, setCode] = useState(machine?.code ?? '');
  const [name, setName] = useState(machine?.name ?? '');
  const [environmentId, setEnvironmentId] = useState<string | null>(
    machine ? String(machine.environment.id) : null,
  );
  const [typeId, setTypeId] = useState<string | null>(
    machine?.type ? String(machine.type.id) : null,
  );
  const [ratedSpeed, setRatedSpeed] = useState<number | string>(machine?.ratedSpeed ?? '');
  const [staffing, setStaffing] = useState(() => staffingOf(machine));
  const [notes, setNotes] = useState(machine?.notes ?? '');
  const [envMissing, setEnvMissing] = useState(false);
  const err = (f: string) => fieldError(save.error, f);

  const submit = () => {
    setEnvMissing(environmentId === null);
    if (environmentId === null) return;
    const body = {
      code,
      name,
      environmentId: Number(environmentId),
      machineTypeId: typeId === null ? null : Number(typeId),
      ratedSpeed: typeof ratedSpeed === 'number' ? ratedSpeed : null,
      staffing,
      notes,
    };
    save.mutate(
      { id: machine?.id, body: machine ? { ...body, version: machine.version } : body },
      { onSuccess: onClose },
    );
  };

  return (
    <FormModal
      opened
      title={machine ? `Edit ${machine.code}` : 'New machine'}
      onClose={onClose}
      onSubmit={submit}
      saving={save.isPending}
      error={save.error}
      shownFields={FIELDS}
      testId="machine-form"
    >
      <Group grow align="flex-start">
        <TextInput
          label="Code"
          description="as painted on the machine, e.g. PK-05"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={err('code')}
          required
          data-testid="machine-code"
        />
        <TextInput
          label="Name"
          description="shown on the boards"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={err('name')}
          required
          data-testid="machine-name"
        />
      </Group>
      <Group grow align="flex-start">
        <Select
          label="Environment"
          data={(environments.data ?? []).map((e) => ({
            value: String(e.id),
            label: e.active ? e.name : `${e.name} (inactive)`,
          }))}
          value={environmentId}
          onChange={(v) => {
            setEnvironmentId(v);
            setEnvMissing(false);
          }}
          error={envMissing ? 'Pick the environment' : err('environmentId')}
          required
          allowDeselect={false}
          data-testid="machine-environment"
        />
        <Select
          label="Type"
          placeholder="None"
          data={(types.data ?? []).map((t) => ({ value: String(t.id), label: t.name }))}
          value={typeId}
          onChange={setTypeId}
          error={err('machineTypeId')}
          clearable
          data-testid="machine-type"
        />
        <NumberInput
          label="Rated speed"
          description="units per hour (ideal, for OEE)"
          min={0}
          thousandSeparator=" "
          value={ratedSpeed}
          onChange={setRatedSpeed}
          error={err('ratedSpeed')}
          data-testid="machine-rated-speed"
        />
      </Group>
      <div>
        <Text size="sm" fw={500}>
          Staffing per shift
        </Text>
        <StaffingInputs value={staffing} onChange={setStaffing} errorFor={err} />
      </div>
      <Textarea
        label="Notes"
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        error={err('notes')}
        autosize
        minRows={2}
      />
    </FormModal>
  );
}
