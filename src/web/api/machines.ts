import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  Machine,
  type CreateMachineBody,
  type SetMachineStatusBody,
  type UpdateMachineBody,
} from '../../common/api/machines.js';
import { Stop, type CloseStopBody, type OpenStopBody } from '../../common/api/stops.js';
import { useSaving } from './admin.js';
import { apiSend } from './client.js';

/**
 * Changes to machines and their order-less stops. Lists come from `useMachines` in reference.ts
 * (keys start with 'machines'); every change here refreshes them and the stop lists.
 */
const MACHINE_KEYS = [['machines'], ['stops']] as const;

export function useSetMachineStatus() {
  return useSaving(MACHINE_KEYS, ({ id, body }: { id: number; body: SetMachineStatusBody }) =>
    apiSend('POST', `/api/machines/${id}/status`, Machine, body),
  );
}

export function useOpenStop() {
  return useSaving(MACHINE_KEYS, (body: OpenStopBody) => apiSend('POST', '/api/stops', Stop, body));
}

export function useCloseStop() {
  return useSaving(MACHINE_KEYS, ({ id, body }: { id: number; body: CloseStopBody }) =>
    apiSend('POST', `/api/stops/${id}/close`, Stop, body),
  );
}

export function useSaveMachine() {
  return useSaving(
    [['machines']],
    ({ id, body }: { id?: number; body: CreateMachineBody | UpdateMachineBody }) =>
      id === undefined
        ? apiSend('POST', '/api/machines', Machine, body)
        : apiSend('PATCH', `/api/machines/${id}`, Machine, body),
  );
}

export function useRetireMachine() {
  return useSaving(
    [['machines']],
    ({ id, retire, version }: { id: number; retire: boolean; version: number }) =>
      apiSend('POST', `/api/machines/${id}/${retire ? 'retire' : 'unretire'}`, Machine, {
        version,
      }),
  );
}

export function useDeleteMachine() {
  return useSaving([['machines']], (id: number) =>
    apiSend('DELETE', `/api/machines/${id}`, z.unknown()),
  );
}

/** Refreshes every machine list now (after a 409, say). */
export function useReloadMachines(): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['machines'] });
}
