import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  MeResponse,
  type ChangePasswordBody,
  type LoginBody,
  type SessionUser,
} from '../../common/api/auth.js';
import { ApiError, apiRequest } from './client.js';

export const meQueryKey = ['auth', 'me'] as const;

/** The signed-in user, or null when there is no session (a 401 is an answer here, not an error). */
async function fetchMe(signal?: AbortSignal): Promise<SessionUser | null> {
  try {
    const { user } = await apiRequest('/api/auth/me', MeResponse, {
      signal,
      reportUnauthorized: false,
    });
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 60_000,
    refetchOnWindowFocus: true,
    retry: (failureCount, error) =>
      error instanceof ApiError && error.status === 0 && failureCount < 3,
    retryDelay: 1_000,
  });
}

/** Signs in; on success the whole cache starts afresh for the new user. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) =>
      apiRequest('/api/auth/login', MeResponse, {
        method: 'POST',
        body,
        reportUnauthorized: false,
      }),
    onSuccess: ({ user }) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'system' });
      queryClient.setQueryData(meQueryKey, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest('/api/auth/logout', z.unknown(), { method: 'POST' }),
    onSettled: () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'system' });
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) =>
      apiRequest('/api/auth/password', z.unknown(), { method: 'POST', body }),
  });
}
