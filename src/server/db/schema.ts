import type {
  ColumnType,
  Generated,
  GeneratedAlways,
  Insertable,
  Selectable,
  Updateable,
} from 'kysely';

/**
 * Kysely types of the database, column for column (snake_case, no CamelCasePlugin).
 * Mirrors migrations/0001_domain*; schema.test.ts fails when the two drift apart.
 *
 * How PostgreSQL types arrive through the pool of connection.ts:
 * - timestamptz → Date; written as a Date or an ISO 8601 string with an offset.
 * - date → the text 'YYYY-MM-DD'; time → the text 'HH:MM:SS'.
 * - numeric → text (exact); written as text or a number.
 * - int8 (bigint ids) → a number when it is a safe integer, the text otherwise.
 * - jsonb → the parsed value; written as an object (pg serialises it) or as JSON text.
 *   Never pass a bare array: pg would send it as a PostgreSQL array literal.
 */

import {
  ORDER_PRIORITIES,
  ORDER_STATUSES,
  type OrderPriority,
  type OrderStatus,
} from '../../common/order-lifecycle.js';

// ---------------------------------------------------------------- column types

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
/** A `date` column: 'YYYY-MM-DD', a plant day. */
export type DateText = string;
export type Numeric = ColumnType<string, string | number, string | number>;
export type NumericDefault = ColumnType<string, string | number | undefined, string | number>;
export type NullableNumeric = ColumnType<
  string | null,
  string | number | null,
  string | number | null
>;
/** int8: see the header comment. */
export type Int8 = number | string;

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export interface JsonObject {
  [key: string]: JsonValue;
}
/** A jsonb column holding an object (CHECKed where the table says so). */
export type JsonObjectColumn = ColumnType<JsonObject, JsonObject | string, JsonObject | string>;
export type JsonObjectDefault = ColumnType<
  JsonObject,
  JsonObject | string | undefined,
  JsonObject | string
>;
export type NullableJson = ColumnType<
  JsonValue | null,
  JsonObject | string | null,
  JsonObject | string | null
>;

/** Head count per role, e.g. { operator: 1, hopper_loader: 1, packer: 2 }. */
export interface Staffing {
  [role: string]: number;
}

// ---------------------------------------------------------------- value lists (the CHECKs)

export const USER_ROLES = ['admin', 'supervisor', 'operator', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const MACHINE_STATUSES = [
  'available',
  'in_use',
  'paused',
  'maintenance',
  'offline',
] as const;
export type MachineStatus = (typeof MACHINE_STATUSES)[number];

// Order statuses and priorities are the lifecycle module's (shared with the web).
export { ORDER_PRIORITIES, ORDER_STATUSES, type OrderPriority, type OrderStatus };

export const ORDER_EVENT_TYPES = [
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
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

export const OEE_LOSSES = ['availability', 'performance', 'quality'] as const;
export type OeeLoss = (typeof OEE_LOSSES)[number];

export const WASTE_TYPES = [
  'raw_material',
  'packaging',
  'blend',
  'finished_product',
  'other',
] as const;
export type WasteType = (typeof WASTE_TYPES)[number];

export const LABOUR_ROLES = [
  'operator',
  'hopper_loader',
  'packer',
  'supervisor',
  'forklift_driver',
] as const;
export type LabourRole = (typeof LABOUR_ROLES)[number];

export const ATTENDANCE_STATUSES = ['present', 'absent', 'late', 'sick', 'leave'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const MATURATION_STATUSES = [
  'maturing',
  'ready',
  'quality_check',
  'completed',
  'rejected',
] as const;
export type MaturationStatus = (typeof MATURATION_STATUSES)[number];

// ---------------------------------------------------------------- plant, users, log

/** Exactly one row, id = 1. */
export interface PlantSettingsTable {
  id: Generated<number>;
  name: string;
  time_zone: string;
  crew_cycle_start: DateText;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface ShiftPatternTable {
  code: string;
  name: string;
  /** 'HH:MM:SS'; a shift lasts until the next shift's start. */
  start_time: string;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  role: Generated<UserRole>;
  active: Generated<boolean>;
  last_login_at: NullableTimestamp;
  password_changed_at: NullableTimestamp;
  version: Generated<number>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface SessionsTable {
  /** SHA-256 hex of the token, never the token. */
  id: string;
  user_id: number;
  created_at: TimestampDefault;
  last_seen_at: TimestampDefault;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<Int8>;
  username_lower: string;
  ip: string | null;
  at: TimestampDefault;
  succeeded: boolean;
}

export interface AuditLogTable {
  id: Generated<Int8>;
  at: TimestampDefault;
  user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: NullableJson;
  after: NullableJson;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface EventOutboxTable {
  id: Generated<Int8>;
  at: TimestampDefault;
  topic: string;
  payload: JsonObjectColumn;
}

// ---------------------------------------------------------------- reference data and people

export interface EnvironmentsTable {
  id: Generated<number>;
  code: string;
  name: string;
  colour: string | null;
  active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface MachineTypesTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: string | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface MachinesTable {
  id: Generated<number>;
  code: string;
  name: string;
  environment_id: number;
  machine_type_id: number | null;
  status: Generated<MachineStatus>;
  /** Units per hour, the ideal rate for OEE performance. */
  rated_speed: NullableNumeric;
  staffing: ColumnType<Staffing, Staffing | string | undefined, Staffing | string>;
  retired_at: NullableTimestamp;
  notes: string | null;
  version: Generated<number>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface ProductsTable {
  id: Generated<number>;
  code: string;
  name: string;
  unit: Generated<string>;
  active: Generated<boolean>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface EmployeesTable {
  id: Generated<number>;
  employee_number: string | null;
  full_name: string;
  default_role: Generated<LabourRole>;
  environment_id: number | null;
  active: Generated<boolean>;
  phone: string | null;
  email: string | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface CrewsTable {
  id: Generated<number>;
  code: string;
  name: string;
  cycle_offset: Generated<number>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface CrewMembersTable {
  crew_id: number;
  employee_id: number;
  created_at: TimestampDefault;
}

// ---------------------------------------------------------------- production

export interface ProductionOrdersTable {
  id: Generated<number>;
  order_number: string;
  product_id: number | null;
  product_name: string;
  /** Planned quantity, > 0. */
  quantity: Numeric;
  produced_quantity: NumericDefault;
  rejected_quantity: NumericDefault;
  unit: Generated<string>;
  priority: Generated<OrderPriority>;
  due_date: DateText | null;
  environment_id: number;
  machine_id: number | null;
  scheduled_start: NullableTimestamp;
  scheduled_end: NullableTimestamp;
  scheduled_shift: string | null;
  notes: string | null;
  status: Generated<OrderStatus>;
  started_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  /** Archived = not null; only completed or cancelled orders. */
  archived_at: NullableTimestamp;
  created_by: number | null;
  version: Generated<number>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface OrderEventsTable {
  id: Generated<Int8>;
  order_id: number;
  event_type: OrderEventType;
  at: TimestampDefault;
  user_id: number | null;
  data: JsonObjectDefault;
}

/** parent_id null = a category (carries planned, oee_loss); otherwise a reason (inherits them). */
export interface StopReasonsTable {
  id: Generated<number>;
  parent_id: number | null;
  is_category: GeneratedAlways<boolean>;
  /** Internal: true when parent_id is set, for the "parent is a category" foreign key. */
  parent_is_category: GeneratedAlways<boolean | null>;
  code: string;
  name: string;
  planned: boolean | null;
  oee_loss: OeeLoss | null;
  active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface StopsTable {
  id: Generated<number>;
  machine_id: number;
  order_id: number | null;
  /** A reason of the tree, never a category; null until known. */
  reason_id: number | null;
  /** Internal: false when reason_id is set, for the "reason is not a category" foreign key. */
  reason_is_category: GeneratedAlways<boolean | null>;
  started_at: TimestampDefault;
  /** Null while the stop is open; at most one open stop per machine. */
  ended_at: NullableTimestamp;
  notes: string | null;
  reported_by: number | null;
  updated_by: number | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface WasteTable {
  id: Generated<number>;
  order_id: number;
  waste_type: WasteType;
  quantity: Numeric;
  unit: string;
  reason: string | null;
  cost: NullableNumeric;
  recorded_at: TimestampDefault;
  recorded_by: number | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

// ---------------------------------------------------------------- shifts and maturation

export interface LabourAssignmentsTable {
  id: Generated<number>;
  work_date: DateText;
  shift_code: string;
  /** Null = a plant-wide role. */
  machine_id: number | null;
  employee_id: number;
  role: LabourRole;
  notes: string | null;
  created_by: number | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface AttendanceTable {
  id: Generated<number>;
  work_date: DateText;
  shift_code: string;
  employee_id: number;
  status: AttendanceStatus;
  check_in_at: NullableTimestamp;
  notes: string | null;
  recorded_by: number | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface ShiftHandoversTable {
  id: Generated<number>;
  production_day: DateText;
  shift_code: string;
  environment_id: number | null;
  notes: string;
  author_id: number;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface MaturationBatchesTable {
  id: Generated<number>;
  batch_number: string;
  product_id: number | null;
  blend_name: string;
  quantity: Numeric;
  actual_quantity: NullableNumeric;
  unit: Generated<string>;
  started_on: DateText;
  expected_days: number;
  status: Generated<MaturationStatus>;
  completed_at: NullableTimestamp;
  notes: string | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface MaturationChecksTable {
  id: Generated<number>;
  batch_id: number;
  check_date: DateText;
  checked_at: TimestampDefault;
  temperature: NullableNumeric;
  humidity: NullableNumeric;
  ph: NullableNumeric;
  readings: JsonObjectDefault;
  notes: string | null;
  checked_by: number | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

// ---------------------------------------------------------------- the database

export interface Database {
  plant_settings: PlantSettingsTable;
  shift_pattern: ShiftPatternTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  event_outbox: EventOutboxTable;
  environments: EnvironmentsTable;
  machine_types: MachineTypesTable;
  machines: MachinesTable;
  products: ProductsTable;
  employees: EmployeesTable;
  crews: CrewsTable;
  crew_members: CrewMembersTable;
  production_orders: ProductionOrdersTable;
  order_events: OrderEventsTable;
  stop_reasons: StopReasonsTable;
  stops: StopsTable;
  waste: WasteTable;
  labour_assignments: LabourAssignmentsTable;
  attendance: AttendanceTable;
  shift_handovers: ShiftHandoversTable;
  maturation_batches: MaturationBatchesTable;
  maturation_checks: MaturationChecksTable;
}

// ---------------------------------------------------------------- row aliases

export type PlantSettingsRow = Selectable<PlantSettingsTable>;
export type ShiftPatternRow = Selectable<ShiftPatternTable>;

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

export type SessionRow = Selectable<SessionsTable>;
export type NewSession = Insertable<SessionsTable>;

export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLog = Insertable<AuditLogTable>;
export type EventOutboxRow = Selectable<EventOutboxTable>;
export type NewOutboxEvent = Insertable<EventOutboxTable>;

export type EnvironmentRow = Selectable<EnvironmentsTable>;
export type NewEnvironment = Insertable<EnvironmentsTable>;
export type EnvironmentUpdate = Updateable<EnvironmentsTable>;
export type MachineTypeRow = Selectable<MachineTypesTable>;

export type MachineRow = Selectable<MachinesTable>;
export type NewMachine = Insertable<MachinesTable>;
export type MachineUpdate = Updateable<MachinesTable>;

export type ProductRow = Selectable<ProductsTable>;
export type NewProduct = Insertable<ProductsTable>;

export type EmployeeRow = Selectable<EmployeesTable>;
export type NewEmployee = Insertable<EmployeesTable>;
export type EmployeeUpdate = Updateable<EmployeesTable>;
export type CrewRow = Selectable<CrewsTable>;
export type CrewMemberRow = Selectable<CrewMembersTable>;

export type OrderRow = Selectable<ProductionOrdersTable>;
export type NewOrder = Insertable<ProductionOrdersTable>;
export type OrderUpdate = Updateable<ProductionOrdersTable>;
export type OrderEventRow = Selectable<OrderEventsTable>;
export type NewOrderEvent = Insertable<OrderEventsTable>;

export type StopReasonRow = Selectable<StopReasonsTable>;
export type NewStopReason = Insertable<StopReasonsTable>;
export type StopRow = Selectable<StopsTable>;
export type NewStop = Insertable<StopsTable>;
export type StopUpdate = Updateable<StopsTable>;

export type WasteRow = Selectable<WasteTable>;
export type NewWaste = Insertable<WasteTable>;

export type LabourAssignmentRow = Selectable<LabourAssignmentsTable>;
export type NewLabourAssignment = Insertable<LabourAssignmentsTable>;
export type AttendanceRow = Selectable<AttendanceTable>;
export type NewAttendance = Insertable<AttendanceTable>;
export type ShiftHandoverRow = Selectable<ShiftHandoversTable>;
export type NewShiftHandover = Insertable<ShiftHandoversTable>;

export type MaturationBatchRow = Selectable<MaturationBatchesTable>;
export type NewMaturationBatch = Insertable<MaturationBatchesTable>;
export type MaturationBatchUpdate = Updateable<MaturationBatchesTable>;
export type MaturationCheckRow = Selectable<MaturationChecksTable>;
export type NewMaturationCheck = Insertable<MaturationChecksTable>;
