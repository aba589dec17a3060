import type { Role } from './roles.js';
import { ROLES } from './roles.js';

/**
 * THE order lifecycle, shared by the server (which enforces it) and the web (which shows only
 * the buttons it allows):
 *
 *   draft → pending → in_progress ⇄ paused → completed
 *           pending | paused → cancelled
 *           completed | cancelled → archived (a flag) → restored
 *
 * Pure: no I/O, no clock.
 */
export const ORDER_STATUSES = [
  'draft',
  'pending',
  'in_progress',
  'paused',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type OrderPriority = (typeof ORDER_PRIORITIES)[number];

/**
 * Everything that can happen to an order. `release` (draft → pending) is done with
 * `PATCH /api/orders/:id {draft: false}`; every other action has its own
 * `POST /api/orders/:id/<action>` route.
 */
export const ORDER_ACTIONS = [
  'release',
  'start',
  'pause',
  'resume',
  'count',
  'complete',
  'cancel',
  'archive',
  'restore',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

interface Transition {
  /** Statuses the action may start from. */
  from: readonly OrderStatus[];
  /** The status afterwards; null = unchanged. */
  to: OrderStatus | null;
  /** Whether the order must be archived (restore) or not archived (everything else). */
  archived: boolean;
}

export const TRANSITIONS: Readonly<Record<OrderAction, Transition>> = {
  release: { from: ['draft'], to: 'pending', archived: false },
  start: { from: ['pending'], to: 'in_progress', archived: false },
  pause: { from: ['in_progress'], to: 'paused', archived: false },
  resume: { from: ['paused'], to: 'in_progress', archived: false },
  count: { from: ['in_progress', 'paused'], to: null, archived: false },
  complete: { from: ['in_progress', 'paused'], to: 'completed', archived: false },
  cancel: { from: ['pending', 'paused'], to: 'cancelled', archived: false },
  archive: { from: ['completed', 'cancelled'], to: null, archived: false },
  restore: { from: ['completed', 'cancelled'], to: null, archived: true },
};

/** Whether `action` may be applied to an order in `status` (archived or not). */
export function canApply(action: OrderAction, status: OrderStatus, archived: boolean): boolean {
  const t = TRANSITIONS[action];
  return t.archived === archived && t.from.includes(status);
}

/** The actions an order in this state allows, in ORDER_ACTIONS order. */
export function allowedActions(status: OrderStatus, archived: boolean): OrderAction[] {
  return ORDER_ACTIONS.filter((a) => canApply(a, status, archived));
}

/** The status after `action` (assumes canApply). */
export function statusAfter(action: OrderAction, status: OrderStatus): OrderStatus {
  return TRANSITIONS[action].to ?? status;
}

/** A machine runs the order in these statuses (at most one per machine). */
export const RUNNING_STATUSES: readonly OrderStatus[] = ['in_progress', 'paused'];

/**
 * The least role for each action; mirrors the server's permission table
 * (`src/common/permissions.ts`; a test keeps the two equal).
 */
export const ACTION_LEAST_ROLE: Readonly<Record<OrderAction, Role>> = {
  release: 'supervisor',
  start: 'operator',
  pause: 'operator',
  resume: 'operator',
  count: 'operator',
  complete: 'operator',
  cancel: 'supervisor',
  archive: 'supervisor',
  restore: 'supervisor',
};

/** The actions a user with `role` may take on an order in this state (for buttons). */
export function actionsFor(status: OrderStatus, archived: boolean, role: Role): OrderAction[] {
  return allowedActions(status, archived).filter(
    (a) => ROLES.indexOf(role) >= ROLES.indexOf(ACTION_LEAST_ROLE[a]),
  );
}

/** Planned fields `PATCH /api/orders/:id` may change (API names). */
export const PLANNED_FIELDS = [
  'orderNumber',
  'productId',
  'productName',
  'quantity',
  'unit',
  'priority',
  'dueDate',
  'environmentId',
  'scheduledStart',
  'scheduledEnd',
  'scheduledShift',
  'notes',
] as const;
export type PlannedField = (typeof PLANNED_FIELDS)[number];

/** Fields that may still change while the order runs. */
const RUNNING_EDITABLE: readonly PlannedField[] = ['notes', 'priority', 'dueDate'];

/** Which planned fields may be edited in this state (none once completed, cancelled or archived). */
export function editableFields(status: OrderStatus, archived: boolean): readonly PlannedField[] {
  if (archived) return [];
  switch (status) {
    case 'draft':
    case 'pending':
      return PLANNED_FIELDS;
    case 'in_progress':
    case 'paused':
      return RUNNING_EDITABLE;
    case 'completed':
    case 'cancelled':
      return [];
  }
}
