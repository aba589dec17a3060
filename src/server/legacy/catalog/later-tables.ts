/**
 * Tables of later legacy versions (LEGACY.md lists them; a real file may or may not have them).
 * Their exact columns are not documented: these are the columns later code uses, and a file's
 * other columns are reported as unknown and kept verbatim.
 */
import {
  ATTENDANCE_STATUS,
  LABOUR_ROLE,
  MATURATION_STATUS,
  OEE_LOSS,
  SHIFT_CODE,
  WASTE_TYPE,
} from '../values/enums.js';
import { bool, date, id, num, ref, stamp, text, time } from './columns.js';
import type { TableSpec } from './types.js';

export const ENVIRONMENTS: TableSpec = {
  name: 'environments',
  version: 'later',
  target: {
    kind: 'table',
    table: 'environments',
    ids: 'preserved; areas only named elsewhere get new ids',
  },
  columns: [
    id('environments.id'),
    {
      name: 'code',
      declared: 'TEXT',
      role: { kind: 'environment' },
      target: 'environments.code',
      required: true,
      notNull: true,
      unique: true,
      note: "as a slug ('Milk Powder' → 'milk-powder'); a slug used twice is merged",
    },
    text('name', 'environments.name', { trim: true, maxLength: 100, note: 'the code when empty' }),
    text('colour', 'environments.colour', { trim: true, maxLength: 32 }),
    text('machine_types', null, { note: 'JSON list of machine type names' }),
    bool('is_active', 'environments.active', true, true, { defaultSql: '1' }),
    stamp('created_at', 'environments.created_at'),
  ],
};

export const MACHINE_TYPES: TableSpec = {
  name: 'machine_types',
  version: 'later',
  target: { kind: 'table', table: 'machine_types', ids: 'preserved' },
  columns: [
    id('machine_types.id'),
    text('name', 'machine_types.name (and code, as a slug)', {
      required: true,
      trim: true,
      maxLength: 100,
      notNull: true,
    }),
    text('description', 'machine_types.description'),
    text('environment', null),
  ],
};

export const DOWNTIME_CATEGORIES: TableSpec = {
  name: 'downtime_categories',
  version: 'later',
  target: { kind: 'table', table: 'stop_reasons', ids: 'new (categories of the reason tree)' },
  columns: [
    id(null),
    text('code', 'stop_reasons.code (a category)', {
      required: true,
      trim: true,
      maxLength: 64,
      notNull: true,
      unique: true,
    }),
    text('name', 'stop_reasons.name', { trim: true, maxLength: 200 }),
    bool('is_planned', 'stop_reasons.planned', false, false, { defaultSql: '0' }),
    {
      name: 'oee_impact',
      declared: 'TEXT',
      role: { kind: 'enum', mapping: OEE_LOSS },
      target: 'stop_reasons.oee_loss',
    },
    text('description', null),
  ],
};

export const PRODUCTION_WASTE: TableSpec = {
  name: 'production_waste',
  version: 'later',
  target: {
    kind: 'table',
    table: 'waste',
    ids: 'id + 1,000,000,000 (waste_records keep theirs)',
    idOffset: 1_000_000_000,
  },
  columns: [
    id('waste.id'),
    ref('order_id', 'production_orders', 'waste.order_id', 'quarantine-row', { required: true }),
    {
      name: 'waste_type',
      declared: 'TEXT',
      role: { kind: 'enum', mapping: WASTE_TYPE },
      target: 'waste.waste_type',
    },
    num(
      'quantity',
      'REAL',
      'waste.quantity',
      { sign: 'positive', withUnit: true },
      { required: true, notNull: true },
    ),
    text('unit', 'waste.unit', { trim: true, maxLength: 32, whenBlank: 'units' }),
    num('cost', 'REAL', 'waste.cost', { sign: 'non-negative' }),
    text('reason', 'waste.reason'),
    ref('recorded_by', 'users', 'waste.recorded_by', 'clear-and-record'),
    stamp('created_at', 'waste.recorded_at', { required: true }),
  ],
};

export const MATURATION_ROOM: TableSpec = {
  name: 'maturation_room',
  version: 'later',
  target: { kind: 'table', table: 'maturation_batches', ids: 'preserved' },
  columns: [
    id('maturation_batches.id'),
    text('batch_number', 'maturation_batches.batch_number', {
      required: true,
      trim: true,
      maxLength: 64,
      notNull: true,
      unique: true,
    }),
    text('blend_name', 'maturation_batches.blend_name', {
      required: true,
      trim: true,
      maxLength: 200,
      notNull: true,
    }),
    num(
      'quantity_in',
      'REAL',
      'maturation_batches.quantity',
      { sign: 'positive', withUnit: true },
      { required: true },
    ),
    num('expected_quantity', 'REAL', null, { sign: 'any' }),
    num('actual_quantity', 'REAL', 'maturation_batches.actual_quantity', { sign: 'non-negative' }),
    date('start_date', 'maturation_batches.started_on', { required: true }),
    num(
      'expected_days',
      'INTEGER',
      'maturation_batches.expected_days',
      { sign: 'positive', integer: true },
      { required: true },
    ),
    {
      name: 'status',
      declared: 'TEXT',
      role: { kind: 'enum', mapping: MATURATION_STATUS },
      target: 'maturation_batches.status',
      defaultSql: "'maturing'",
    },
    text('notes', 'maturation_batches.notes'),
    ref('created_by', 'users', 'maturation_batches.created_by', 'clear-and-record'),
    stamp('created_at', 'maturation_batches.created_at'),
  ],
};

export const MATURATION_DAILY_CHECKS: TableSpec = {
  name: 'maturation_daily_checks',
  version: 'later',
  target: { kind: 'table', table: 'maturation_checks', ids: 'preserved' },
  columns: [
    id('maturation_checks.id'),
    ref('batch_id', 'maturation_room', 'maturation_checks.batch_id', 'quarantine-row', {
      required: true,
      notNull: true,
    }),
    date('check_date', 'maturation_checks.check_date', { required: true }),
    num('temperature', 'REAL', 'maturation_checks.temperature', { sign: 'any' }),
    num('humidity', 'REAL', 'maturation_checks.humidity', { sign: 'any', range: [0, 100] }),
    num('ph', 'REAL', 'maturation_checks.ph', { sign: 'any', range: [0, 14] }),
    text('notes', 'maturation_checks.notes'),
    ref('checked_by', 'users', 'maturation_checks.checked_by', 'clear-and-record'),
    stamp('timestamp', 'maturation_checks.checked_at', { required: true }),
  ],
  note: 'One check per batch and day: a second one for the same day is quarantined.',
};

export const MACHINE_CREWS: TableSpec = {
  name: 'machine_crews',
  version: 'later',
  target: {
    kind: 'legacy-copy',
    why: 'crews in the new model are plant-wide (crew_members has no machine); copied verbatim',
  },
  columns: [
    id(null),
    ref('machine_id', 'machines', null, 'keep'),
    text('crew', null, { note: 'A/B/C' }),
    ref('employee_id', 'operators', null, 'keep'),
    text('role', null),
    stamp('created_at', null),
  ],
};

export const LABOR_ASSIGNMENTS: TableSpec = {
  name: 'labor_assignments',
  version: 'later',
  target: { kind: 'table', table: 'labour_assignments', ids: 'preserved' },
  columns: [
    id('labour_assignments.id'),
    date('assignment_date', 'labour_assignments.work_date', { required: true, notNull: true }),
    {
      name: 'shift',
      declared: 'TEXT',
      role: { kind: 'enum', mapping: SHIFT_CODE },
      target: 'labour_assignments.shift_code',
    },
    ref('machine_id', 'machines', 'labour_assignments.machine_id', 'clear-and-record'),
    ref('employee_id', 'operators', 'labour_assignments.employee_id', 'quarantine-row', {
      required: true,
    }),
    {
      name: 'role',
      declared: 'TEXT',
      role: { kind: 'enum', mapping: LABOUR_ROLE },
      target: 'labour_assignments.role',
    },
    text('notes', 'labour_assignments.notes'),
    ref('created_by', 'users', 'labour_assignments.created_by', 'clear-and-record'),
    stamp('created_at', 'labour_assignments.created_at'),
  ],
  note: 'One assignment per employee and shift: a second one is quarantined.',
};

export const ATTENDANCE_REGISTER: TableSpec = {
  name: 'attendance_register',
  version: 'later',
  target: { kind: 'table', table: 'attendance', ids: 'preserved' },
  columns: [
    id('attendance.id'),
    date('date', 'attendance.work_date', { required: true, notNull: true }),
    {
      name: 'shift',
      declared: 'TEXT',
      role: { kind: 'enum', mapping: SHIFT_CODE },
      target: 'attendance.shift_code',
    },
    ref('employee_id', 'operators', 'attendance.employee_id', 'quarantine-row', { required: true }),
    {
      name: 'status',
      declared: 'TEXT',
      role: { kind: 'enum', mapping: ATTENDANCE_STATUS },
      target: 'attendance.status',
    },
    time('check_in_time', 'attendance.check_in_at'),
    text('notes', 'attendance.notes'),
    ref('recorded_by', 'users', 'attendance.recorded_by', 'clear-and-record'),
  ],
  note: 'One entry per employee and shift: a second one is quarantined.',
};

export const SHIFT_SUPERVISORS: TableSpec = {
  name: 'shift_supervisors',
  version: 'later',
  target: {
    kind: 'legacy-copy',
    why: 'supervisors are users here, labour assignments need employees; copied verbatim',
  },
  columns: [
    id(null),
    date('shift_date', null),
    text('shift', null),
    ref('supervisor_id', 'users', null, 'keep'),
    text('environment', null),
    text('notes', null),
  ],
};
