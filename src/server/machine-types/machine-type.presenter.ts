import type { MachineType } from '../../common/api/machine-types.js';
import type { MachineTypeRow } from './machine-type.repository.js';

export const presentMachineType = (r: MachineTypeRow): MachineType => ({
  id: r.id,
  code: r.code,
  name: r.name,
  description: r.description,
});
