import { NumberInput, SimpleGrid } from '@mantine/core';
import { STAFFING_ROLES, type Staffing, type StaffingRole } from '../../../common/api/machines.js';

export const STAFFING_LABELS: Record<StaffingRole, string> = {
  operator: 'Operators',
  hopper_loader: 'Hopper loaders',
  packer: 'Packers',
  supervisor: 'Supervisors',
  forklift_driver: 'Forklift drivers',
};

/** "1 operator, 2 packers" (roles needing nobody left out). */
export function staffingSummary(staffing: Staffing): string {
  const parts = STAFFING_ROLES.filter((r) => (staffing[r] ?? 0) > 0).map(
    (r) =>
      `${staffing[r]} ${STAFFING_LABELS[r].toLowerCase().replace(/s$/, staffing[r] === 1 ? '' : 's')}`,
  );
  return parts.length > 0 ? parts.join(', ') : '—';
}

/** Head count per role for one shift; field errors come as `staffing.<role>`. */
export function StaffingInputs({
  value,
  onChange,
  errorFor,
}: {
  value: Record<StaffingRole, number>;
  onChange: (value: Record<StaffingRole, number>) => void;
  errorFor: (field: string) => string | undefined;
}) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
      {STAFFING_ROLES.map((role) => (
        <NumberInput
          key={role}
          label={STAFFING_LABELS[role]}
          min={0}
          max={50}
          allowDecimal={false}
          allowNegative={false}
          value={value[role]}
          onChange={(v) => onChange({ ...value, [role]: typeof v === 'number' ? v : 0 })}
          error={errorFor(`staffing.${role}`)}
          data-testid={`staffing-${role}`}
        />
      ))}
    </SimpleGrid>
  );
}
