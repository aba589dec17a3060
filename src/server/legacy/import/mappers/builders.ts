import { parseLegacyTime } from '../../values/index.js';
import { instantText } from '../instant.js';
import type { Ensure, MapContext, Ref, SourceJoin, SourceRow } from '../mapping.js';
import { TARGETS } from '../targets.js';
import { refTo, refValue, type TargetBuilder } from './assessed.js';
import { freeTextReasonCode } from './common.js';
import { bool, day, dec, inst, json, rawName, stamps, toJson, txt } from './values.js';

/**
 * Target rows of the documented snapshot's tables from their assessment (rules/tables.ts names
 * the derived values). References are checked again in PostgreSQL (refTo); areas and reasons
 * are found or created by code (Ensure).
 */

/** The area an environment column names (found by code, created when missing). */
export function environment(code: unknown, rawValue: unknown): Ensure[] {
  if (typeof code !== 'string' || code === '') return [];
  const name = rawName(typeof rawValue === 'string' ? rawValue : null, 100) || code;
  return [{ column: 'environment_id', kind: 'environment', code, name }];
}

export const machines: TargetBuilder = {
  target: TARGETS.machines,
  build(a, row, ctx) {
    return {
      id: row.key,
      values: {
        code: txt(a.derived.code),
        name: txt(a.values.name),
        environment_id: null,
        machine_type_id: null,
        status: txt(a.values.status) ?? 'available',
        rated_speed: dec(a.values.capacity),
        staffing: {},
        retired_at: null,
        notes: null,
        version: 1,
        ...stamps(ctx),
      },
      ensures: environment(a.values.environment, row.values.environment),
    };
  },
};

export const operators: TargetBuilder = {
  target: TARGETS.employees,
  build(a, row, ctx) {
    return {
      id: row.key,
      values: {
        employee_number: null,
        full_name: txt(a.values.name),
        default_role: 'operator',
        environment_id: null,
        active: true,
        phone: null,
        email: null,
        ...stamps(ctx),
      },
    };
  },
};

export const users: TargetBuilder = {
  target: TARGETS.users,
  build(a, row, ctx) {
    const createdAt = inst(a.values.created_at) ?? ctx.epoch;
    return {
      id: row.key,
      values: {
        username: txt(a.derived.username),
        display_name: txt(a.derived.display_name),
        email: txt(a.derived.email),
        phone: null,
        password_hash: txt(a.derived.password_hash),
        role: txt(a.values.role) ?? 'viewer',
        active: bool(a.values.is_active, false),
        last_login_at: inst(a.values.last_login),
        password_changed_at: null,
        version: 1,
        created_at: createdAt,
        updated_at: createdAt,
      },
    };
  },
};

export const reasonCodes: TargetBuilder = {
  target: TARGETS.stop_reasons,
  self: true,
  build(a, row) {
    const code = txt(a.derived.code) ?? '';
    const name = txt(a.derived.name) || code;
    return {
      id: null,
      values: {},
      self: {
        column: null,
        kind: 'reason',
        code,
        name,
        parent: txt(a.derived.category) ?? 'LEGACY',
        preferredId: idOrUndefined(row.key),
        values: { name },
      },
    };
  },
};

function idOrUndefined(key: bigint): number | undefined {
  return key >= 1n && key <= 2_147_483_647n ? Number(key) : undefined;
}

/** The order's first 'create' event, read with each order (catalog: created_at). */
const CREATED_EVENT: SourceJoin = {
  wholeTable: true,
  select: 'ce.ts AS __created_event',
  from:
    'LEFT JOIN (SELECT order_id AS oid, min(timestamp) AS ts FROM production_events ' +
    "WHERE lower(trim(event_type)) IN ('create', 'created') GROUP BY order_id) ce ON ce.oid = t.id",
};

/** An order's created_at: its first 'create' event's time, else when the import started. */
export function orderCreatedAt(row: SourceRow, ctx: MapContext): string {
  const ev = row.joined.created_event ?? null;
  const parsed =
    ev === null
      ? null
      : parseLegacyTime(ev, ctx.timeBase('production_events', 'timestamp'), ctx.zone);
  return parsed?.kind === 'instant' ? instantText(parsed.at) : ctx.epoch;
}

export const productionOrders: TargetBuilder = {
  target: TARGETS.production_orders,
  alsoKeep: ['end_time'],
  join: (has) =>
    ['order_id', 'event_type', 'timestamp'].every((c) => has('production_events', c))
      ? CREATED_EVENT
      : null,
  build(a, row, ctx) {
    const refs: Ref[] = [];
    const createdAt = orderCreatedAt(row, ctx);
    return {
      id: row.key,
      values: {
        order_number: txt(a.derived.order_number),
        product_id: null,
        product_name: txt(a.values.product_name),
        quantity: dec(a.values.quantity),
        produced_quantity: dec(a.derived.produced_quantity) ?? '0',
        rejected_quantity: '0',
        unit: txt(a.derived.unit) ?? 'units',
        priority: txt(a.values.priority) ?? 'normal',
        due_date: day(a.values.due_date),
        environment_id: null,
        machine_id: refTo(refs, a, 'machine_id', 'machine_id', 'machines', ctx),
        scheduled_start: null,
        scheduled_end: null,
        scheduled_shift: null,
        notes: txt(a.values.notes),
        status: txt(a.derived.status) ?? 'pending',
        started_at: inst(a.values.start_time),
        completed_at: inst(a.derived.completed_at),
        cancelled_at: null,
        archived_at: null,
        created_by: refTo(refs, a, 'created_by', 'created_by', 'users', ctx),
        version: 1,
        created_at: createdAt,
        updated_at: createdAt,
      },
      refs,
      ensures: environment(a.values.environment, row.values.environment),
    };
  },
};

export const productionEvents: TargetBuilder = {
  target: TARGETS.order_events,
  build(a, row, ctx) {
    const refs: Ref[] = [];
    const data = toJson(a.derived.data ?? {}) as { [k: string]: ReturnType<typeof toJson> };
    for (const k of Object.keys(data)) if (data[k] === null) delete data[k];
    return {
      id: row.key,
      values: {
        order_id: refTo(refs, a, 'order_id', 'order_id', 'production_orders', ctx, {
          required: true,
        }),
        event_type: txt(a.values.event_type),
        at: inst(a.values.timestamp),
        user_id: null,
        data,
      },
      refs,
    };
  },
};

function stopValues(
  a: Parameters<TargetBuilder['build']>[0],
  ctx: Parameters<TargetBuilder['build']>[2],
) {
  const refs: Ref[] = [];
  const values = {
    machine_id: refValue(refs, a.derived.machine_id, {
      column: 'machine_id',
      sourceColumn: 'machine_id',
      table: 'machines',
      onMissing: 'quarantine',
    }),
    order_id: refTo(refs, a, 'order_id', 'order_id', 'production_orders', ctx),
    reason_id: null,
    started_at: inst(a.values.start_time),
    ended_at: inst(a.values.end_time),
    reported_by: null as number | null,
    updated_by: null,
    ...stamps(ctx),
  };
  return { refs, values };
}

export const productionStops: TargetBuilder = {
  target: TARGETS.stops,
  build(a, row, ctx) {
    const { refs, values } = stopValues(a, ctx);
    values.reported_by = refTo(refs, a, 'reported_by', 'reported_by', 'users', ctx);
    const text = txt(a.derived.reason_text)?.trim().slice(0, 200) ?? null;
    const category = txt(a.derived.reason_category) ?? 'LEGACY';
    return {
      id: BigInt(String(a.derived.id ?? row.key)),
      values: { ...values, notes: txt(a.values.notes) },
      refs,
      ensures: text
        ? [
            {
              column: 'reason_id',
              kind: 'reason',
              code: freeTextReasonCode(category, text),
              name: text,
              parent: category,
            },
          ]
        : [],
    };
  },
};

export const downtimeEvents: TargetBuilder = {
  target: TARGETS.stops,
  build(a, row, ctx) {
    const { refs, values } = stopValues(a, ctx);
    const code = txt(a.derived.reason_code);
    return {
      id: BigInt(String(a.derived.id ?? row.key)),
      values: { ...values, notes: txt(a.derived.notes) },
      refs,
      ensures: code
        ? [
            {
              column: 'reason_id',
              kind: 'reason',
              code,
              name: code,
              parent: txt(a.derived.reason_category) ?? 'LEGACY',
            },
          ]
        : [],
    };
  },
};

export const wasteRecords: TargetBuilder = {
  target: TARGETS.waste,
  build(a, row, ctx) {
    const refs: Ref[] = [];
    return {
      id: BigInt(String(a.derived.id ?? row.key)),
      values: {
        order_id: refTo(refs, a, 'order_id', 'order_id', 'production_orders', ctx, {
          required: true,
        }),
        waste_type: txt(a.derived.waste_type) ?? 'other',
        quantity: dec(a.values.waste_amount ?? a.values.quantity),
        unit: txt(a.derived.unit) ?? 'units',
        reason: txt(a.values.reason),
        cost: dec(a.values.cost),
        recorded_at: inst(a.values.timestamp ?? a.values.created_at),
        recorded_by: refTo(refs, a, 'recorded_by', 'recorded_by', 'users', ctx),
        ...stamps(ctx),
      },
      refs,
    };
  },
};

export const auditLog: TargetBuilder = {
  target: TARGETS.audit_log,
  build(a, row, ctx) {
    const refs: Ref[] = [];
    return {
      id: row.key,
      values: {
        at: inst(a.values.timestamp),
        user_id: refTo(refs, a, 'user_id', 'user_id', 'users', ctx),
        action: txt(a.values.action),
        entity_type: txt(a.values.entity_type) ?? 'legacy',
        entity_id: dec(a.values.entity_id) ?? txt(a.values.entity_id),
        before: json(a.values.old_values),
        after: json(a.values.new_values),
        request_id: null,
        ip: txt(a.values.ip_address),
        user_agent: txt(a.values.user_agent),
      },
      refs,
    };
  },
};
