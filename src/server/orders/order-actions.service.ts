import type { Kysely } from 'kysely';
import type {
  ArchiveOrderBody,
  CancelOrderBody,
  CompleteOrderBody,
  CountOrderBody,
  Order,
  PauseOrderBody,
  ResumeOrderBody,
  StartOrderBody,
} from '../../common/api/orders.js';
import type { RequestContext } from '../auth/actor.js';
import type { Database, MachineStatus } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { closeOpenStop, openStop, findOpenStopOnMachine } from '../stops/stop.repository.js';
import { changeOrder, type OrderDeps } from './order-change.js';
import { assertCan } from './order-lifecycle.js';
import type { OrderViewRow } from './order-query.repository.js';
import * as repo from './order.repository.js';

/** The lifecycle actions (POST /api/orders/:id/<action>); each one transaction. */

const busy = (message: string, why: string) =>
  new AppError('conflict', message, { machineId: why });

/** The machine a running order runs on, locked (order row first, then machine: one lock order). */
async function lockRunningMachine(trx: Kysely<Database>, o: OrderViewRow) {
  if (o.machine_id === null) throw new Error(`running order ${o.id} has no machine`);
  const m = await repo.lockMachine(trx, o.machine_id);
  if (!m) throw new Error(`machine ${o.machine_id} of order ${o.id} vanished`);
  return m;
}

/** Frees the machine, unless someone set it to maintenance or offline meanwhile. */
async function freeMachine(trx: Kysely<Database>, m: repo.LockedMachine) {
  const status: MachineStatus =
    m.status === 'in_use' || m.status === 'paused' ? 'available' : m.status;
  await repo.setMachineStatus(trx, m.id, status);
  return { id: m.id, status };
}

const seconds = (s: { started_at: Date; ended_at: Date | null }) =>
  s.ended_at === null ? null : Math.floor((s.ended_at.getTime() - s.started_at.getTime()) / 1000);

export function startOrder(
  deps: OrderDeps,
  ctx: RequestContext,
  id: number,
  body: StartOrderBody,
): Promise<Order> {
  return changeOrder(deps, ctx, id, body.version, async (trx, o) => {
    assertCan('start', o);
    const m = await repo.lockMachine(trx, body.machineId);
    if (!m) {
      throw new AppError('validation_failed', `Machine ${body.machineId} does not exist`, {
        machineId: 'does not exist',
      });
    }
    if (m.retired_at !== null) throw busy(`Machine ${m.code} is retired`, 'is retired');
    if (m.status !== 'available') {
      const now = m.status.replace('_', ' ');
      throw busy(`Machine ${m.code} is ${now}, not available`, `is ${now}, not available`);
    }
    // A breakdown between orders (order-less stop) must be closed before the next run starts.
    const stopped = await findOpenStopOnMachine(trx, m.id);
    if (stopped) {
      throw busy(
        `Machine ${m.code} has an open stop (#${stopped.id}); close it first`,
        'has an open stop',
      );
    }
    await repo.updateOrder(trx, o.id, {
      status: 'in_progress',
      machine_id: m.id,
      started_at: repo.NOW,
    });
    await repo.setMachineStatus(trx, m.id, 'in_use');
    return {
      event: 'started',
      action: 'start',
      data: { machineId: m.id, machineCode: m.code },
      machine: { id: m.id, status: 'in_use' },
    };
  });
}

export function pauseOrder(
  deps: OrderDeps,
  ctx: RequestContext,
  id: number,
  body: PauseOrderBody,
): Promise<Order> {
  return changeOrder(deps, ctx, id, body.version, async (trx, o) => {
    assertCan('pause', o);
    const reason = await repo.findStopReason(trx, body.reasonId);
    const why = !reason
      ? 'does not exist'
      : reason.parent_id === null
        ? 'is a category; choose one of its reasons'
        : reason.active
          ? null
          : 'is no longer in use';
    if (!reason || why !== null) {
      throw new AppError('validation_failed', `Stop reason ${body.reasonId} ${why}`, {
        reasonId: why ?? 'is invalid',
      });
    }
    const m = await lockRunningMachine(trx, o);
    const stop = await openStop(trx, {
      machineId: m.id,
      orderId: o.id,
      reasonId: reason.id,
      notes: body.notes ?? null,
      reportedBy: ctx.actor.id,
    });
    await repo.updateOrder(trx, o.id, { status: 'paused' });
    await repo.setMachineStatus(trx, m.id, 'paused');
    return {
      event: 'paused',
      action: 'pause',
      data: {
        stopId: stop.id,
        reasonId: reason.id,
        reasonName: reason.name,
        categoryName: reason.category_name,
        notes: body.notes ?? null,
      },
      machine: { id: m.id, status: 'paused' },
    };
  });
}

export function resumeOrder(
  deps: OrderDeps,
  ctx: RequestContext,
  id: number,
  body: ResumeOrderBody,
): Promise<Order> {
  return changeOrder(deps, ctx, id, body.version, async (trx, o) => {
    assertCan('resume', o);
    const m = await lockRunningMachine(trx, o);
    if (m.status === 'maintenance' || m.status === 'offline') {
      throw busy(`Machine ${m.code} is ${m.status}; it cannot resume`, `is ${m.status}`);
    }
    const stop = await closeOpenStop(trx, m.id, ctx.actor.id);
    await repo.updateOrder(trx, o.id, { status: 'in_progress' });
    await repo.setMachineStatus(trx, m.id, 'in_use');
    return {
      event: 'resumed',
      action: 'resume',
      data: {
        stopId: stop?.id ?? null,
        durationSeconds: stop ? seconds(stop) : null,
        notes: body.notes ?? null,
      },
      machine: { id: m.id, status: 'in_use' },
    };
  });
}

export function countOrder(
  deps: OrderDeps,
  ctx: RequestContext,
  id: number,
  body: CountOrderBody,
): Promise<Order> {
  return changeOrder(deps, ctx, id, body.version, async (trx, o) => {
    assertCan('count', o);
    const from = Number(o.produced_quantity);
    let to: number;
    if (body.add !== undefined) {
      if (from + body.add < 0) {
        throw new AppError('validation_failed', 'The produced quantity cannot go below 0', {
          add: 'would make the produced quantity negative',
        });
      }
      to = Number(await repo.addProduced(trx, o.id, body.add));
    } else {
      to = body.producedQuantity ?? from;
      await repo.updateOrder(trx, o.id, { produced_quantity: String(to) });
    }
    return {
      event: 'count_updated',
      action: 'count',
      data: { from, to, ...(body.add !== undefined ? { add: body.add } : {}) },
    };
  });
}

export function completeOrder(
  deps: OrderDeps,
  ctx: RequestContext,
  id: number,
  body: CompleteOrderBody,
): Promise<Order> {
  return changeOrder(deps, ctx, id, body.version, async (trx, o) => {
    assertCan('complete', o);
    const produced = body.producedQuantity ?? Number(o.produced_quantity);
    const rejected = body.rejectedQuantity ?? Number(o.rejected_quantity);
    const m = await lockRunningMachine(trx, o);
    const stop = o.status === 'paused' ? await closeOpenStop(trx, m.id, ctx.actor.id) : undefined;
    await repo.updateOrder(trx, o.id, {
      status: 'completed',
      completed_at: repo.NOW,
      produced_quantity: String(produced),
      rejected_quantity: String(rejected),
    });
    const machine = await freeMachine(trx, m);
    return {
      event: 'completed',
      action: 'complete',
      data: {
        producedQuantity: produced,
        rejectedQuantity: rejected,
        quantity: Number(o.quantity),
        overProduced: produced > Number(o.quantity),
        stopId: stop?.id ?? null,
        notes: body.notes ?? null,
      },
      machine,
    };
  });
}

export function cancelOrder(
  deps: OrderDeps,
  ctx: RequestContext,
  id: number,
  body: CancelOrderBody,
): Promise<Order> {
  return changeOrder(deps, ctx, id, body.version, async (trx, o) => {
    assertCan('cancel', o);
    let stopId: number | null = null;
    let machine: { id: number; status: MachineStatus } | undefined;
    if (o.status === 'paused') {
      const m = await lockRunningMachine(trx, o);
      stopId = (await closeOpenStop(trx, m.id, ctx.actor.id))?.id ?? null;
      machine = await freeMachine(trx, m);
    }
    await repo.updateOrder(trx, o.id, { status: 'cancelled', cancelled_at: repo.NOW });
    return {
      event: 'cancelled',
      action: 'cancel',
      data: { reason: body.reason, fromStatus: o.status, stopId },
      ...(machine ? { machine } : {}),
    };
  });
}

export function archiveOrder(
  deps: OrderDeps,
  ctx: RequestContext,
  id: number,
  body: ArchiveOrderBody,
): Promise<Order> {
  return changeOrder(deps, ctx, id, body.version, async (trx, o) => {
    assertCan('archive', o);
    await repo.updateOrder(trx, o.id, { archived_at: repo.NOW });
    return { event: 'archived', action: 'archive', data: {} };
  });
}

export function restoreOrder(
  deps: OrderDeps,
  ctx: RequestContext,
  id: number,
  body: ArchiveOrderBody,
): Promise<Order> {
  return changeOrder(deps, ctx, id, body.version, async (trx, o) => {
    assertCan('restore', o);
    await repo.updateOrder(trx, o.id, { archived_at: null });
    return { event: 'restored', action: 'restore', data: {} };
  });
}
