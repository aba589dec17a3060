import type { Kysely } from 'kysely';
import {
  WASTE_ORDER_STATUSES,
  type OrderWasteList,
  type RecordWasteBody,
  type UpdateWasteBody,
  type Waste,
  type WasteList,
  type WasteListQuery,
} from '../../common/api/waste.js';
import type { RequestContext } from '../auth/actor.js';
import { recordAudit } from '../audit/audit.repository.js';
import { translateDbError } from '../db/db-errors.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { insertOrderEvent } from '../orders/order.repository.js';
import * as repo from './waste.repository.js';
import { auditWaste, presentTotal, presentWaste } from './waste.presenter.js';

const NOT_FOUND = (id: number) => new AppError('not_found', `Waste record ${id} does not exist`);
const ORDER_NOT_FOUND = (id: number) => new AppError('not_found', `Order ${id} does not exist`);
const failed = (e: unknown) => translateDbError(e, 'waste record');

async function view(trx: Kysely<Database>, id: number, timeZone: string): Promise<Waste> {
  const row = await repo.findWasteView(trx, id);
  if (!row) throw NOT_FOUND(id);
  return presentWaste(row, timeZone);
}

export async function listOrderWaste(
  db: Kysely<Database>,
  orderId: number,
  timeZone: string,
): Promise<OrderWasteList> {
  if (!(await repo.findOrderForWaste(db, orderId))) throw ORDER_NOT_FOUND(orderId);
  const [rows, totals] = await Promise.all([
    repo.listOrderWasteViews(db, orderId),
    repo.wasteTotals(db, { orderId }),
  ]);
  return { items: rows.map((r) => presentWaste(r, timeZone)), totals: totals.map(presentTotal) };
}

export async function listWaste(
  db: Kysely<Database>,
  q: WasteListQuery,
  timeZone: string,
): Promise<WasteList> {
  const filter: repo.WasteFilter = {
    orderId: q.orderId,
    environmentId: q.environmentId,
    wasteType: q.wasteType,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
  const [rows, totals] = await Promise.all([
    repo.listWasteViews(db, {
      ...filter,
      afterId: q.cursor ? Number(q.cursor) : undefined,
      limit: q.limit,
    }),
    repo.wasteTotals(db, filter),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentWaste(r, timeZone)),
    totals: totals.map(presentTotal),
    nextCursor: rows.length > q.limit && last ? String(last.id) : null,
  };
}

/** Waste on an order that is running, paused or completed; also a line in its timeline. */
export async function recordWaste(
  db: Kysely<Database>,
  ctx: RequestContext,
  orderId: number,
  body: RecordWasteBody,
  timeZone: string,
): Promise<Waste> {
  return db
    .transaction()
    .execute(async (trx) => {
      const order = await repo.findOrderForWaste(trx, orderId, true);
      if (!order) throw ORDER_NOT_FOUND(orderId);
      if (!(WASTE_ORDER_STATUSES as readonly string[]).includes(order.status)) {
        throw new AppError(
          'conflict',
          `Order ${order.order_number} is ${order.status}: waste is recorded on orders in progress, paused or completed`,
          undefined,
          { status: order.status },
        );
      }
      const row = await repo.insertWaste(trx, {
        order_id: orderId,
        waste_type: body.wasteType,
        quantity: body.quantity,
        unit: body.unit,
        reason: body.reason ?? null,
        cost: body.cost ?? null,
        recorded_by: ctx.actor.id,
      });
      await insertOrderEvent(trx, {
        orderId,
        type: 'waste_recorded',
        userId: ctx.actor.id,
        data: {
          wasteId: row.id,
          wasteType: row.waste_type,
          quantity: Number(row.quantity),
          unit: row.unit,
          reason: row.reason,
          cost: row.cost === null ? null : Number(row.cost),
        },
      });
      await recordAudit(trx, ctx, {
        action: 'create',
        entityType: 'waste',
        entityId: row.id,
        after: auditWaste(row, timeZone),
      });
      return view(trx, row.id, timeZone);
    })
    .catch(failed);
}

export async function updateWaste(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: number,
  body: UpdateWasteBody,
  timeZone: string,
): Promise<Waste> {
  return db
    .transaction()
    .execute(async (trx) => {
      const current = await repo.findWaste(trx, id, true);
      if (!current) throw NOT_FOUND(id);
      if (Object.values(body).every((v) => v === undefined)) return view(trx, id, timeZone);
      const row = await repo.updateWaste(trx, id, {
        waste_type: body.wasteType,
        quantity: body.quantity,
        unit: body.unit,
        reason: body.reason,
        cost: body.cost,
      });
      await recordAudit(trx, ctx, {
        action: 'update',
        entityType: 'waste',
        entityId: id,
        before: auditWaste(current, timeZone),
        after: auditWaste(row, timeZone),
      });
      return view(trx, id, timeZone);
    })
    .catch(failed);
}

export async function deleteWaste(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: number,
  timeZone: string,
): Promise<void> {
  await db
    .transaction()
    .execute(async (trx) => {
      const current = await repo.findWaste(trx, id, true);
      if (!current) throw NOT_FOUND(id);
      await repo.deleteWaste(trx, id);
      await recordAudit(trx, ctx, {
        action: 'delete',
        entityType: 'waste',
        entityId: id,
        before: auditWaste(current, timeZone),
      });
    })
    .catch(failed);
}
