import type { ZodType } from 'zod';
import { ErrorBody } from '../../common/api/system.js';

/**
 * A failed API call. `status` is the HTTP status (0 when the server could not be reached);
 * `code`, `message`, `fields` and `requestId` come from the server's error body when it sent one;
 * `body` is whatever JSON the server answered (e.g. the 503 body of /api/ready).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown = undefined,
    readonly fields: Readonly<Record<string, string>> | undefined = undefined,
    readonly requestId: string | undefined = undefined,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** False for calls whose 401 is an answer, not a lost session (signing in). */
  reportUnauthorized?: boolean;
}

type UnauthorizedListener = (error: ApiError) => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called whenever the server answers 401 (the session ended): the app goes back to sign-in. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

/** Calls the API with JSON in and out and validates the answer with `schema`. */
export async function apiRequest<T>(
  path: string,
  schema: ZodType<T>,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }

  const body = await readJson(response);
  if (!response.ok) {
    const error = errorFromResponse(response, body);
    if (response.status === 401 && options.reportUnauthorized !== false) {
      for (const listener of unauthorizedListeners) listener(error);
    }
    throw error;
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'invalid_response',
      `Unexpected answer from ${path}.`,
      body,
    );
  }
  return parsed.data;
}

export function apiGet<T>(path: string, schema: ZodType<T>, signal?: AbortSignal): Promise<T> {
  return apiRequest(path, schema, { signal });
}

/** A POST/PATCH/DELETE with a JSON body (or none). */
export function apiSend<T>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  schema: ZodType<T>,
  body?: unknown,
): Promise<T> {
  return apiRequest(path, schema, { method, body });
}

/** `?a=1&b=x` from the defined values ('' when none). */
export function queryString(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** The server's message for a failed call, or a generic one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** The server's complaint about one field of the request body, if it named that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError) || !error.fields) return undefined;
  return error.fields[field];
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function errorFromResponse(response: Response, body: unknown): ApiError {
  const parsed = ErrorBody.safeParse(body);
  if (parsed.success) {
    const { error, requestId } = parsed.data;
    return new ApiError(response.status, error.code, error.message, body, error.fields, requestId);
  }
  const statusText = response.statusText || 'Request failed';
  return new ApiError(response.status, `http_${response.status}`, statusText, body);
}
