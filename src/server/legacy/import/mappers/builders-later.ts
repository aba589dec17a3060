import type { Ref } from '../mapping.js';
import { TARGETS } from '../targets.js';
import { refTo, type TargetBuilder } from './assessed.js';
import { bool, dec, day, inst, stamps, txt } from './values.js';

/** Target rows of the later legacy versions' tables (and their reference tables). */

function preferred(key: bigint): number | undefined {
  return key >= 1n && key <= 2_147_483_647n ? Number(key) : undefined;
}

export const environments: TargetBuilder = {
  target: TARGETS.environments,
  self: true,
  build(a, row, ctx) {
    const code = txt(a.derived.code) ?? '';
    const name = (txt(a.derived.name) ?? code).slice(0, 100);
    const createdAt = inst(a.values.created_at) ?? ctx.epoch;
    return {
      id: null,
      values: {},
      self: {
        column: null,
        kind: 'environment',
        code,
        name,
        preferredId: preferred(row.key),
        values: {
          name,
          colour: txt(a.values.colour),
          active: bool(a.values.is_active, true),
          created_at: createdAt,
          updated_at: createdAt,
        },
      },
    };
  },
};

export const machineTypes: TargetBuilder = {
  target: TARGETS.machine_types,
  self: true,
  build(a, row) {
    const code = txt(a.derived.code) ?? '';
    return {
      id: null,
      values: {},
      self: {
        column: null,
        kind: 'machine_type',
        code,
        name: txt(a.values.name) ?? code,
        preferredId: preferred(row.key),
        values: { description: txt(a.values.description) },
      },
    };
  },
};

export const downtimeCategories: TargetBuilder = {
  target: TARGETS.stop_reasons,
  self: true,
  build(a) {
    const code = txt(a.derived.code) ?? '';
    const name = (txt(a.derived.name) ?? code).slice(0, 200);
    return {
      id: null,
      values: {},
      self: {
        column: null,
        kind: 'category',
        code,
        name,
        values: {
          name,
          planned: bool(a.values.is_planned, false),
          oee_loss: txt(a.values.oee_impact) ?? 'availability',
        },
      },
    };
  },
};

export const maturationRoom: TargetBuilder = {
  target: TARGETS.maturation_batches,
  build(a, row, ctx) {
    const refs: Ref[] = [];
    const createdAt = inst(a.values.created_at) ?? ctx.epoch;
    const days = dec(a.values.expected_days);
    return {
      id: row.key,
      values: {
        batch_number: txt(a.derived.batch_number),
        product_id: null,
        blend_name: txt(a.values.blend_name),
        quantity: dec(a.values.quantity_in),
        actual_quantity: dec(a.values.actual_quantity),
        unit: txt(a.derived.unit) ?? 'kg',
        started_on: day(a.values.start_date),
        expected_days: days === null ? null : Number(days),
        status: txt(a.values.status) ?? 'maturing',
        completed_at: null,
        notes: txt(a.values.notes),
        created_by: refTo(refs, a, 'created_by', 'created_by', 'users', ctx),
        version: 1,
        created_at: createdAt,
        updated_at: createdAt,
      },
      refs,
    };
  },
};

export const maturationChecks: TargetBuilder = {
  target: TARGETS.maturation_checks,
  build(a, row, ctx) {
    const refs: Ref[] = [];
    return {
      id: row.key,
      values: {
        batch_id: refTo(refs, a, 'batch_id', 'batch_id', 'maturation_batches', ctx, {
          required: true,
        }),
        check_date: day(a.values.check_date),
        checked_at: inst(a.values.timestamp),
        temperature: dec(a.values.temperature),
        humidity: dec(a.values.humidity),
        ph: dec(a.values.ph),
        readings: {},
        notes: txt(a.values.notes),
        checked_by: refTo(refs, a, 'checked_by', 'checked_by', 'users', ctx),
        ...stamps(ctx),
      },
      refs,
    };
  },
};

export const laborAssignments: TargetBuilder = {
  target: TARGETS.labour_assignments,
  build(a, row, ctx) {
    const refs: Ref[] = [];
    const createdAt = inst(a.values.created_at) ?? ctx.epoch;
    return {
      id: row.key,
      values: {
        work_date: day(a.values.assignment_date),
        shift_code: txt(a.values.shift),
        machine_id: refTo(refs, a, 'machine_id', 'machine_id', 'machines', ctx),
        employee_id: refTo(refs, a, 'employee_id', 'employee_id', 'employees', ctx, {
          required: true,
        }),
        role: txt(a.values.role) ?? 'operator',
        notes: txt(a.values.notes),
        created_by: refTo(refs, a, 'created_by', 'created_by', 'users', ctx),
        created_at: createdAt,
        updated_at: createdAt,
      },
      refs,
    };
  },
};

export const attendanceRegister: TargetBuilder = {
  target: TARGETS.attendance,
  build(a, row, ctx) {
    const refs: Ref[] = [];
    return {
      id: row.key,
      values: {
        work_date: day(a.values.date),
        shift_code: txt(a.values.shift),
        employee_id: refTo(refs, a, 'employee_id', 'employee_id', 'employees', ctx, {
          required: true,
        }),
        status: txt(a.values.status),
        check_in_at: inst(a.values.check_in_time),
        notes: txt(a.values.notes),
        recorded_by: refTo(refs, a, 'recorded_by', 'recorded_by', 'users', ctx),
        ...stamps(ctx),
      },
      refs,
    };
  },
};
