import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AppError, ERROR_STATUS, type ErrorCode } from './app-error.js';

function send(
  reply: FastifyReply,
  req: FastifyRequest,
  code: ErrorCode,
  message: string,
  extra: { fields?: Record<string, string>; details?: Record<string, unknown> } = {},
) {
  const error = {
    code,
    message,
    ...(extra.fields ? { fields: extra.fields } : {}),
    ...extra.details,
  };
  return reply.status(ERROR_STATUS[code]).send({ error, requestId: req.id });
}

export function zodFields(err: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(body)';
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) fields[[...issue.path, k].join('.')] = 'is not a known field';
    } else {
      fields[key] ??= issue.message;
    }
  }
  return fields;
}

function summarize(fields: Record<string, string>): string {
  return Object.entries(fields)
    .slice(0, 3)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: { keys?: unknown };
}

/** Fastify's validation errors (from the Zod compiler) as field → problem. */
function validationFields(
  issues: ValidationIssue[],
  context: string | undefined,
): Record<string, string> {
  const fields: Record<string, string> = {};
  const root = context === 'body' || context === undefined ? '(body)' : `(${context})`;
  for (const issue of issues) {
    const path = (issue.instancePath ?? '').split('/').filter(Boolean).join('.');
    const keys = issue.params?.keys;
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      for (const k of keys)
        fields[path ? `${path}.${String(k)}` : String(k)] = 'is not a known field';
    } else {
      fields[path || root] ??= issue.message ?? 'is invalid';
    }
  }
  return fields;
}

/** One place that turns every thrown error into the API's error body. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    if (err instanceof AppError) {
      return send(reply, req, err.code, err.message, { fields: err.fields, details: err.details });
    }
    if (err instanceof ZodError) {
      const fields = zodFields(err);
      return send(reply, req, 'validation_failed', `Invalid request: ${summarize(fields)}`, {
        fields,
      });
    }
    const fe = err as FastifyError;
    if (Array.isArray(fe.validation) && fe.validation.length > 0) {
      const fields = validationFields(fe.validation, fe.validationContext);
      return send(reply, req, 'validation_failed', `Invalid request: ${summarize(fields)}`, {
        fields,
      });
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, req, 'payload_too_large', 'The request body is too large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, req, 'unsupported_media_type', 'Send the body as application/json');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, req, 'malformed_json', 'The JSON body is empty');
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(reply, req, 'malformed_json', 'The body is not valid JSON');
      default:
        break;
    }
    // Text PostgreSQL cannot store (a NUL byte, invalid encoding) is the client's input.
    const pgCode = (err as { code?: unknown }).code;
    if (pgCode === '22021' || pgCode === '22P05') {
      return send(
        reply,
        req,
        'validation_failed',
        'Text contains characters that cannot be stored (e.g. NUL)',
      );
    }
    if (fe.statusCode === 400 && err instanceof SyntaxError) {
      return send(reply, req, 'malformed_json', 'The body is not valid JSON');
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(reply, req, 'bad_request', fe.message);
    }
    req.log.error({ err }, 'unhandled error');
    return send(
      reply,
      req,
      'internal',
      `Internal error; quote request id ${req.id} when reporting it`,
    );
  });

  app.setNotFoundHandler((req, reply) =>
    send(reply, req, 'not_found', `No route ${req.method} ${req.url.split('?')[0]}`),
  );
}
