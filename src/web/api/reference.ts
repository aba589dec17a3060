import { useQuery } from '@tanstack/react-query';
import { EnvironmentList, type Environment } from '../../common/api/environments.js';
import { MachineList, type Machine, type MachineListQuery } from '../../common/api/machines.js';
import { ProductList, type Product } from '../../common/api/products.js';
import { StopReasonTree, type StopReasonCategory } from '../../common/api/stop-reasons.js';
import { apiGet, queryString } from './client.js';

/**
 * Reference lists every screen needs: environments, machines, the stop reason tree.
 * Query keys start with the resource name, so `invalidateQueries({ queryKey: ['machines'] })`
 * after any change refreshes every list of it.
 */
export const referenceKeys = {
  environments: ['environments'] as const,
  machines: (query: MachineFilter = {}) => ['machines', 'list', query] as const,
  stopReasons: ['stop-reasons'] as const,
};

export type MachineFilter = Pick<MachineListQuery, 'environmentId' | 'status' | 'includeRetired'>;

/** Active environments, in the plant's sort order. */
export function useEnvironments() {
  return useQuery({
    queryKey: referenceKeys.environments,
    queryFn: ({ signal }) => apiGet('/api/environments', EnvironmentList, signal),
    select: (list): Environment[] => list.items.filter((e) => e.active),
    staleTime: 5 * 60_000,
  });
}

/**
 * Machines with their status, running order and open stop (sorted by environment, then code).
 * `refetchMs` keeps a live board fresh.
 */
export function useMachines(filter: MachineFilter = {}, refetchMs: number | false = false) {
  return useQuery({
    queryKey: referenceKeys.machines(filter),
    queryFn: ({ signal }) =>
      apiGet(`/api/machines${queryString({ ...filter })}`, MachineList, signal),
    select: (list): Machine[] => list.items,
    refetchInterval: refetchMs,
  });
}

/** The active stop reason tree: categories, each with its reasons. */
export function useStopReasons() {
  return useQuery({
    queryKey: referenceKeys.stopReasons,
    queryFn: ({ signal }) => apiGet('/api/stop-reasons', StopReasonTree, signal),
    select: (tree): StopReasonCategory[] =>
      tree.items
        .filter((c) => c.active)
        .map((c) => ({ ...c, reasons: c.reasons.filter((r) => r.active) }))
        .filter((c) => c.reasons.length > 0),
    staleTime: 5 * 60_000,
  });
}

/** Machines grouped by environment, in the list's order. */
export function groupByEnvironment(
  machines: readonly Machine[],
): { environment: Machine['environment']; machines: Machine[] }[] {
  const groups = new Map<number, { environment: Machine['environment']; machines: Machine[] }>();
  for (const machine of machines) {
    const group = groups.get(machine.environment.id);
    if (group) group.machines.push(machine);
    else
      groups.set(machine.environment.id, { environment: machine.environment, machines: [machine] });
  }
  return [...groups.values()];
}

/** The active product catalogue (orders may also name a product freely). */
export function useProducts() {
  return useQuery({
    queryKey: ['products', 'active'] as const,
    queryFn: ({ signal }) => apiGet('/api/products?active=true', ProductList, signal),
    select: (list): Product[] => list.items,
    staleTime: 5 * 60_000,
  });
}
