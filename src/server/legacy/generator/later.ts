/** Tables of later legacy versions (written with `laterTables`), and their quirks. */
import { ENVIRONMENTS } from './baseline.js';
import type { QuirkKit } from './quirk-helpers.js';
import type { Quirk } from './types.js';

const DAY = 86_400_000;
const CATEGORIES: [string, string, number, string][] = [
  ['MECH', 'Mechanical', 0, 'availability'],
  ['ELEC', 'Electrical', 0, 'availability'],
  ['MAT', 'Material', 0, 'availability'],
  ['QUAL', 'Quality', 0, 'quality'],
  ['CHG', 'Changeover', 1, 'availability'],
  ['CLEAN', 'Cleaning', 1, 'availability'],
  ['BRK', 'Break', 1, 'availability'],
  ['MEET', 'Meeting', 1, 'availability'],
  ['UTIL', 'Utilities', 0, 'availability'],
  ['SAFE', 'Safety', 0, 'availability'],
  ['PM', 'Planned maintenance', 1, 'availability'],
  ['SPEED', 'Speed loss', 0, 'performance'],
  ['LAB', 'Labour shortage', 0, 'availability'],
  ['OTHER', 'Other', 0, 'availability'],
];

export function writeLaterTables(k: QuirkKit, quirks: readonly Quirk[]): void {
  const { w, clock, b } = k;
  const on = new Set(quirks);
  const title = (s: string) =>
    s.replace(/(^|-)(\w)/g, (_, sep: string, c: string) => `${sep ? ' ' : ''}${c.toUpperCase()}`);
  ENVIRONMENTS.forEach((code, n) => {
    const active = on.has('booleanSpellings') && n === 0 ? 'yes' : 1;
    w.insert('environments', {
      code,
      name: title(code),
      colour: `#${(n * 3 + 1).toString(16).repeat(6).slice(0, 6)}`,
      machine_types: '["Mixer"]',
      is_active: active,
      created_at: clock.utc(b.startMs),
    });
  });
  if (on.has('duplicateReasonCodes')) {
    w.inject(
      'environments.code:duplicate-merged',
      w.insert('environments', { code: 'Blending', name: 'Blending (old)', is_active: 1 }),
    );
  }
  for (const name of ['Mixer', 'Filler', 'Packer'])
    w.insert('machine_types', { name, description: `${name}s`, environment: null });
  CATEGORIES.forEach(([code, name, planned, oee], n) => {
    const spelled = on.has('booleanSpellings')
      ? planned
        ? 'true'
        : n === 0
          ? 'f'
          : planned
      : planned;
    w.insert('downtime_categories', {
      code,
      name,
      is_planned: spelled,
      oee_impact: oee,
      description: null,
    });
  });
  if (on.has('duplicateReasonCodes')) {
    w.inject(
      'downtime_categories.code:duplicate-merged',
      w.insert('downtime_categories', {
        code: 'mech',
        name: 'Mechanical (old)',
        is_planned: 0,
        oee_impact: 'availability',
      }),
    );
  }
  const admin = b.users[0]?.id ?? 1;
  for (let n = 1; n <= 5; n++) {
    const start = b.startMs + n * 7 * DAY;
    const batch = w.insert('maturation_room', {
      batch_number: `MAT-${String(n).padStart(4, '0')}`,
      blend_name: 'Rooibos reserve',
      quantity_in: 500.0,
      expected_quantity: 480.0,
      actual_quantity: n < 3 ? 470.5 : null,
      start_date: clock.day(start),
      expected_days: 14,
      status: n < 3 ? 'completed' : on.has('legacyEnums') && n === 5 ? 'QC' : 'maturing',
      created_by: admin,
      created_at: clock.utc(start),
    });
    for (let d = 1; d <= 3; d++) {
      w.insert('maturation_daily_checks', {
        batch_id: batch,
        check_date: clock.day(start + d * DAY),
        temperature: 18.5,
        humidity: 60,
        ph: 6.5,
        checked_by: admin,
        timestamp: clock.utc(start + d * DAY),
      });
    }
  }
  if (on.has('nonPositiveQuantities')) {
    w.inject(
      'maturation_room.quantity_in:number-out-of-range',
      w.insert('maturation_room', {
        batch_number: 'MAT-ZERO',
        blend_name: 'Empty',
        quantity_in: 0,
        start_date: clock.day(b.startMs),
        expected_days: 14,
        status: 'maturing',
      }),
    );
  }
  if (on.has('orphans')) {
    w.inject(
      'maturation_daily_checks.batch_id:orphan',
      w.insert('maturation_daily_checks', {
        batch_id: k.missing(),
        check_date: clock.day(b.startMs),
        timestamp: clock.utc(b.startMs),
      }),
    );
  }
  const order = b.sampleOrder.id;
  w.insert('production_waste', {
    order_id: order,
    waste_type: 'raw material',
    quantity: 2.5,
    unit: 'kg',
    cost: 30.0,
    reason: 'spill',
    recorded_by: admin,
    created_at: clock.utc(b.startMs),
  });
  w.insert('production_waste', {
    order_id: order,
    waste_type: 'packaging',
    quantity: 12,
    unit: 'units',
    cost: 4.2,
    reason: 'torn film',
    recorded_by: admin,
    created_at: clock.utc(b.startMs),
  });
  if (on.has('legacyEnums')) {
    w.inject(
      'production_waste.waste_type:enum-unknown',
      w.insert('production_waste', {
        order_id: order,
        waste_type: 'mystery',
        quantity: 1,
        unit: 'kg',
        created_at: clock.utc(b.startMs),
      }),
    );
  }
  for (const m of b.machines.slice(0, 3)) {
    ['A', 'B', 'C'].forEach((crew, n) =>
      w.insert('machine_crews', {
        machine_id: m.id,
        crew,
        employee_id: ((m.id + n) % b.operators) + 1,
        role: 'operator',
        created_at: clock.utc(b.startMs),
      }),
    );
  }
  const day = clock.day(b.startMs);
  for (let e = 1; e <= Math.min(6, b.operators); e++) {
    const role =
      on.has('legacyEnums') && e === 2 ? 'hopper loader' : e % 3 === 0 ? 'packer' : 'operator';
    w.insert('labor_assignments', {
      assignment_date: day,
      shift: e % 2 ? 'DS' : 'NS',
      machine_id: b.machines[e % b.machines.length]?.id ?? 1,
      employee_id: e,
      role,
      created_by: admin,
      created_at: clock.utc(b.startMs),
    });
    const status = on.has('legacyEnums') && e === 1 ? 'P' : e === 4 ? 'late' : 'present';
    w.insert('attendance_register', {
      date: day,
      shift: e % 2 ? 'DS' : 'NS',
      employee_id: e,
      status,
      check_in_time: clock.app(b.startMs + e * 60_000),
      recorded_by: admin,
    });
  }
  if (on.has('orphans')) {
    w.inject(
      'labor_assignments.employee_id:orphan',
      w.insert('labor_assignments', {
        assignment_date: day,
        shift: 'DS',
        employee_id: k.missing(),
        role: 'operator',
      }),
    );
  }
  if (on.has('legacyEnums')) {
    w.inject(
      'attendance_register.status:enum-unknown',
      w.insert('attendance_register', {
        date: clock.day(b.startMs + DAY),
        shift: 'DS',
        employee_id: 1,
        status: 'partying',
      }),
    );
  }
  w.insert('shift_supervisors', {
    shift_date: day,
    shift: 'DS',
    supervisor_id: b.users[1]?.id ?? 1,
    environment: 'blending',
    notes: null,
  });
}
