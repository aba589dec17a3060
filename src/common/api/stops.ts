import { z } from 'zod';
import { instant, notes } from './common.js';

/**
 * Stops (downtime): an interval on a machine, and on the order running there if there was one.
 * Orders open and close their own stops (pause/resume); these routes cover stops opened on a
 * machine with no order (breakdown between orders), supervisors' corrections and the lists.
 */

const id = z.number().int().positive().max(2_147_483_647);
const queryId = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .positive('must be positive')
  .max(2_147_483_647, 'is too large');
const queryBoolean = z
  .enum(['true', 'false'], { message: "must be 'true' or 'false'" })
  .transform((v) => v === 'true');

export const OEE_LOSS_KINDS = ['availability', 'performance', 'quality'] as const;

/** Outbox topics written for live boards; payload `{ stopId, machineId, orderId }`. */
export const STOP_EVENT_TOPICS = ['stop.opened', 'stop.closed', 'stop.updated'] as const;
export type StopEventTopic = (typeof STOP_EVENT_TOPICS)[number];

export const Stop = z.object({
  id: z.number().int(),
  machine: z.object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    environmentId: z.number().int(),
  }),
  /** The order that was running when the machine stopped; null for a stop between orders. */
  order: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  /** A reason of the tree (never a category); null until someone says why. */
  reason: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
  /** The reason's category, which carries the classification. */
  category: z
    .object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      planned: z.boolean(),
      oeeLoss: z.enum(OEE_LOSS_KINDS),
    })
    .nullable(),
  notes: z.string().nullable(),
  reportedBy: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }).nullable(),
  /** Whole seconds; for an open stop, up to now (the server's clock when it answered). */
  durationSeconds: z.number().int().min(0),
  open: z.boolean(),
});
export type Stop = z.infer<typeof Stop>;

/**
 * POST /api/stops: opens a stop now on a machine with no order in progress or paused (409 if it
 * has one: pause the order instead) and no open stop (409). The reporter is the signed-in user.
 * An unknown machineId or reasonId, or a reasonId naming a category, is a 400 naming the field.
 * The machine's status is left as it is; the machines board shows the open stop.
 */
export const OpenStopBody = z.strictObject({
  machineId: id,
  reasonId: id.nullable().optional(),
  notes: notes(2000).optional(),
});
export type OpenStopBody = z.infer<typeof OpenStopBody>;

/**
 * POST /api/stops/:id/close: ends an open stop now (409 if already closed, or if it is the stop
 * of a paused order: resume the order instead). The body may be omitted; reasonId and notes,
 * when given, are filled in at the same time.
 */
export const CloseStopBody = z.strictObject({
  reasonId: id.nullable().optional(),
  notes: notes(2000).optional(),
});
export type CloseStopBody = z.infer<typeof CloseStopBody>;

/**
 * PATCH /api/stops/:id (supervisors): only the fields sent change. The interval must end after
 * it starts, neither end may be in the future (400), and it may not overlap another stop on the
 * same machine (409). Setting endedAt on an open stop closes it (not for a paused order's stop).
 */
export const UpdateStopBody = z.strictObject({
  reasonId: id.nullable().optional(),
  notes: notes(2000).optional(),
  startedAt: instant.optional(),
  endedAt: instant.optional(),
});
export type UpdateStopBody = z.infer<typeof UpdateStopBody>;

/**
 * GET /api/stops, newest first. from/to are instants (encode '+' as %2B in a query string); a
 * stop is listed when its interval overlaps [from, to) (open stops run on). Pass `nextCursor`
 * back as `cursor` for the next page; it is null on the last page.
 */
export const StopListQuery = z
  .strictObject({
    machineId: queryId.optional(),
    environmentId: queryId.optional(),
    reasonId: queryId.optional(),
    categoryId: queryId.optional(),
    orderId: queryId.optional(),
    open: queryBoolean.optional(),
    from: instant.optional(),
    to: instant.optional(),
    cursor: z
      .string()
      .regex(/^[1-9]\d{0,9}$/, 'is not a cursor from this list')
      .optional(),
    limit: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(500, 'must be at most 500')
      .default(100),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'must be after from',
    path: ['to'],
  });
export type StopListQuery = z.infer<typeof StopListQuery>;

export const StopList = z.object({
  items: z.array(Stop),
  nextCursor: z.string().nullable(),
});
export type StopList = z.infer<typeof StopList>;
