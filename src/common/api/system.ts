import { z } from 'zod';

export const HealthResponse = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof HealthResponse>;

export const ShiftInfo = z.object({
  code: z.string(),
  name: z.string(),
  productionDay: z.iso.date(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  crew: z.string().nullable(),
});
export type ShiftInfo = z.infer<typeof ShiftInfo>;

/** GET /api/ready: only what a dashboard needs to show the plant clock; no internals. */
export const ReadyResponse = z.object({
  status: z.literal('ready'),
  plant: z.object({
    name: z.string(),
    timeZone: z.string(),
    utcOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/),
    now: z.iso.datetime({ offset: true }),
    plantDay: z.iso.date(),
    shift: ShiftInfo.nullable(),
  }),
});
export type ReadyResponse = z.infer<typeof ReadyResponse>;

export const NotReadyResponse = z.object({
  status: z.literal('unavailable'),
  reason: z.enum(['database_unreachable', 'migrations_pending']),
});
export type NotReadyResponse = z.infer<typeof NotReadyResponse>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
  requestId: z.string(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
