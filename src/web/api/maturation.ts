import { useQuery } from '@tanstack/react-query';
import {
  MaturationBatch,
  MaturationBatchDetail,
  MaturationCheck,
  MaturationList,
  MaturationOverdue,
  type CreateMaturationBody,
  type MaturationStatus,
  type RecordCheckBody,
  type UpdateMaturationBody,
} from '../../common/api/maturation.js';
import { useSaving } from './admin.js';
import { apiGet, apiSend, queryString } from './client.js';

/** Every maturation query starts with this key, so one invalidation refreshes them all. */
const ROOT = ['maturation'] as const;
const REFRESH_MS = 60_000;

export interface BatchFilter {
  /** 'active': still in the room; 'all': every batch. */
  scope: 'active' | 'all';
  status?: MaturationStatus;
  q?: string;
}

export function useMaturationBatches(filter: BatchFilter) {
  return useQuery({
    queryKey: [...ROOT, 'list', filter],
    queryFn: ({ signal }) =>
      apiGet(
        `/api/maturation${queryString({
          active: filter.scope === 'active' ? true : undefined,
          status: filter.status,
          q: filter.q,
          limit: 500,
        })}`,
        MaturationList,
        signal,
      ),
    refetchInterval: REFRESH_MS,
    placeholderData: (previous) => previous,
  });
}

export function useMaturationOverdue() {
  return useQuery({
    queryKey: [...ROOT, 'overdue'],
    queryFn: ({ signal }) => apiGet('/api/maturation/overdue', MaturationOverdue, signal),
    refetchInterval: REFRESH_MS,
  });
}

export function useMaturationBatch(id: number | null) {
  return useQuery({
    queryKey: [...ROOT, 'detail', id],
    queryFn: ({ signal }) => apiGet(`/api/maturation/${id}`, MaturationBatchDetail, signal),
    enabled: id !== null,
  });
}

export function useSaveBatch() {
  return useSaving(
    [ROOT],
    ({ id, body }: { id?: number; body: CreateMaturationBody | UpdateMaturationBody }) =>
      id === undefined
        ? apiSend('POST', '/api/maturation', MaturationBatch, body)
        : apiSend('PATCH', `/api/maturation/${id}`, MaturationBatch, body),
  );
}

export function useRecordCheck() {
  return useSaving([ROOT], ({ batchId, body }: { batchId: number; body: RecordCheckBody }) =>
    apiSend('POST', `/api/maturation/${batchId}/checks`, MaturationCheck, body),
  );
}
