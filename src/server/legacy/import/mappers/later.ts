import {
  ATTENDANCE_STATUS,
  LABOUR_ROLE,
  MATURATION_STATUS,
  SHIFT_CODE,
} from '../../values/index.js';
import type { TableMapper } from '../mapping.js';
import { RowReader } from '../row-reader.js';
import { TARGETS } from '../targets.js';
import { duplicateJoins, laterDuplicateOf, stamps, withSuffix } from './common.js';

/** Tables of later legacy versions that have a home in the new model. */

export function maturationRoomMapper(): TableMapper {
  return {
    source: 'maturation_room',
    target: TARGETS.maturation_batches,
    uses: [
      'id',
      'batch_number',
      'blend_name',
      'quantity_in',
      'actual_quantity',
      'start_date',
      'expected_days',
      'status',
      'notes',
      'created_by',
      'created_at',
    ],
    join: (has) => duplicateJoins(['maturation_room.batch_number'], has),
    prepare(row, ctx) {
      const r = new RowReader('maturation_room', row.values, ctx);
      let batchNumber = r.text('batch_number', { max: 64 }) ?? '';
      const first = laterDuplicateOf(row, 'maturation_room.batch_number');
      if (first !== null) {
        batchNumber = withSuffix(batchNumber, ` #${row.key}`, 64);
        r.change('batch_number', `number already used by batch ${first}: '${batchNumber}'`);
      }
      const quantity = r.decimal('quantity_in', { min: '>0' });
      const createdAt = r.instant('created_at') ?? ctx.epoch;
      return r.result(row.key, {
        batch_number: batchNumber,
        product_id: null,
        blend_name: r.text('blend_name', { max: 200 }),
        quantity: quantity?.value ?? null,
        actual_quantity: r.decimal('actual_quantity', { min: '>=0' })?.value ?? null,
        unit: (quantity?.unit ?? 'kg').slice(0, 32),
        started_on: r.day('start_date'),
        expected_days: r.int('expected_days', { min: 1 }),
        status: r.enumValue('status', MATURATION_STATUS),
        completed_at: null,
        notes: r.freeText('notes'),
        created_by: r.ref('created_by', 'created_by', 'users'),
        version: 1,
        created_at: createdAt,
        updated_at: createdAt,
      });
    },
  };
}

export function maturationChecksMapper(): TableMapper {
  return {
    source: 'maturation_daily_checks',
    target: TARGETS.maturation_checks,
    uses: [
      'id',
      'batch_id',
      'check_date',
      'temperature',
      'humidity',
      'ph',
      'notes',
      'checked_by',
      'timestamp',
    ],
    join: (has) => duplicateJoins(['maturation_daily_checks.batch_day'], has),
    prepare(row, ctx) {
      const r = new RowReader('maturation_daily_checks', row.values, ctx);
      const first = laterDuplicateOf(row, 'maturation_daily_checks.batch_day');
      if (first !== null) r.problems.push(`batch already has a check that day (check ${first})`);
      return r.result(row.key, {
        batch_id: r.ref('batch_id', 'batch_id', 'maturation_batches'),
        check_date: r.day('check_date'),
        checked_at: r.instant('timestamp'),
        temperature: r.decimal('temperature')?.value ?? null,
        humidity: r.decimal('humidity', { range: [0, 100] })?.value ?? null,
        ph: r.decimal('ph', { range: [0, 14] })?.value ?? null,
        readings: {},
        notes: r.freeText('notes'),
        checked_by: r.ref('checked_by', 'checked_by', 'users'),
        ...stamps(ctx),
      });
    },
  };
}

export function laborAssignmentsMapper(): TableMapper {
  return {
    source: 'labor_assignments',
    target: TARGETS.labour_assignments,
    uses: [
      'id',
      'assignment_date',
      'shift',
      'machine_id',
      'employee_id',
      'role',
      'notes',
      'created_by',
      'created_at',
    ],
    join: (has) => duplicateJoins(['labor_assignments.employee_shift'], has),
    prepare(row, ctx) {
      const r = new RowReader('labor_assignments', row.values, ctx);
      const first = laterDuplicateOf(row, 'labor_assignments.employee_shift');
      if (first !== null) r.problems.push(`employee already assigned that shift (assignment ${first})`);
      const createdAt = r.instant('created_at') ?? ctx.epoch;
      return r.result(row.key, {
        work_date: r.day('assignment_date'),
        shift_code: r.enumValue('shift', SHIFT_CODE),
        machine_id: r.ref('machine_id', 'machine_id', 'machines'),
        employee_id: r.ref('employee_id', 'employee_id', 'employees'),
        role: r.enumValue('role', LABOUR_ROLE),
        notes: r.freeText('notes'),
        created_by: r.ref('created_by', 'created_by', 'users'),
        created_at: createdAt,
        updated_at: createdAt,
      });
    },
  };
}

export function attendanceRegisterMapper(): TableMapper {
  return {
    source: 'attendance_register',
    target: TARGETS.attendance,
    uses: ['id', 'date', 'shift', 'employee_id', 'status', 'check_in_time', 'notes', 'recorded_by'],
    join: (has) => duplicateJoins(['attendance_register.employee_shift'], has),
    prepare(row, ctx) {
      const r = new RowReader('attendance_register', row.values, ctx);
      const first = laterDuplicateOf(row, 'attendance_register.employee_shift');
      if (first !== null) r.problems.push(`employee already has an entry that shift (entry ${first})`);
      return r.result(row.key, {
        work_date: r.day('date'),
        shift_code: r.enumValue('shift', SHIFT_CODE),
        employee_id: r.ref('employee_id', 'employee_id', 'employees'),
        status: r.enumValue('status', ATTENDANCE_STATUS),
        check_in_at: r.instant('check_in_time'),
        notes: r.freeText('notes'),
        recorded_by: r.ref('recorded_by', 'recorded_by', 'users'),
        ...stamps(ctx),
      });
    },
  };
}
