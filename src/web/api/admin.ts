import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { z } from 'zod';
import {
  Environment,
  EnvironmentList,
  type CreateEnvironmentBody,
  type UpdateEnvironmentBody,
} from '../../common/api/environments.js';
import {
  MachineType,
  MachineTypeList,
  type CreateMachineTypeBody,
  type UpdateMachineTypeBody,
} from '../../common/api/machine-types.js';
import {
  Product,
  ProductList,
  type CreateProductBody,
  type UpdateProductBody,
} from '../../common/api/products.js';
import {
  StopReason,
  StopReasonTree,
  type CreateStopReasonBody,
  type UpdateStopReasonBody,
} from '../../common/api/stop-reasons.js';
import {
  User,
  UserList,
  type CreateUserBody,
  type UpdateUserBody,
} from '../../common/api/users.js';
import { apiGet, apiSend } from './client.js';

/** Query keys of the master data; other pages reading the same lists share them. */
export const adminKeys = {
  environments: ['environments'] as const,
  machineTypes: ['machine-types'] as const,
  products: ['products'] as const,
  stopReasons: ['stop-reasons'] as const,
  users: ['users'] as const,
};

/** A mutation that invalidates `keys` once it settles (so a 409 also reloads). */
export function useSaving<TVars, TResult>(
  keys: readonly QueryKey[],
  fn: (vars: TVars) => Promise<TResult>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

export const send = apiSend;

export function remove(path: string): Promise<unknown> {
  return apiSend('DELETE', path, z.unknown());
}

// Environments

export function useEnvironments() {
  return useQuery({
    queryKey: adminKeys.environments,
    queryFn: ({ signal }) => apiGet('/api/environments', EnvironmentList, signal),
    select: (data) => data.items,
  });
}

export function useSaveEnvironment() {
  return useSaving(
    [adminKeys.environments],
    ({ id, body }: { id?: number; body: CreateEnvironmentBody | UpdateEnvironmentBody }) =>
      id === undefined
        ? send('POST', '/api/environments', Environment, body)
        : send('PATCH', `/api/environments/${id}`, Environment, body),
  );
}

export function useDeleteEnvironment() {
  return useSaving([adminKeys.environments], (id: number) => remove(`/api/environments/${id}`));
}

// Machine types

export function useMachineTypes() {
  return useQuery({
    queryKey: adminKeys.machineTypes,
    queryFn: ({ signal }) => apiGet('/api/machine-types', MachineTypeList, signal),
    select: (data) => data.items,
  });
}

export function useSaveMachineType() {
  return useSaving(
    [adminKeys.machineTypes, ['machines']],
    ({ id, body }: { id?: number; body: CreateMachineTypeBody | UpdateMachineTypeBody }) =>
      id === undefined
        ? send('POST', '/api/machine-types', MachineType, body)
        : send('PATCH', `/api/machine-types/${id}`, MachineType, body),
  );
}

export function useDeleteMachineType() {
  return useSaving([adminKeys.machineTypes], (id: number) => remove(`/api/machine-types/${id}`));
}

// Products

export function useProducts() {
  return useQuery({
    queryKey: [...adminKeys.products, 'all'],
    queryFn: ({ signal }) => apiGet('/api/products?limit=1000', ProductList, signal),
  });
}

export function useSaveProduct() {
  return useSaving(
    [adminKeys.products],
    ({ id, body }: { id?: number; body: CreateProductBody | UpdateProductBody }) =>
      id === undefined
        ? send('POST', '/api/products', Product, body)
        : send('PATCH', `/api/products/${id}`, Product, body),
  );
}

export function useDeleteProduct() {
  return useSaving([adminKeys.products], (id: number) => remove(`/api/products/${id}`));
}

// Stop reason tree (admins see inactive nodes too)

export function useStopReasonTree() {
  return useQuery({
    queryKey: [...adminKeys.stopReasons, 'all'],
    queryFn: ({ signal }) =>
      apiGet('/api/stop-reasons?includeInactive=true', StopReasonTree, signal),
    select: (data) => data.items,
  });
}

export function useSaveStopReason() {
  return useSaving(
    [adminKeys.stopReasons],
    ({ id, body }: { id?: number; body: CreateStopReasonBody | UpdateStopReasonBody }) =>
      id === undefined
        ? send('POST', '/api/stop-reasons', StopReason, body)
        : send('PATCH', `/api/stop-reasons/${id}`, StopReason, body),
  );
}

export function useDeleteStopReason() {
  return useSaving([adminKeys.stopReasons], (id: number) => remove(`/api/stop-reasons/${id}`));
}

// Users (contact details come back because only admins call these)

export function useUsers() {
  return useQuery({
    queryKey: [...adminKeys.users, 'all'],
    queryFn: ({ signal }) => apiGet('/api/users?limit=500', UserList, signal),
  });
}

export function useSaveUser() {
  return useSaving(
    [adminKeys.users],
    ({ id, body }: { id?: number; body: CreateUserBody | UpdateUserBody }) =>
      id === undefined
        ? send('POST', '/api/users', User, body)
        : send('PATCH', `/api/users/${id}`, User, body),
  );
}

export function useSetUserActive() {
  return useSaving(
    [adminKeys.users],
    ({ id, active, version }: { id: number; active: boolean; version: number }) =>
      send('POST', `/api/users/${id}/${active ? 'reactivate' : 'deactivate'}`, User, { version }),
  );
}
