import { z } from 'zod';
import { text } from './common.js';

export const OEE_LOSSES = ['availability', 'performance', 'quality'] as const;
export const OeeLoss = z.enum(OEE_LOSSES, {
  message: "must be 'availability', 'performance' or 'quality'",
});
export type OeeLoss = z.infer<typeof OeeLoss>;

/**
 * A node of the two-level reason tree. Categories have `parentId` null and carry the
 * classification; reasons show their category's `planned` and `oeeLoss` (inherited, read-only).
 */
export const StopReason = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  code: z.string(),
  name: z.string(),
  planned: z.boolean(),
  oeeLoss: OeeLoss,
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type StopReason = z.infer<typeof StopReason>;

export const StopReasonCategory = StopReason.extend({ reasons: z.array(StopReason) });
export type StopReasonCategory = z.infer<typeof StopReasonCategory>;

/** Categories (by sort order, then name), each with its reasons (likewise). */
export const StopReasonTree = z.object({ items: z.array(StopReasonCategory) });
export type StopReasonTree = z.infer<typeof StopReasonTree>;

export const StopReasonTreeQuery = z.strictObject({
  /** Inactive categories and reasons are left out unless this is 'true'. */
  includeInactive: z
    .enum(['true', 'false'], { message: "must be 'true' or 'false'" })
    .transform((v) => v === 'true')
    .optional(),
});
export type StopReasonTreeQuery = z.infer<typeof StopReasonTreeQuery>;

/** Upper-case letters, digits, '-' and '_' ('MATSHO'); lower case is upper-cased. */
const code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]+([_-][A-Z0-9]+)*$/, 'must be letters, digits, dashes and underscores')
  .max(64, 'must be at most 64 characters');

const INHERITED = 'is inherited from the category: leave it out for a reason';

/**
 * Without `parentId`: a category (`planned` and `oeeLoss` required).
 * With `parentId` (a category's id): a reason (`planned` and `oeeLoss` must be absent).
 */
export const CreateStopReasonBody = z
  .strictObject({
    parentId: z.number().int().positive().optional(),
    code,
    name: text(200),
    planned: z.boolean().optional(),
    oeeLoss: OeeLoss.optional(),
    active: z.boolean().optional(),
    sortOrder: z.number().int().min(0).max(10_000).optional(),
  })
  .superRefine((b, ctx) => {
    for (const key of ['planned', 'oeeLoss'] as const) {
      if (b.parentId === undefined && b[key] === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is required for a category' });
      }
      if (b.parentId !== undefined && b[key] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: INHERITED });
      }
    }
  });
export type CreateStopReasonBody = z.infer<typeof CreateStopReasonBody>;

/**
 * `planned`/`oeeLoss` only for a category; `parentId` only for a reason (moves it to another
 * category). A category cannot become a reason nor the reverse.
 */
export const UpdateStopReasonBody = z.strictObject({
  parentId: z.number().int().positive().optional(),
  code: code.optional(),
  name: text(200).optional(),
  planned: z.boolean().optional(),
  oeeLoss: OeeLoss.optional(),
  active: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});
export type UpdateStopReasonBody = z.infer<typeof UpdateStopReasonBody>;
