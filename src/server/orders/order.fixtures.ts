import type { Kysely } from 'kysely';
import type { OrderStatus } from '../../common/order-lifecycle.js';
import type { Database, MachineStatus, NewOrder } from '../db/schema.js';

/**
 * Test data for the order tests (rows inserted directly, like an import would). Only src
 * imports, so it builds with the server; nothing in the app calls it.
 */

let seq = 0;
const next = () => `${process.pid}-${++seq}`;

export interface Plant {
  environmentId: number;
  otherEnvironmentId: number;
  categoryId: number;
  reasonId: number;
  inactiveReasonId: number;
  productId: number;
}

export async function seedPlant(db: Kysely<Database>): Promise<Plant> {
  const env = (code: string, name: string) =>
    db.insertInto('environments').values({ code, name }).returning('id').executeTakeFirstOrThrow();
  const reason = (v: {
    code: string;
    name: string;
    parent_id?: number;
    planned?: boolean;
    oee_loss?: 'availability';
    active?: boolean;
  }) => db.insertInto('stop_reasons').values(v).returning('id').executeTakeFirstOrThrow();
  const environmentId = (await env('blending', 'Blending')).id;
  const otherEnvironmentId = (await env('packaging', 'Packaging')).id;
  const categoryId = (
    await reason({ code: 'MECH', name: 'Mechanical', planned: false, oee_loss: 'availability' })
  ).id;
  const reasonId = (await reason({ code: 'MECH-JAM', name: 'Jam', parent_id: categoryId })).id;
  const inactiveReasonId = (
    await reason({ code: 'MECH-OLD', name: 'Old', parent_id: categoryId, active: false })
  ).id;
  const productId = (
    await db
      .insertInto('products')
      .values({ code: 'CHK-SPICE', name: 'Chicken spice', unit: 'kg' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  return { environmentId, otherEnvironmentId, categoryId, reasonId, inactiveReasonId, productId };
}

export async function addMachine(
  db: Kysely<Database>,
  environmentId: number,
  o: { status?: MachineStatus; retired?: boolean } = {},
): Promise<number> {
  const code = `M-${next()}`;
  const row = await db
    .insertInto('machines')
    .values({
      code,
      name: `Machine ${code}`,
      environment_id: environmentId,
      status: o.status ?? 'available',
      retired_at: o.retired ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * An order in the given state. A running (in_progress/paused) order gets its own machine in the
 * matching status, and a paused one an open stop; `archived` only for completed/cancelled.
 */
export async function addOrder(
  db: Kysely<Database>,
  plant: Plant,
  o: { status?: OrderStatus; archived?: boolean; reportedBy?: number } & Partial<NewOrder> = {},
): Promise<{ id: number; machineId: number | null; orderNumber: string }> {
  const { status = 'pending', archived = false, reportedBy, ...rest } = o;
  const running = status === 'in_progress' || status === 'paused';
  const machineId =
    rest.machine_id ??
    (running
      ? await addMachine(db, plant.environmentId, {
          status: status === 'paused' ? 'paused' : 'in_use',
        })
      : null);
  const orderNumber = rest.order_number ?? `PO-${next()}`;
  const row = await db
    .insertInto('production_orders')
    .values({
      product_name: 'Chicken spice',
      quantity: 100,
      environment_id: plant.environmentId,
      ...rest,
      order_number: orderNumber,
      machine_id: machineId,
      status,
      started_at: running || status === 'completed' ? new Date(Date.now() - 3_600_000) : null,
      completed_at: status === 'completed' ? new Date() : null,
      cancelled_at: status === 'cancelled' ? new Date() : null,
      archived_at: archived ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (status === 'paused' && machineId !== null) {
    await db
      .insertInto('stops')
      .values({
        machine_id: machineId,
        order_id: row.id,
        reason_id: plant.reasonId,
        started_at: new Date(Date.now() - 600_000),
        reported_by: reportedBy ?? null,
      })
      .execute();
  }
  return { id: row.id, machineId, orderNumber };
}
