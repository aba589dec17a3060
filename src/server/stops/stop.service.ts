import type { Kysely } from 'kysely';
import type {
  CloseStopBody,
  OpenStopBody,
  Stop,
  StopEventTopic,
  StopList,
  StopListQuery,
  UpdateStopBody,
} from '../../common/api/stops.js';
import type { RequestContext } from '../auth/actor.js';
import { publishEvent, recordAudit } from '../audit/audit.repository.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { insertOrderEvent } from '../orders/order.repository.js';
import * as repo from './stop.repository.js';
import { findStopView, listStopViews } from './stop-view.repository.js';
import { auditStop, presentStop } from './stop.presenter.js';
import { checkReason, checkTimes, translateStopError } from './stop.rules.js';

const NOT_FOUND = (id: number) => new AppError('not_found', `Stop ${id} does not exist`);

async function view(trx: Kysely<Database>, id: number, timeZone: string): Promise<Stop> {
  const row = await findStopView(trx, id);
  if (!row) throw NOT_FOUND(id);
  return presentStop(row, timeZone);
}

async function announce(trx: Kysely<Database>, topic: StopEventTopic, s: repo.StopRow) {
  await publishEvent(trx, topic, { stopId: s.id, machineId: s.machine_id, orderId: s.order_id });
}

export async function getStop(db: Kysely<Database>, id: number, timeZone: string): Promise<Stop> {
  return view(db, id, timeZone);
}

export async function listStops(
  db: Kysely<Database>,
  q: StopListQuery,
  timeZone: string,
): Promise<StopList> {
  const rows = await listStopViews(db, {
    ...q,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    afterId: q.cursor ? Number(q.cursor) : undefined,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentStop(r, timeZone)),
    nextCursor: rows.length > q.limit && last ? String(last.id) : null,
  };
}

/** A stop between orders: the machine must have neither a running order nor an open stop. */
export async function openMachineStop(
  db: Kysely<Database>,
  ctx: RequestContext,
  body: OpenStopBody,
  timeZone: string,
): Promise<Stop> {
  return db
    .transaction()
    .execute(async (trx) => {
      const machine = await repo.lockMachine(trx, body.machineId);
      if (!machine) {
        throw new AppError('validation_failed', `Machine ${body.machineId} does not exist`, {
          machineId: 'does not exist',
        });
      }
      if (machine.retired_at) {
        throw new AppError('conflict', `Machine ${machine.code} is retired`);
      }
      const order = await repo.findRunningOrder(trx, machine.id);
      if (order) {
        throw new AppError(
          'conflict',
          `Machine ${machine.code} has order ${order.order_number} ${order.status === 'paused' ? 'paused' : 'in progress'}: pause the order instead`,
          undefined,
          { orderId: order.id },
        );
      }
      const open = await repo.findOpenStopOnMachine(trx, machine.id);
      if (open) {
        throw new AppError(
          'conflict',
          `Machine ${machine.code} already has an open stop`,
          undefined,
          {
            stopId: open.id,
          },
        );
      }
      if (body.reasonId) await checkReason(trx, body.reasonId);
      const row = await repo.openStop(trx, {
        machineId: machine.id,
        orderId: null,
        reasonId: body.reasonId ?? null,
        notes: body.notes ?? null,
        reportedBy: ctx.actor.id,
      });
      await recordAudit(trx, ctx, {
        action: 'open',
        entityType: 'stop',
        entityId: row.id,
        after: auditStop(row, timeZone),
      });
      await announce(trx, 'stop.opened', row);
      return view(trx, row.id, timeZone);
    })
    .catch(translateStopError);
}

/** The stop of a paused order ends when the order resumes, not on its own. */
async function refuseIfPausedOrder(trx: Kysely<Database>, stop: repo.StopRow) {
  if (stop.order_id === null || stop.ended_at !== null) return;
  const order = await repo.findOrderStatus(trx, stop.order_id);
  if (order?.status === 'paused') {
    throw new AppError(
      'conflict',
      `Stop ${stop.id} belongs to paused order ${order.order_number}: resume the order instead`,
      undefined,
      { orderId: order.id },
    );
  }
}

export async function closeStop(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: number,
  body: CloseStopBody,
  timeZone: string,
): Promise<Stop> {
  return db
    .transaction()
    .execute(async (trx) => {
      const current = await repo.findStop(trx, id, true);
      if (!current) throw NOT_FOUND(id);
      if (current.ended_at !== null) {
        throw new AppError('conflict', `Stop ${id} is already closed`);
      }
      await refuseIfPausedOrder(trx, current);
      if (body.reasonId && body.reasonId !== current.reason_id) {
        await checkReason(trx, body.reasonId);
      }
      const row = await repo.closeStop(trx, id, {
        reason_id: body.reasonId,
        notes: body.notes,
        updated_by: ctx.actor.id,
      });
      await recordAudit(trx, ctx, {
        action: 'close',
        entityType: 'stop',
        entityId: id,
        before: auditStop(current, timeZone),
        after: auditStop(row, timeZone),
      });
      await announce(trx, 'stop.closed', row);
      return view(trx, id, timeZone);
    })
    .catch(translateStopError);
}

/** Supervisors' corrections: reason, notes and times, with no overlap on the machine. */
export async function updateStop(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: number,
  body: UpdateStopBody,
  timeZone: string,
): Promise<Stop> {
  return db
    .transaction()
    .execute(async (trx) => {
      const found = await repo.findStop(trx, id);
      if (!found) throw NOT_FOUND(id);
      await repo.lockMachine(trx, found.machine_id);
      const current = await repo.findStop(trx, id, true);
      if (!current) throw NOT_FOUND(id);

      const start = body.startedAt ? new Date(body.startedAt) : current.started_at;
      const end = body.endedAt ? new Date(body.endedAt) : current.ended_at;
      if (body.endedAt && current.ended_at === null) await refuseIfPausedOrder(trx, current);
      checkTimes(start, end, await repo.databaseNow(trx));
      if (body.startedAt || body.endedAt) {
        const other = await repo.findOverlappingStop(trx, {
          machineId: current.machine_id,
          excludeId: id,
          start,
          end,
        });
        if (other) {
          throw new AppError(
            'conflict',
            `The stop would overlap stop ${other.id} on the same machine`,
            undefined,
            { stopId: other.id },
          );
        }
      }
      if (body.reasonId && body.reasonId !== current.reason_id) {
        await checkReason(trx, body.reasonId);
      }
      const row = await repo.updateStop(trx, id, {
        reason_id: body.reasonId,
        notes: body.notes,
        started_at: body.startedAt ? start : undefined,
        ended_at: body.endedAt ? end : undefined,
        updated_by: ctx.actor.id,
      });
      const before = auditStop(current, timeZone);
      const after = auditStop(row, timeZone);
      await recordAudit(trx, ctx, {
        action: 'update',
        entityType: 'stop',
        entityId: id,
        before,
        after,
      });
      if (row.order_id !== null) {
        await insertOrderEvent(trx, {
          orderId: row.order_id,
          type: 'stop_updated',
          userId: ctx.actor.id,
          data: { stopId: id, before, after },
        });
      }
      await announce(trx, 'stop.updated', row);
      return view(trx, id, timeZone);
    })
    .catch(translateStopError);
}
