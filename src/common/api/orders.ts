import { z } from 'zod';
import { day, instant, notes, text, version } from './common.js';
import {
  ORDER_ACTIONS,
  ORDER_PRIORITIES,
  ORDER_STATUSES,
  type OrderAction,
  type OrderStatus,
} from '../order-lifecycle.js';

/**
 * The production-orders API (the contract with the web). Lifecycle rules live in
 * `src/common/order-lifecycle.ts` (allowedActions, actionsFor, editableFields).
 *
 * Errors besides the usual 400/401/403/404:
 * - 409 `{error: {code: 'conflict', message, currentStatus, allowedActions}}` for an action the
 *   order's state forbids;
 * - 409 `{error: {code: 'conflict', message, current: Order, currentStatus, allowedActions}}`
 *   when the body's `version` is stale (reload from `current`);
 * - 409 with `fields: {machineId}` when the machine is busy, unavailable or retired, and
 *   `fields: {orderNumber}` for a duplicate order number.
 */

export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export const OrderPrioritySchema = z.enum(ORDER_PRIORITIES);
export const OrderActionSchema = z.enum(ORDER_ACTIONS);

const MAX_QUANTITY = 1_000_000_000;
const threeDecimals = (v: number) => /^\d+(\.\d{1,3})?$/.test(String(v));

/** A quantity ≥ 0 with at most 3 decimals (kg, litres), e.g. 12.5. */
export const quantityValue = z
  .number({ message: 'must be a number' })
  .min(0, 'must not be negative')
  .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`)
  .refine(threeDecimals, 'must have at most 3 decimals');

/** A planned quantity: > 0, at most 3 decimals. */
export const plannedQuantity = quantityValue.refine((v) => v > 0, 'must be greater than 0');

const ref = z.object({ id: z.number().int(), code: z.string(), name: z.string() });
const person = z.object({ id: z.number().int(), displayName: z.string() });

// ---------------------------------------------------------------- responses

export const Order = z.object({
  id: z.number().int(),
  orderNumber: z.string(),
  productId: z.number().int().nullable(),
  productName: z.string(),
  /** Planned quantity. */
  quantity: z.number(),
  producedQuantity: z.number(),
  rejectedQuantity: z.number(),
  /** producedQuantity > quantity: legal, but flagged. */
  overProduced: z.boolean(),
  unit: z.string(),
  priority: OrderPrioritySchema,
  dueDate: day.nullable(),
  environment: ref,
  machine: ref.nullable(),
  scheduledStart: instant.nullable(),
  scheduledEnd: instant.nullable(),
  scheduledShift: z.string().nullable(),
  notes: z.string().nullable(),
  status: OrderStatusSchema,
  archived: z.boolean(),
  archivedAt: instant.nullable(),
  startedAt: instant.nullable(),
  completedAt: instant.nullable(),
  cancelledAt: instant.nullable(),
  createdBy: person.nullable(),
  createdAt: instant,
  updatedAt: instant,
  /** Send it back with the next change; every change increments it. */
  version: z.number().int(),
  /** allowedActions(status, archived), for convenience. */
  allowedActions: z.array(OrderActionSchema),
});
export type Order = z.infer<typeof Order>;

export const OrderEvent = z.object({
  id: z.number().int(),
  type: z.string(),
  at: instant,
  user: person.nullable(),
  /** Details of the change, e.g. {machineId}, {reasonId, stopId}, {before, after}. */
  data: z.record(z.string(), z.unknown()),
});
export type OrderEvent = z.infer<typeof OrderEvent>;

export const OrderStop = z.object({
  id: z.number().int(),
  machine: ref,
  reasonId: z.number().int().nullable(),
  reasonName: z.string().nullable(),
  categoryName: z.string().nullable(),
  startedAt: instant,
  endedAt: instant.nullable(),
  /** Seconds; for an open stop, its running duration so far. */
  durationSeconds: z.number().int(),
  open: z.boolean(),
  notes: z.string().nullable(),
  reportedBy: person.nullable(),
});
export type OrderStop = z.infer<typeof OrderStop>;

export const OrderWaste = z.object({
  id: z.number().int(),
  wasteType: z.string(),
  quantity: z.number(),
  unit: z.string(),
  reason: z.string().nullable(),
  cost: z.number().nullable(),
  recordedAt: instant,
  recordedBy: person.nullable(),
});
export type OrderWaste = z.infer<typeof OrderWaste>;

/** GET /api/orders/:id: the order with its timeline (oldest first), stops and waste. */
export const OrderDetail = Order.extend({
  events: z.array(OrderEvent),
  stops: z.array(OrderStop),
  waste: z.array(OrderWaste),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

export const OrderPage = z.object({
  items: z.array(Order),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type OrderPage = z.infer<typeof OrderPage>;

// ---------------------------------------------------------------- list query

export const ORDER_SORTS = ['dueDate', 'createdAt', 'priority', 'orderNumber', 'status'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

/** `a,b` or repeated `?k=a&k=b` → ['a', 'b']. */
const multi = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s: unknown) => (typeof s === 'string' ? s.split(',') : [s]))
        .filter((s) => s !== ''),
    z.array(item).max(20, 'has too many values'),
  );

const idValue = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .positive('must be positive')
  .max(2_147_483_647, 'is too large');

/**
 * GET /api/orders. Sort: dueDate (no due date last when ascending), createdAt, priority
 * (low → urgent), orderNumber, status (lifecycle order); ties broken by id. `q` matches the
 * order number or product name, case-insensitively, `%` and `_` literally.
 */
export const OrderListQuery = z.strictObject({
  status: multi(OrderStatusSchema).optional(),
  priority: multi(OrderPrioritySchema).optional(),
  environmentId: idValue.optional(),
  machineId: idValue.optional(),
  dueFrom: day.optional(),
  dueTo: day.optional(),
  q: z
    .string()
    .trim()
    .max(100, 'must be at most 100 characters')
    .refine((v) => !v.includes('\u0000'), 'must not contain NUL characters')
    .optional(),
  /** false (default): not archived; true: only archived; all: both. */
  archived: z.enum(['false', 'true', 'all']).default('false'),
  sort: z.enum(ORDER_SORTS).default('dueDate'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(200, 'must be at most 200')
    .default(50),
  cursor: z.string().max(500, 'is too long').optional(),
});
export type OrderListQuery = z.infer<typeof OrderListQuery>;
export type OrderListQueryInput = z.input<typeof OrderListQuery>;

// ---------------------------------------------------------------- create and edit

const plannedFields = {
  orderNumber: text(64),
  /** From the catalogue; productName defaults to the product's name. */
  productId: z.number().int().positive().max(2_147_483_647).nullable(),
  productName: text(200),
  quantity: plannedQuantity,
  unit: text(32),
  priority: OrderPrioritySchema,
  dueDate: day.nullable(),
  environmentId: z.number().int().positive().max(2_147_483_647),
  scheduledStart: instant.nullable(),
  scheduledEnd: instant.nullable(),
  scheduledShift: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{1,8}$/, 'must be a shift code such as D or N')
    .nullable(),
  notes: notes(),
};

/**
 * POST /api/orders (supervisor). productId or productName is required; unit defaults to the
 * product's unit or 'units'; priority to 'normal'. `draft: true` creates a draft, otherwise the
 * order is pending.
 */
export const CreateOrderBody = z.strictObject({
  orderNumber: plannedFields.orderNumber,
  productId: plannedFields.productId.optional(),
  productName: plannedFields.productName.optional(),
  quantity: plannedFields.quantity,
  unit: plannedFields.unit.optional(),
  priority: plannedFields.priority.optional(),
  dueDate: plannedFields.dueDate.optional(),
  environmentId: plannedFields.environmentId,
  scheduledStart: plannedFields.scheduledStart.optional(),
  scheduledEnd: plannedFields.scheduledEnd.optional(),
  scheduledShift: plannedFields.scheduledShift.optional(),
  notes: plannedFields.notes.optional(),
  draft: z.boolean().optional(),
});
export type CreateOrderBody = z.infer<typeof CreateOrderBody>;
export type CreateOrderInput = z.input<typeof CreateOrderBody>;

/**
 * PATCH /api/orders/:id (supervisor): planned fields, only those editableFields(status) allows;
 * `draft: false` releases a draft (draft → pending).
 */
export const UpdateOrderBody = z
  .strictObject({ ...plannedFields, draft: z.literal(false), version })
  .partial();
export type UpdateOrderBody = z.infer<typeof UpdateOrderBody>;

// ---------------------------------------------------------------- lifecycle actions

const withVersion = { version: version.optional() };

/** POST /api/orders/:id/start: the machine must be available and not retired. */
export const StartOrderBody = z.strictObject({
  machineId: z.number().int().positive().max(2_147_483_647),
  ...withVersion,
});
export type StartOrderBody = z.infer<typeof StartOrderBody>;

/** POST /api/orders/:id/pause: a reason of the tree (not a category); opens a stop. */
export const PauseOrderBody = z.strictObject({
  reasonId: z.number().int().positive().max(2_147_483_647),
  notes: notes().optional(),
  ...withVersion,
});
export type PauseOrderBody = z.infer<typeof PauseOrderBody>;

/** POST /api/orders/:id/resume: closes the open stop. */
export const ResumeOrderBody = z.strictObject({ notes: notes().optional(), ...withVersion });
export type ResumeOrderBody = z.infer<typeof ResumeOrderBody>;

/**
 * POST /api/orders/:id/count, while in_progress or paused: either the new total
 * `producedQuantity` or `add` (may be negative to correct; the total never goes below 0).
 */
export const CountOrderBody = z
  .strictObject({
    producedQuantity: quantityValue.optional(),
    add: z
      .number({ message: 'must be a number' })
      .min(-MAX_QUANTITY, 'is too small')
      .max(MAX_QUANTITY, 'is too large')
      .refine((v) => threeDecimals(Math.abs(v)), 'must have at most 3 decimals')
      .optional(),
    ...withVersion,
  })
  .refine((b) => (b.producedQuantity === undefined) !== (b.add === undefined), {
    message: 'give either producedQuantity or add',
    path: ['producedQuantity'],
  });
export type CountOrderBody = z.infer<typeof CountOrderBody>;

/**
 * POST /api/orders/:id/complete: final quantities (default: the current counts). Closes an
 * open stop and frees the machine. Over-production is allowed: the answer has overProduced.
 */
export const CompleteOrderBody = z.strictObject({
  producedQuantity: quantityValue.optional(),
  rejectedQuantity: quantityValue.optional(),
  notes: notes().optional(),
  ...withVersion,
});
export type CompleteOrderBody = z.infer<typeof CompleteOrderBody>;

/** POST /api/orders/:id/cancel (supervisor), from pending or paused; the reason is required. */
export const CancelOrderBody = z.strictObject({ reason: text(500), ...withVersion });
export type CancelOrderBody = z.infer<typeof CancelOrderBody>;

/** POST /api/orders/:id/archive and /restore (supervisor). */
export const ArchiveOrderBody = z.strictObject({ ...withVersion });
export type ArchiveOrderBody = z.infer<typeof ArchiveOrderBody>;

/** The `error` object of a 409 from an order route. */
export interface OrderConflict {
  code: 'conflict';
  message: string;
  fields?: Record<string, string>;
  currentStatus?: OrderStatus;
  allowedActions?: OrderAction[];
  /** Present when the request's version was stale. */
  current?: Order;
}
