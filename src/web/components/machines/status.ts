import type { MachineStatus } from '../../../common/api/machines.js';

/** How each machine status looks on the boards: Mantine colour and a word. */
export const MACHINE_STATUS_STYLE: Record<MachineStatus, { colour: string; label: string }> = {
  available: { colour: 'green', label: 'Available' },
  in_use: { colour: 'blue', label: 'Running' },
  paused: { colour: 'orange', label: 'Paused' },
  maintenance: { colour: 'yellow', label: 'Maintenance' },
  offline: { colour: 'gray', label: 'Offline' },
};

export const RETIRED_STYLE = { colour: 'dark', label: 'Retired' };
