import { ApiError } from '../../api/client.js';

export { fieldError } from '../../api/client.js';

/** Field problems the form has no input for, so they can be listed under the form. */
export function otherFieldErrors(error: unknown, shown: readonly string[]): [string, string][] {
  if (!(error instanceof ApiError) || !error.fields) return [];
  return Object.entries(error.fields).filter(([field]) => !shown.includes(field));
}

/** True for the optimistic-concurrency answer: someone else changed the thing first. */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

/**
 * True for a stale-version 409: the server sends the thing as it is now (`error.current`), and
 * the lists were refetched when the mutation settled.
 */
export function isStale(error: unknown): boolean {
  if (!isConflict(error) || !(error instanceof ApiError)) return false;
  const body = error.body as { error?: { current?: unknown } } | undefined;
  return body?.error?.current !== undefined;
}

/** One sentence for any failed call, with the request id of a server fault. */
export function describeError(error: unknown): string {
  if (isStale(error)) return `Changed by someone else — reloaded. ${(error as Error).message}`;
  if (error instanceof ApiError) {
    if (error.status === 0) return 'The server could not be reached.';
    if (error.status >= 500 && error.requestId) {
      return `${error.message} (request ${error.requestId})`;
    }
    return error.message;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}
