import type {
  CreateOrderBody,
  Order,
  OrderDetail,
  OrderListQuery,
  OrderPage,
  UpdateOrderBody,
} from '../../common/api/orders.js';
import { editableFields, type PlannedField } from '../../common/order-lifecycle.js';
import type { RequestContext } from '../auth/actor.js';
import { recordAudit } from '../audit/audit.repository.js';
import { AppError } from '../http/app-error.js';
import {
  changeOrder,
  orderNotFound,
  publishOrderEvent,
  translateOrderError,
  type OrderDeps,
} from './order-change.js';
import { decodeCursor, encodeCursor } from './order-cursor.js';
import { assertCan, conflictDetails, describeState } from './order-lifecycle.js';
import { checkPlan, planColumns, planDiff, type Plan } from './order-plan.js';
import { presentEvent, presentOrder, presentStop, presentWaste } from './order.presenter.js';
import * as q from './order-query.repository.js';
import * as repo from './order.repository.js';

export async function listOrders(deps: OrderDeps, query: OrderListQuery): Promise<OrderPage> {
  if (query.dueFrom && query.dueTo && query.dueTo < query.dueFrom) {
    throw new AppError('validation_failed', 'Invalid request: dueTo is before dueFrom', {
      dueTo: 'must not be before dueFrom',
    });
  }
  const after = query.cursor ? decodeCursor(query.cursor, query.sort, query.dir) : undefined;
  const rows = await q.listOrders(deps.db, { ...query, after });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentOrder(r, deps.timeZone)),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor(query.sort, query.dir, last.sort_value, last.id)
        : null,
  };
}

export async function getOrder(deps: OrderDeps, id: number): Promise<OrderDetail> {
  const tz = deps.timeZone;
  const row = await q.findOrderView(deps.db, id);
  if (!row) throw orderNotFound(id);
  const [events, stops, waste] = await Promise.all([
    q.listOrderEvents(deps.db, id),
    q.listOrderStops(deps.db, id),
    q.listOrderWaste(deps.db, id),
  ]);
  return {
    ...presentOrder(row, tz),
    events: events.map((e) => presentEvent(e, tz)),
    stops: stops.map((s) => presentStop(s, tz)),
    waste: waste.map((w) => presentWaste(w, tz)),
  };
}

export async function createOrder(
  deps: OrderDeps,
  ctx: RequestContext,
  body: CreateOrderBody,
): Promise<Order> {
  const tz = deps.timeZone;
  return deps.db
    .transaction()
    .execute(async (trx) => {
      const { product } = await checkPlan(trx, body, {
        scheduledStart: body.scheduledStart ?? null,
        scheduledEnd: body.scheduledEnd ?? null,
      });
      const productName = body.productName ?? product?.name;
      if (productName === undefined) {
        throw new AppError('validation_failed', 'Invalid request: productName is required', {
          productName: 'is required when there is no productId',
        });
      }
      const status = body.draft ? 'draft' : 'pending';
      const { id } = await repo.insertOrder(trx, {
        order_number: body.orderNumber,
        product_id: body.productId ?? null,
        product_name: productName,
        quantity: String(body.quantity),
        unit: body.unit ?? product?.unit ?? 'units',
        priority: body.priority ?? 'normal',
        due_date: body.dueDate ?? null,
        environment_id: body.environmentId,
        scheduled_start: body.scheduledStart ?? null,
        scheduled_end: body.scheduledEnd ?? null,
        scheduled_shift: body.scheduledShift ?? null,
        notes: body.notes ?? null,
        status,
        created_by: ctx.actor.id,
      });
      const row = await q.findOrderView(trx, id);
      if (!row) throw orderNotFound(id);
      const after = presentOrder(row, tz);
      await repo.insertOrderEvent(trx, {
        orderId: id,
        type: 'created',
        userId: ctx.actor.id,
        data: { status },
      });
      await recordAudit(trx, ctx, { action: 'create', entityType: 'order', entityId: id, after });
      await publishOrderEvent(trx, after, 'create', null);
      return after;
    })
    .catch(translateOrderError);
}

/** PATCH: planned fields as editableFields(status) allows; `draft: false` releases a draft. */
export function updateOrder(
  deps: OrderDeps,
  ctx: RequestContext,
  id: number,
  body: UpdateOrderBody,
): Promise<Order> {
  const { draft, version, ...given } = body;
  const plan: Plan = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  return changeOrder(deps, ctx, id, version, async (trx, o) => {
    if (draft === false) assertCan('release', o);
    const { product } = await checkPlan(trx, plan, {
      scheduledStart: plan.scheduledStart !== undefined ? plan.scheduledStart : o.scheduled_start,
      scheduledEnd: plan.scheduledEnd !== undefined ? plan.scheduledEnd : o.scheduled_end,
    });
    if (product && product.id !== o.product_id) plan.productName ??= product.name;
    const changes = planDiff(o, plan, deps.timeZone);
    // Only fields that really change must be editable now (a form may send them all).
    const archived = o.archived_at !== null;
    const editable = editableFields(o.status, archived);
    const refused = (Object.keys(changes) as PlannedField[]).filter((f) => !editable.includes(f));
    if (refused.length > 0) {
      const state = describeState(o.status, archived);
      throw new AppError(
        'conflict',
        `Order ${o.order_number} is ${state}; ${refused.join(', ')} cannot change now`,
        Object.fromEntries(refused.map((f) => [f, `cannot change while the order is ${state}`])),
        conflictDetails(o),
      );
    }
    const release = draft === false;
    if (Object.keys(changes).length === 0 && !release) return null;
    await repo.updateOrder(trx, o.id, {
      ...planColumns(plan),
      ...(release ? { status: 'pending' as const } : {}),
    });
    return {
      event: 'updated',
      action: release ? 'release' : 'update',
      data: { changes, ...(release ? { released: true } : {}) },
    };
  });
}
