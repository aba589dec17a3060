/**
 * Duplicate groups the new model's unique keys would refuse. The group key is a SQL expression
 * over the row (alias t); NULL keys are not grouped. The first row of a group (lowest id) keeps
 * its value; the others follow the policy:
 * rename (value + ' #id', recorded), clear (value cleared, recorded), merge (folded into the
 * first row, recorded) or quarantine (the later row is not imported).
 */
import { SHIFT_CODE } from '../values/enums.js';
import { sqlMappedEnum } from './sql.js';

export interface DuplicateRule {
  name: string;
  table: string;
  /** Columns the key reads (the rule is skipped when one is missing from the file). */
  columns: readonly string[];
  keySql: string;
  policy: 'rename' | 'clear' | 'merge' | 'quarantine';
  /** The column whose value is renamed/cleared, or that defines the group. */
  column: string;
  description: string;
}

export const DUPLICATE_RULES: readonly DuplicateRule[] = [
  {
    name: 'machines.name',
    table: 'machines',
    columns: ['name'],
    keySql: "NULLIF(lower(trim(t.name)), '')",
    policy: 'rename',
    column: 'name',
    description: "machine code = the name; a name used again (ignoring case) gets ' #id'",
  },
  {
    name: 'users.username',
    table: 'users',
    columns: ['username'],
    keySql: "NULLIF(lower(trim(t.username)), '')",
    policy: 'rename',
    column: 'username',
    description: "user names are unique ignoring case: a later one gets '.id' appended",
  },
  {
    name: 'users.email',
    table: 'users',
    columns: ['email'],
    keySql: "NULLIF(lower(trim(t.email)), '')",
    policy: 'clear',
    column: 'email',
    description: 'e-mail addresses are unique ignoring case: a later one is cleared',
  },
  {
    name: 'reason_codes.code',
    table: 'reason_codes',
    columns: ['code'],
    keySql: "NULLIF(upper(trim(t.code)), '')",
    policy: 'merge',
    column: 'code',
    description: 'a repeated code is merged into its first row',
  },
  {
    name: 'production_orders.order_number',
    table: 'production_orders',
    columns: ['order_number'],
    keySql: "NULLIF(trim(t.order_number), '')",
    policy: 'rename',
    column: 'order_number',
    description: "order numbers are unique once trimmed: a later one gets ' #id'",
  },
  {
    name: 'environments.code',
    table: 'environments',
    columns: ['code'],
    keySql: "NULLIF(lower(trim(t.code)), '')",
    policy: 'merge',
    column: 'code',
    description: 'an area code repeated (ignoring case) is merged into its first row',
  },
  {
    name: 'machine_types.name',
    table: 'machine_types',
    columns: ['name'],
    keySql: "NULLIF(lower(trim(t.name)), '')",
    policy: 'merge',
    column: 'name',
    description: 'a machine type repeated (ignoring case) is merged into its first row',
  },
  {
    name: 'downtime_categories.code',
    table: 'downtime_categories',
    columns: ['code'],
    keySql: "NULLIF(upper(trim(t.code)), '')",
    policy: 'merge',
    column: 'code',
    description: 'a category code repeated is merged into its first row',
  },
  {
    name: 'maturation_room.batch_number',
    table: 'maturation_room',
    columns: ['batch_number'],
    keySql: "NULLIF(trim(t.batch_number), '')",
    policy: 'rename',
    column: 'batch_number',
    description: "batch numbers are unique once trimmed: a later one gets ' #id'",
  },
  {
    name: 'maturation_daily_checks.batch_day',
    table: 'maturation_daily_checks',
    columns: ['batch_id', 'check_date'],
    keySql: "t.batch_id || '|' || trim(t.check_date)",
    policy: 'quarantine',
    column: 'check_date',
    description: 'one check per batch and day (the date as written)',
  },
  {
    name: 'labor_assignments.employee_shift',
    table: 'labor_assignments',
    columns: ['assignment_date', 'shift', 'employee_id'],
    keySql: `trim(t.assignment_date) || '|' || ${sqlMappedEnum(SHIFT_CODE, 't.shift')} || '|' || t.employee_id`,
    policy: 'quarantine',
    column: 'employee_id',
    description: 'one assignment per employee, day (as written) and shift',
  },
  {
    name: 'attendance_register.employee_shift',
    table: 'attendance_register',
    columns: ['date', 'shift', 'employee_id'],
    keySql: `trim(t.date) || '|' || ${sqlMappedEnum(SHIFT_CODE, 't.shift')} || '|' || t.employee_id`,
    policy: 'quarantine',
    column: 'employee_id',
    description: 'one attendance entry per employee, day (as written) and shift',
  },
];
