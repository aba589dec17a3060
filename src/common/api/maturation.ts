import { z } from 'zod';
import { day, notes, text, version } from './common.js';

/**
 * The maturation room: batches that mature for a number of days, with one check per day.
 * Every "today" here is the plant day (the plant's zone), never the server's or browser's.
 */

export const MATURATION_STATUSES = [
  'maturing',
  'ready',
  'quality_check',
  'completed',
  'rejected',
] as const;
export type MaturationStatus = (typeof MATURATION_STATUSES)[number];

/** Allowed status changes; completed and rejected are final. Anything else answers 409. */
export const MATURATION_TRANSITIONS: Readonly<
  Record<MaturationStatus, readonly MaturationStatus[]>
> = {
  maturing: ['ready', 'quality_check', 'rejected'],
  ready: ['quality_check', 'completed', 'rejected'],
  quality_check: ['completed', 'rejected', 'maturing'],
  completed: [],
  rejected: [],
};

/** Statuses of batches still in the room: they need a check every day. */
export const MATURATION_ACTIVE_STATUSES = ['maturing', 'ready', 'quality_check'] as const;

/** Outbox topics written for live boards; payload `{ batchId, status }`. */
export const MATURATION_EVENT_TOPICS = [
  'maturation.created',
  'maturation.updated',
  'maturation.checked',
] as const;

const id = z.number().int().positive().max(2_147_483_647);
const quantity = z
  .number({ message: 'must be a number' })
  .positive('must be more than 0')
  .max(1_000_000_000, 'must be at most 1000000000');

export const MaturationBatch = z.object({
  id: z.number().int(),
  batchNumber: z.string(),
  product: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
  blendName: z.string(),
  quantity: z.number(),
  actualQuantity: z.number().nullable(),
  unit: z.string(),
  startedOn: z.iso.date(),
  expectedDays: z.number().int(),
  /** startedOn + expectedDays. */
  readyOn: z.iso.date(),
  /** Plant days since startedOn (0 on the day it started). */
  daysIn: z.number().int(),
  status: z.enum(MATURATION_STATUSES),
  /** Past readyOn (plant day) and still maturing or in quality check. */
  overdue: z.boolean(),
  lastCheckDate: z.iso.date().nullable(),
  /** Still in the room and not yet checked today (plant day). */
  checkDueToday: z.boolean(),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type MaturationBatch = z.infer<typeof MaturationBatch>;

export const MaturationCheck = z.object({
  id: z.number().int(),
  batchId: z.number().int(),
  checkDate: z.iso.date(),
  checkedAt: z.iso.datetime({ offset: true }),
  temperature: z.number().nullable(),
  humidity: z.number().nullable(),
  ph: z.number().nullable(),
  readings: z.record(z.string(), z.number()),
  notes: z.string().nullable(),
  checkedBy: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
});
export type MaturationCheck = z.infer<typeof MaturationCheck>;

/** GET /api/maturation/:id: the batch and its checks, newest first. */
export const MaturationBatchDetail = MaturationBatch.extend({
  checks: z.array(MaturationCheck),
});
export type MaturationBatchDetail = z.infer<typeof MaturationBatchDetail>;

/**
 * POST /api/maturation (supervisors): starts a batch as 'maturing'. blendName defaults to the
 * product's name when productId is given; startedOn defaults to today and may not be in the
 * future; a batchNumber already used answers 409.
 */
export const CreateMaturationBody = z.strictObject({
  batchNumber: text(64),
  productId: id.nullable().optional(),
  blendName: text(200).optional(),
  quantity,
  unit: text(32).optional(),
  startedOn: day.optional(),
  expectedDays: z
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(3650, 'must be at most 3650'),
  notes: notes(2000).optional(),
});
export type CreateMaturationBody = z.infer<typeof CreateMaturationBody>;

/**
 * PATCH /api/maturation/:id (supervisors): only the fields sent change. `status` follows
 * MATURATION_TRANSITIONS (409 otherwise); `version`, when sent, must be the current one (409
 * with the current batch otherwise).
 */
export const UpdateMaturationBody = CreateMaturationBody.partial().extend({
  actualQuantity: z
    .number({ message: 'must be a number' })
    .min(0, 'must not be negative')
    .max(1_000_000_000, 'must be at most 1000000000')
    .nullable()
    .optional(),
  status: z.enum(MATURATION_STATUSES).optional(),
  version: version.optional(),
});
export type UpdateMaturationBody = z.infer<typeof UpdateMaturationBody>;

/** GET /api/maturation: batches, newest start first. `active=true`: still in the room. */
export const MaturationListQuery = z.strictObject({
  status: z.enum(MATURATION_STATUSES).optional(),
  active: z
    .enum(['true', 'false'], { message: "must be 'true' or 'false'" })
    .transform((v) => v === 'true')
    .optional(),
  /** Part of the batch number or blend name (case-insensitive). */
  q: z
    .string()
    .trim()
    .max(100, 'must be at most 100 characters')
    .refine((v) => !v.includes('\u0000'), 'must not contain NUL characters')
    .optional(),
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(500, 'must be at most 500')
    .default(200),
  offset: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(1_000_000, 'is too large')
    .default(0),
});
export type MaturationListQuery = z.infer<typeof MaturationListQuery>;

export const MaturationList = z.object({
  /** The plant day the flags were computed for. */
  today: z.iso.date(),
  items: z.array(MaturationBatch),
  total: z.number().int(),
});
export type MaturationList = z.infer<typeof MaturationList>;

/** Why a batch is on the overdue list (one or both). */
export const OVERDUE_REASONS = ['past_ready_date', 'no_check_today'] as const;
export type OverdueReason = (typeof OVERDUE_REASONS)[number];

/**
 * GET /api/maturation/overdue: batches past readyOn still maturing or in quality check, and
 * batches in the room with no check today; oldest readyOn first.
 */
export const MaturationOverdue = z.object({
  today: z.iso.date(),
  items: z.array(MaturationBatch.extend({ reasons: z.array(z.enum(OVERDUE_REASONS)).min(1) })),
});
export type MaturationOverdue = z.infer<typeof MaturationOverdue>;

const noNul = (v: string) => !v.includes('\u0000');
const readingName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .refine(noNul, 'must not contain NUL characters');

/**
 * POST /api/maturation/:id/checks (operators): checkDate defaults to today (plant day), may not
 * be in the future nor before the batch started (400); one check per batch per day (409); a
 * completed or rejected batch takes no checks (409). Answers 201 with the check.
 */
export const RecordCheckBody = z.strictObject({
  checkDate: day.optional(),
  temperature: z
    .number({ message: 'must be a number' })
    .min(-50, 'must be at least -50')
    .max(150, 'must be at most 150')
    .nullable()
    .optional(),
  humidity: z
    .number({ message: 'must be a number' })
    .min(0, 'must be at least 0')
    .max(100, 'must be at most 100')
    .nullable()
    .optional(),
  ph: z
    .number({ message: 'must be a number' })
    .min(0, 'must be at least 0')
    .max(14, 'must be at most 14')
    .nullable()
    .optional(),
  /** Further measurements by name, e.g. { "brix": 12.5 }. */
  readings: z
    .record(readingName, z.number({ message: 'must be a number' }))
    .refine((r) => Object.keys(r).length <= 50, 'must have at most 50 readings')
    .optional(),
  notes: notes(2000).optional(),
});
export type RecordCheckBody = z.infer<typeof RecordCheckBody>;
