/** The tables of the documented legacy snapshot (LEGACY.md), in import (dependency) order. */
import {
  EVENT_TYPE,
  MACHINE_STATUS,
  ORDER_PRIORITY,
  ORDER_STATUS,
  USER_ROLE,
} from '../values/enums.js';
import { STOP_CATEGORY } from '../values/reason-tree.js';
import { bool, date, id, num, ref, stamp, text, time } from './columns.js';
import type { TableSpec } from './types.js';

const NO_TABLE = 'the new model has no table for it yet; copied verbatim into the legacy schema';

export const MACHINES: TableSpec = {
  name: 'machines',
  version: 'snapshot',
  target: { kind: 'table', table: 'machines', ids: 'preserved' },
  columns: [
    id('machines.id'),
    text('name', 'machines.name (and machines.code)', {
      required: true,
      trim: true,
      maxLength: 200,
      notNull: true,
    }),
    {
      name: 'environment',
      declared: 'TEXT',
      role: { kind: 'environment' },
      target: 'machines.environment_id',
      required: true,
      notNull: true,
    },
    {
      name: 'status',
      declared: 'TEXT',
      role: { kind: 'enum', mapping: MACHINE_STATUS },
      target: 'machines.status',
      defaultSql: "'available'",
    },
    time('last_maintenance', null),
    time('next_maintenance', null),
    num(
      'capacity',
      'INTEGER',
      'machines.rated_speed',
      { sign: 'positive' },
      {
        note: 'read as units per hour',
      },
    ),
    num('efficiency_rating', 'REAL', null, { sign: 'any' }, { defaultSql: '100.0' }),
  ],
  indexes: ['CREATE INDEX idx_machines_environment ON machines(environment)'],
  note: 'machines.code = the name; a name used twice gets its id appended (recorded).',
};

export const OPERATORS: TableSpec = {
  name: 'operators',
  version: 'snapshot',
  target: { kind: 'table', table: 'employees', ids: 'preserved' },
  columns: [
    id('employees.id'),
    text('name', 'employees.full_name', {
      required: true,
      trim: true,
      maxLength: 200,
      notNull: true,
    }),
    text('department', null),
    text('shift', null, { note: "'DS'/'NS' = day/night shift" }),
  ],
};

export const USERS: TableSpec = {
  name: 'users',
  version: 'snapshot',
  target: { kind: 'table', table: 'users', ids: 'preserved' },
  columns: [
    id('users.id'),
    text('username', 'users.username (and display_name)', {
      required: true,
      notNull: true,
      unique: true,
      note: 'characters outside [A-Za-z0-9._-] become "." and a name used twice (ignoring case) gets its id appended, both recorded',
    }),
    text('password_hash', 'users.password_hash', {
      notNull: true,
      note: 'bcrypt hashes kept (verified at sign-in, upgraded to argon2id); an empty hash becomes one that never verifies (recorded)',
    }),
    text('email', 'users.email', {
      notNull: true,
      unique: true,
      note: 'an invalid address or one already used (ignoring case) is cleared (recorded)',
    }),
    {
      name: 'role',
      declared: 'TEXT',
      role: { kind: 'enum', mapping: USER_ROLE },
      target: 'users.role',
      defaultSql: "'operator'",
    },
    stamp('created_at', 'users.created_at'),
    time('last_login', 'users.last_login_at'),
    bool('is_active', 'users.active', false, false, {
      defaultSql: '1',
      note: 'NULL → inactive: the legacy sign-in check (is_active = 1) refused NULL too',
    }),
  ],
};

export const REASON_CODES: TableSpec = {
  name: 'reason_codes',
  version: 'snapshot',
  target: { kind: 'table', table: 'stop_reasons', ids: 'preserved for the first row of each code' },
  columns: [
    id('stop_reasons.id'),
    text('code', 'stop_reasons.code', {
      required: true,
      trim: true,
      maxLength: 64,
      notNull: true,
      note: 'upper-cased; a code repeated under other ids is merged into its first row',
    }),
    text('description', 'stop_reasons.name', { note: 'the code when empty' }),
  ],
  note: 'Each code becomes a reason under the category of REASON_CODE_CATEGORY (else LEGACY).',
};

export const PRODUCTION_ORDERS: TableSpec = {
  name: 'production_orders',
  version: 'snapshot',
  target: { kind: 'table', table: 'production_orders', ids: 'preserved' },
  columns: [
    id('production_orders.id'),
    text('order_number', 'production_orders.order_number', {
      required: true,
      trim: true,
      maxLength: 64,
      notNull: true,
      unique: true,
    }),
    text('product_name', 'production_orders.product_name', {
      required: true,
      trim: true,
      maxLength: 200,
      notNull: true,
    }),
    num(
      'quantity',
      'INTEGER',
      'production_orders.quantity',
      { sign: 'positive', withUnit: true },
      { required: true, notNull: true, note: "'12 kg' → 12 with unit 'kg'" },
    ),
    {
      name: 'environment',
      declared: 'TEXT',
      role: { kind: 'environment' },
      target: 'production_orders.environment_id',
      required: true,
      notNull: true,
    },
    {
      name: 'priority',
      declared: 'TEXT',
      role: { kind: 'enum', mapping: ORDER_PRIORITY },
      target: 'production_orders.priority',
      defaultSql: "'normal'",
    },
    date('due_date', 'production_orders.due_date'),
    text('notes', 'production_orders.notes'),
    {
      name: 'status',
      declared: 'TEXT',
      role: { kind: 'enum', mapping: ORDER_STATUS },
      target: 'production_orders.status',
      defaultSql: "'pending'",
    },
    ref('machine_id', 'machines', 'production_orders.machine_id', 'clear-and-record'),
    ref('operator_id', 'operators', null, 'keep', {
      note: 'orders have no operator in the new model; kept verbatim',
    }),
    time('start_time', 'production_orders.started_at'),
    time('stop_time', null, { note: 'the stops themselves carry this' }),
    time('complete_time', 'production_orders.completed_at'),
    num(
      'actual_quantity',
      'INTEGER',
      'production_orders.produced_quantity',
      {
        sign: 'non-negative',
      },
      { note: 'NULL → 0; over-production is legal' },
    ),
    text('stop_reason', null),
    ref('created_by', 'users', 'production_orders.created_by', 'clear-and-record'),
    num('efficiency_percentage', 'REAL', null, { sign: 'any' }),
    time('end_time', 'production_orders.completed_at (when complete_time is empty)'),
  ],
  indexes: [
    'CREATE INDEX idx_orders_status ON production_orders(status)',
    'CREATE INDEX idx_orders_environment ON production_orders(environment)',
  ],
  note: "created_at ← the order's first 'create' event when there is one.",
};

export const PRODUCTION_EVENTS: TableSpec = {
  name: 'production_events',
  version: 'snapshot',
  target: { kind: 'table', table: 'order_events', ids: 'preserved' },
  columns: [
    id('order_events.id', 'int8'),
    ref('order_id', 'production_orders', 'order_events.order_id', 'quarantine-row', {
      required: true,
    }),
    {
      name: 'event_type',
      declared: 'TEXT',
      role: { kind: 'enum', mapping: EVENT_TYPE },
      target: 'order_events.event_type',
      notNull: true,
    },
    text('description', 'order_events.data.description'),
    stamp('timestamp', 'order_events.at', { required: true }),
  ],
};

export const PRODUCTION_STOPS: TableSpec = {
  name: 'production_stops',
  version: 'snapshot',
  target: { kind: 'table', table: 'stops', ids: 'preserved' },
  columns: [
    id('stops.id'),
    ref(
      'order_id',
      'production_orders',
      'stops.order_id (machine_id from the order)',
      'quarantine-row',
      {
        required: true,
        notNull: true,
        note: 'a stop needs a machine, which only its order knows',
      },
    ),
    stamp('start_time', 'stops.started_at', { required: true }),
    time('end_time', 'stops.ended_at', {
      onBad: 'quarantine-row',
      note: 'clearing a bad end would turn the stop into an open one',
    }),
    text('reason', 'stops.reason_id (a reason under the category)', { notNull: true }),
    {
      name: 'category',
      declared: 'TEXT',
      role: { kind: 'enum', mapping: STOP_CATEGORY },
      target: 'stop_reasons (category of the reason)',
    },
    text('notes', 'stops.notes'),
    ref('reported_by', 'users', 'stops.reported_by', 'clear-and-record'),
  ],
};

export const DOWNTIME_EVENTS: TableSpec = {
  name: 'downtime_events',
  version: 'snapshot',
  target: {
    kind: 'table',
    table: 'stops',
    ids: 'id + 1,000,000,000 (production_stops keep theirs)',
    idOffset: 1_000_000_000,
  },
  columns: [
    id('stops.id'),
    ref('order_id', 'production_orders', 'stops.order_id', 'clear-and-record'),
    ref('machine_id', 'machines', 'stops.machine_id', 'quarantine-row', {
      note: "NULL → the order's machine",
    }),
    time('start_time', 'stops.started_at', { required: true, notNull: true }),
    time('end_time', 'stops.ended_at', { onBad: 'quarantine-row' }),
    text('reason_code', 'stops.reason_id (via reason_codes)'),
    text('root_cause', 'stops.notes'),
    text('notes', 'stops.notes'),
  ],
};

export const WASTE_RECORDS: TableSpec = {
  name: 'waste_records',
  version: 'snapshot',
  target: { kind: 'table', table: 'waste', ids: 'preserved' },
  columns: [
    id('waste.id'),
    ref('order_id', 'production_orders', 'waste.order_id', 'quarantine-row', {
      required: true,
      notNull: true,
    }),
    num(
      'waste_amount',
      'REAL',
      'waste.quantity',
      { sign: 'positive', withUnit: true },
      { required: true, notNull: true, note: "unit 'units' unless the value names one" },
    ),
    text('reason', 'waste.reason', { note: 'free text, even when it looks like a number' }),
    stamp('timestamp', 'waste.recorded_at', { required: true }),
  ],
  note: "waste_type 'other'.",
};

export const QUALITY_CHECKS: TableSpec = {
  name: 'quality_checks',
  version: 'snapshot',
  target: { kind: 'legacy-copy', why: NO_TABLE },
  columns: [
    id(null),
    ref('order_id', 'production_orders', null, 'keep', { notNull: true }),
    text('check_type', null),
    text('result', null),
    text('notes', null),
    stamp('timestamp', null),
  ],
};

export const AUDIT_LOG: TableSpec = {
  name: 'audit_log',
  version: 'snapshot',
  target: { kind: 'table', table: 'audit_log', ids: 'preserved' },
  columns: [
    id('audit_log.id', 'int8'),
    ref('user_id', 'users', 'audit_log.user_id', 'clear-and-record'),
    text('action', 'audit_log.action', {
      required: true,
      trim: true,
      maxLength: 100,
      notNull: true,
    }),
    text('entity_type', 'audit_log.entity_type', {
      trim: true,
      maxLength: 100,
      whenBlank: 'legacy',
    }),
    num('entity_id', 'INTEGER', 'audit_log.entity_id (text, exact)', { sign: 'any' }),
    { name: 'old_values', declared: 'TEXT', role: { kind: 'json' }, target: 'audit_log.before' },
    { name: 'new_values', declared: 'TEXT', role: { kind: 'json' }, target: 'audit_log.after' },
    text('ip_address', 'audit_log.ip'),
    text('user_agent', 'audit_log.user_agent'),
    stamp('timestamp', 'audit_log.at', { required: true }),
  ],
  indexes: ['CREATE INDEX idx_audit_timestamp ON audit_log(timestamp)'],
};

export const NOTIFICATIONS: TableSpec = {
  name: 'notifications',
  version: 'snapshot',
  target: { kind: 'legacy-copy', why: NO_TABLE },
  columns: [
    id(null),
    text('email', null, { notNull: true }),
    text('event_type', null, { notNull: true }),
  ],
};

export const NOTIFICATION_PREFERENCES: TableSpec = {
  name: 'notification_preferences',
  version: 'snapshot',
  target: { kind: 'legacy-copy', why: NO_TABLE },
  columns: [
    id(null),
    ref('user_id', 'users', null, 'keep', { notNull: true }),
    text('event_type', null, { notNull: true }),
    bool('email_enabled', null, true, true, { defaultSql: '1' }),
    bool('push_enabled', null, false, false, { defaultSql: '0' }),
  ],
  constraints: ['UNIQUE(user_id, event_type)'],
};
