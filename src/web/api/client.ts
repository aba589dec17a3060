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
  if (!response.ok) throw errorFromResponse(response, body);

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
