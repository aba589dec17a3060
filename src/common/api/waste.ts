import { z } from 'zod';
import { instant, notes, text } from './common.js';

/** Waste recorded against a production order. */

export const WASTE_TYPES = [
  'raw_material',
  'packaging',
  'blend',
  'finished_product',
  'other',
] as const;
export type WasteType = (typeof WASTE_TYPES)[number];

/** Order statuses that accept new waste (others answer 409). */
export const WASTE_ORDER_STATUSES = ['in_progress', 'paused', 'completed'] as const;

const queryId = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .positive('must be positive')
  .max(2_147_483_647, 'is too large');

const quantity = z
  .number({ message: 'must be a number' })
  .positive('must be more than 0')
  .max(1_000_000_000, 'must be at most 1000000000');
const cost = z
  .number({ message: 'must be a number' })
  .min(0, 'must not be negative')
  .max(1_000_000_000_000, 'must be at most 1000000000000');

export const Waste = z.object({
  id: z.number().int(),
  order: z.object({ id: z.number().int(), number: z.string(), productName: z.string() }),
  wasteType: z.enum(WASTE_TYPES),
  quantity: z.number(),
  unit: z.string(),
  /** Free text, as the operator typed it ("2" is a reason too). */
  reason: z.string().nullable(),
  cost: z.number().nullable(),
  recordedAt: z.iso.datetime({ offset: true }),
  recordedBy: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
});
export type Waste = z.infer<typeof Waste>;

/** Sums per type and unit (kilograms and units are never added together). */
export const WasteTotal = z.object({
  wasteType: z.enum(WASTE_TYPES),
  unit: z.string(),
  quantity: z.number(),
  /** Sum of the recorded costs; null when none of the records has a cost. */
  cost: z.number().nullable(),
  count: z.number().int(),
});
export type WasteTotal = z.infer<typeof WasteTotal>;

/**
 * POST /api/orders/:id/waste: the order must exist (404) and be in progress, paused or completed
 * (409 otherwise). Also writes a 'waste_recorded' order event. Answers 201 with the record.
 */
export const RecordWasteBody = z.strictObject({
  wasteType: z.enum(WASTE_TYPES),
  quantity,
  unit: text(32),
  reason: notes(500).optional(),
  cost: cost.nullable().optional(),
});
export type RecordWasteBody = z.infer<typeof RecordWasteBody>;

/** PATCH /api/waste/:id (supervisors): only the fields sent change. */
export const UpdateWasteBody = RecordWasteBody.partial();
export type UpdateWasteBody = z.infer<typeof UpdateWasteBody>;

/** GET /api/orders/:id/waste: all of the order's waste, oldest first, with totals. */
export const OrderWasteList = z.object({
  items: z.array(Waste),
  totals: z.array(WasteTotal),
});
export type OrderWasteList = z.infer<typeof OrderWasteList>;

/**
 * GET /api/waste, newest first. from/to filter recorded_at (instants; encode '+' as %2B);
 * environmentId is the order's environment. Totals cover every matching record, not just the
 * page. Pass `nextCursor` back as `cursor`; null on the last page.
 */
export const WasteListQuery = z
  .strictObject({
    orderId: queryId.optional(),
    environmentId: queryId.optional(),
    wasteType: z.enum(WASTE_TYPES).optional(),
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
export type WasteListQuery = z.infer<typeof WasteListQuery>;

export const WasteList = z.object({
  items: z.array(Waste),
  totals: z.array(WasteTotal),
  nextCursor: z.string().nullable(),
});
export type WasteList = z.infer<typeof WasteList>;
