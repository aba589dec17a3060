import type { CopyColumn } from './copy.js';
import type { PgType } from './pg-text.js';

/**
 * The new model's tables the importer writes, column for column as COPY sends them and verify
 * compares them (generated columns left out). Every column is compared: a row is right only when
 * all of it is.
 */
export interface TargetDef {
  table: string;
  /** Identity type of `id`. */
  idType: 'int' | 'bigint';
  columns: readonly CopyColumn[];
}

function def(table: string, idType: 'int' | 'bigint', spec: string): TargetDef {
  const columns = spec
    .trim()
    .split(/\s*,\s*/)
    .map((c) => {
      const [name, type] = c.split(':') as [string, PgType];
      return { name, type };
    });
  return { table, idType, columns: [{ name: 'id', type: idType }, ...columns] };
}

const STAMPS = 'created_at:timestamptz, updated_at:timestamptz';

export const TARGETS = {
  environments: def(
    'environments',
    'int',
    `code:text, name:text, colour:text, active:bool, sort_order:int, ${STAMPS}`,
  ),
  users: def(
    'users',
    'int',
    `username:text, display_name:text, email:text, phone:text, password_hash:text, role:text,
     active:bool, last_login_at:timestamptz, password_changed_at:timestamptz, version:int,
     ${STAMPS}`,
  ),
  employees: def(
    'employees',
    'int',
    `employee_number:text, full_name:text, default_role:text, environment_id:int, active:bool,
     phone:text, email:text, ${STAMPS}`,
  ),
  machine_types: def('machine_types', 'int', `code:text, name:text, description:text, ${STAMPS}`),
  machines: def(
    'machines',
    'int',
    `code:text, name:text, environment_id:int, machine_type_id:int, status:text,
     rated_speed:numeric, staffing:jsonb, retired_at:timestamptz, notes:text, version:int,
     ${STAMPS}`,
  ),
  stop_reasons: def(
    'stop_reasons',
    'int',
    `parent_id:int, code:text, name:text, planned:bool, oee_loss:text, active:bool,
     sort_order:int, ${STAMPS}`,
  ),
  production_orders: def(
    'production_orders',
    'int',
    `order_number:text, product_id:int, product_name:text, quantity:numeric,
     produced_quantity:numeric, rejected_quantity:numeric, unit:text, priority:text,
     due_date:date, environment_id:int, machine_id:int, scheduled_start:timestamptz,
     scheduled_end:timestamptz, scheduled_shift:text, notes:text, status:text,
     started_at:timestamptz, completed_at:timestamptz, cancelled_at:timestamptz,
     archived_at:timestamptz, created_by:int, version:int, ${STAMPS}`,
  ),
  order_events: def(
    'order_events',
    'bigint',
    'order_id:int, event_type:text, at:timestamptz, user_id:int, data:jsonb',
  ),
  stops: def(
    'stops',
    'int',
    `machine_id:int, order_id:int, reason_id:int, started_at:timestamptz, ended_at:timestamptz,
     notes:text, reported_by:int, updated_by:int, ${STAMPS}`,
  ),
  waste: def(
    'waste',
    'int',
    `order_id:int, waste_type:text, quantity:numeric, unit:text, reason:text, cost:numeric,
     recorded_at:timestamptz, recorded_by:int, ${STAMPS}`,
  ),
  audit_log: def(
    'audit_log',
    'bigint',
    `at:timestamptz, user_id:int, action:text, entity_type:text, entity_id:text, before:jsonb,
     after:jsonb, request_id:text, ip:text, user_agent:text`,
  ),
  crews: def('crews', 'int', `code:text, name:text, cycle_offset:int, ${STAMPS}`),
  labour_assignments: def(
    'labour_assignments',
    'int',
    `work_date:date, shift_code:text, machine_id:int, employee_id:int, role:text, notes:text,
     created_by:int, ${STAMPS}`,
  ),
  attendance: def(
    'attendance',
    'int',
    `work_date:date, shift_code:text, employee_id:int, status:text, check_in_at:timestamptz,
     notes:text, recorded_by:int, ${STAMPS}`,
  ),
  maturation_batches: def(
    'maturation_batches',
    'int',
    `batch_number:text, product_id:int, blend_name:text, quantity:numeric,
     actual_quantity:numeric, unit:text, started_on:date, expected_days:int, status:text,
     completed_at:timestamptz, notes:text, created_by:int, version:int, ${STAMPS}`,
  ),
  maturation_checks: def(
    'maturation_checks',
    'int',
    `batch_id:int, check_date:date, checked_at:timestamptz, temperature:numeric,
     humidity:numeric, ph:numeric, readings:jsonb, notes:text, checked_by:int, ${STAMPS}`,
  ),
} as const satisfies Record<string, TargetDef>;

export type TargetName = keyof typeof TARGETS;

/** Domain tables that must be empty before a first import (migrations fill only the others). */
export const DOMAIN_TABLES: readonly string[] = [
  'users',
  'environments',
  'machine_types',
  'machines',
  'products',
  'employees',
  'crews',
  'crew_members',
  'production_orders',
  'order_events',
  'stop_reasons',
  'stops',
  'waste',
  'labour_assignments',
  'attendance',
  'shift_handovers',
  'maturation_batches',
  'maturation_checks',
  'audit_log',
];
