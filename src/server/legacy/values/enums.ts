/**
 * Legacy enumerations → the new model's CHECK lists. Each mapping is a table in code that the
 * plan prints with the values actually found. Spellings are compared after trimming,
 * lower-casing and turning spaces/hyphens into '_' ('In Progress' = 'in-progress' = 'in_progress').
 */

export interface EnumMapping {
  /** Stable name, used in the plan and by the importer. */
  name: string;
  title: string;
  /** Legacy columns it applies to, 'table.column'. */
  columns: readonly string[];
  /** The new model's allowed values (the CHECK list, or category codes of the reason tree). */
  allowed: readonly string[];
  /** Other legacy spellings (normalised) → allowed value. */
  aliases: Readonly<Record<string, string>>;
  /** NULL or blank: a value, 'quarantine' (the row cannot be placed) or 'null' (stays NULL). */
  whenNull: string | 'quarantine' | 'null';
  /** Anything else: becomes `value` and the original is recorded, or the row is quarantined. */
  whenUnknown: { becomes: string; why: string } | 'quarantine';
  note?: string;
}

export type EnumOutcome =
  | { kind: 'same' | 'alias' | 'null-default'; value: string }
  | { kind: 'null' }
  | { kind: 'unknown-fallback'; value: string; why: string }
  | { kind: 'quarantine'; reason: string };

export function normaliseEnum(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = (typeof value === 'string' ? value : String(value)).trim().toLowerCase();
  return text === '' ? null : text.replace(/[\s-]+/g, '_');
}

export function mapLegacyEnum(mapping: EnumMapping, value: unknown): EnumOutcome {
  const key = normaliseEnum(value);
  if (key === null) {
    if (mapping.whenNull === 'null') return { kind: 'null' };
    if (mapping.whenNull === 'quarantine') {
      return { kind: 'quarantine', reason: `${mapping.title} is missing` };
    }
    return { kind: 'null-default', value: mapping.whenNull };
  }
  const exact = mapping.allowed.find((a) => a.toLowerCase() === key);
  if (exact !== undefined) return { kind: 'same', value: exact };
  const alias = mapping.aliases[key];
  if (alias !== undefined) return { kind: 'alias', value: alias };
  if (mapping.whenUnknown === 'quarantine') {
    return { kind: 'quarantine', reason: `${mapping.title} ${JSON.stringify(value)} is unknown` };
  }
  return {
    kind: 'unknown-fallback',
    value: mapping.whenUnknown.becomes,
    why: mapping.whenUnknown.why,
  };
}

export const ORDER_STATUS: EnumMapping = {
  name: 'order-status',
  title: 'order status',
  columns: ['production_orders.status'],
  allowed: ['draft', 'pending', 'in_progress', 'paused', 'completed', 'cancelled'],
  aliases: {
    new: 'pending',
    open: 'pending',
    planned: 'pending',
    scheduled: 'pending',
    queued: 'pending',
    waiting: 'pending',
    active: 'in_progress',
    running: 'in_progress',
    started: 'in_progress',
    in_production: 'in_progress',
    inprogress: 'in_progress',
    stopped: 'paused',
    on_hold: 'paused',
    hold: 'paused',
    halted: 'paused',
    complete: 'completed',
    done: 'completed',
    finished: 'completed',
    closed: 'completed',
    canceled: 'cancelled',
    aborted: 'cancelled',
  },
  whenNull: 'pending',
  whenUnknown: { becomes: 'pending', why: 'unknown status: treated as not started' },
  note:
    "A running ('in_progress'/'paused') order needs a machine and a machine runs one order at a " +
    'time: a running order without a usable machine, or beaten by a later running order on the ' +
    "same machine, becomes 'pending' (recorded).",
};

export const ORDER_PRIORITY: EnumMapping = {
  name: 'order-priority',
  title: 'order priority',
  columns: ['production_orders.priority'],
  allowed: ['low', 'normal', 'high', 'urgent'],
  aliases: {
    medium: 'normal',
    med: 'normal',
    standard: 'normal',
    default: 'normal',
    lowest: 'low',
    highest: 'urgent',
    critical: 'urgent',
    rush: 'urgent',
    asap: 'urgent',
  },
  whenNull: 'normal',
  whenUnknown: { becomes: 'normal', why: 'unknown priority: the default' },
};

export const MACHINE_STATUS: EnumMapping = {
  name: 'machine-status',
  title: 'machine status',
  columns: ['machines.status'],
  allowed: ['available', 'in_use', 'paused', 'maintenance', 'offline'],
  aliases: {
    idle: 'available',
    ready: 'available',
    free: 'available',
    operational: 'available',
    active: 'available',
    running: 'in_use',
    busy: 'in_use',
    occupied: 'in_use',
    producing: 'in_use',
    stopped: 'paused',
    on_hold: 'paused',
    under_maintenance: 'maintenance',
    repair: 'maintenance',
    service: 'maintenance',
    breakdown: 'maintenance',
    inactive: 'offline',
    down: 'offline',
    broken: 'offline',
    decommissioned: 'offline',
    retired: 'offline',
  },
  whenNull: 'available',
  whenUnknown: { becomes: 'offline', why: 'unknown status: kept out of use until someone checks' },
};

export const USER_ROLE: EnumMapping = {
  name: 'user-role',
  title: 'user role',
  columns: ['users.role'],
  allowed: ['admin', 'supervisor', 'operator', 'viewer'],
  aliases: {
    administrator: 'admin',
    superadmin: 'admin',
    manager: 'supervisor',
    shift_supervisor: 'supervisor',
    packer: 'operator',
    hopper_loader: 'operator',
    quality_control: 'operator',
    qc: 'operator',
    user: 'viewer',
    system: 'viewer',
    guest: 'viewer',
    readonly: 'viewer',
  },
  whenNull: 'viewer',
  whenUnknown: { becomes: 'viewer', why: 'unknown role: the least privileged role' },
  note: "An unknown or missing role becomes 'viewer' (least privilege); an admin can raise it.",
};

export const EVENT_TYPE: EnumMapping = {
  name: 'event-type',
  title: 'order event type',
  columns: ['production_events.event_type'],
  allowed: [
    'created',
    'updated',
    'started',
    'paused',
    'resumed',
    'count_updated',
    'completed',
    'cancelled',
    'archived',
    'restored',
    'waste_recorded',
    'stop_updated',
  ],
  aliases: {
    create: 'created',
    new: 'created',
    update: 'updated',
    edit: 'updated',
    edited: 'updated',
    start: 'started',
    stop: 'paused',
    stopped: 'paused',
    pause: 'paused',
    resume: 'resumed',
    restart: 'resumed',
    quantity_update: 'count_updated',
    quantity: 'count_updated',
    complete: 'completed',
    finish: 'completed',
    finished: 'completed',
    cancel: 'cancelled',
    canceled: 'cancelled',
    archive: 'archived',
    restore: 'restored',
    waste: 'waste_recorded',
    stop_update: 'stop_updated',
  },
  whenNull: 'quarantine',
  whenUnknown: { becomes: 'updated', why: "unknown event: kept as 'updated' with the legacy type" },
  note: 'The legacy type and description are kept in order_events.data (legacyType, description).',
};

export const WASTE_TYPE: EnumMapping = {
  name: 'waste-type',
  title: 'waste type',
  columns: ['production_waste.waste_type'],
  allowed: ['raw_material', 'packaging', 'blend', 'finished_product', 'other'],
  aliases: {
    raw: 'raw_material',
    raw_materials: 'raw_material',
    ingredient: 'raw_material',
    ingredients: 'raw_material',
    packing: 'packaging',
    packaging_material: 'packaging',
    mix: 'blend',
    finished: 'finished_product',
    product: 'finished_product',
    fg: 'finished_product',
  },
  whenNull: 'other',
  whenUnknown: { becomes: 'other', why: 'unknown waste type' },
  note: "waste_records (no type in the legacy table) all become 'other'.",
};

export const SHIFT_CODE: EnumMapping = {
  name: 'shift',
  title: 'shift',
  columns: ['labor_assignments.shift', 'attendance_register.shift', 'shift_supervisors.shift'],
  allowed: ['D', 'N'],
  aliases: { ds: 'D', day: 'D', day_shift: 'D', ns: 'N', night: 'N', night_shift: 'N' },
  whenNull: 'quarantine',
  whenUnknown: 'quarantine',
  note: "Codes of the default day/night pattern ('DS'/'NS' in the legacy data).",
};

export const ATTENDANCE_STATUS: EnumMapping = {
  name: 'attendance-status',
  title: 'attendance status',
  columns: ['attendance_register.status'],
  allowed: ['present', 'absent', 'late', 'sick', 'leave'],
  aliases: {
    p: 'present',
    here: 'present',
    a: 'absent',
    awol: 'absent',
    l: 'late',
    s: 'sick',
    sick_leave: 'sick',
    on_leave: 'leave',
    annual_leave: 'leave',
    holiday: 'leave',
  },
  whenNull: 'quarantine',
  whenUnknown: 'quarantine',
};

export const LABOUR_ROLE: EnumMapping = {
  name: 'labour-role',
  title: 'labour role',
  columns: ['labor_assignments.role'],
  allowed: ['operator', 'hopper_loader', 'packer', 'supervisor', 'forklift_driver'],
  aliases: {
    loader: 'hopper_loader',
    hopper: 'hopper_loader',
    forklift: 'forklift_driver',
    driver: 'forklift_driver',
    forklift_operator: 'forklift_driver',
    machine_operator: 'operator',
  },
  whenNull: 'operator',
  whenUnknown: 'quarantine',
};

export const MATURATION_STATUS: EnumMapping = {
  name: 'maturation-status',
  title: 'maturation status',
  columns: ['maturation_room.status'],
  allowed: ['maturing', 'ready', 'quality_check', 'completed', 'rejected'],
  aliases: {
    in_progress: 'maturing',
    active: 'maturing',
    qc: 'quality_check',
    quality: 'quality_check',
    complete: 'completed',
    done: 'completed',
    failed: 'rejected',
  },
  whenNull: 'maturing',
  whenUnknown: 'quarantine',
};

export const OEE_LOSS: EnumMapping = {
  name: 'oee-loss',
  title: 'OEE loss',
  columns: ['downtime_categories.oee_impact'],
  allowed: ['availability', 'performance', 'quality'],
  aliases: { speed: 'performance', yield: 'quality', downtime: 'availability' },
  whenNull: 'availability',
  whenUnknown: { becomes: 'availability', why: 'unknown OEE loss: counted as downtime' },
};
