import { useQuery } from '@tanstack/react-query';
import { NotReadyResponse, ReadyResponse } from '../../common/api/system.js';
import { ApiError, apiGet } from './client.js';

/**
 * A /api/ready answer plus where it sits on this page's monotonic clock, so the plant clock can
 * run on as `now + elapsed` without ever reading the browser's own date or zone.
 */
export interface ReadySnapshot {
  ready: ReadyResponse;
  /** The server's `now`, in epoch milliseconds. */
  serverNowMs: number;
  /** `performance.now()` at the moment the server is estimated to have read its clock. */
  receivedAtMono: number;
}

export const readyQueryKey = ['system', 'ready'] as const;

export async function fetchReady(signal?: AbortSignal): Promise<ReadySnapshot> {
  const sentAt = performance.now();
  const ready = await apiGet('/api/ready', ReadyResponse, signal);
  const receivedAt = performance.now();
  return {
    ready,
    serverNowMs: Date.parse(ready.plant.now),
    // The server read its clock somewhere during the round trip: take the midpoint.
    receivedAtMono: (sentAt + receivedAt) / 2,
  };
}

/** The plant's name, zone, clock and shift; refreshed every 30 s. */
export function useReady() {
  return useQuery({
    queryKey: readyQueryKey,
    queryFn: ({ signal }) => fetchReady(signal),
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
    // A 503 is a definite answer; only retry when the server could not be reached at all.
    retry: (failureCount, error) =>
      error instanceof ApiError && error.status === 0 && failureCount < 2,
    retryDelay: 1_000,
  });
}

/** Why the server said it is not ready, when the error is its 503 answer. */
export function notReadyReason(error: unknown): NotReadyResponse['reason'] | undefined {
  if (!(error instanceof ApiError) || error.status !== 503) return undefined;
  const parsed = NotReadyResponse.safeParse(error.body);
  return parsed.success ? parsed.data.reason : undefined;
}
