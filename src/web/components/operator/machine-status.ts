import type { MachineStatus } from '../../../common/api/machines.js';

export const MACHINE_STATUS_LABELS: Record<MachineStatus, string> = {
  available: 'Available',
  in_use: 'Running',
  paused: 'Stopped',
  maintenance: 'Maintenance',
  offline: 'Offline',
};

export const MACHINE_STATUS_COLOURS: Record<MachineStatus, string> = {
  available: 'gray',
  in_use: 'green',
  paused: 'orange',
  maintenance: 'violet',
  offline: 'dark',
};
