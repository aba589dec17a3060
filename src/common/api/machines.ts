import { z } from 'zod';
import { instant, notes, text, version } from './common.js';

export const MACHINE_STATUSES = [
  'available',
  'in_use',
  'paused',
  'maintenance',
  'offline',
] as const;
export const MachineStatus = z.enum(MACHINE_STATUSES);
export type MachineStatus = z.infer<typeof MachineStatus>;

/** The statuses a supervisor sets by hand; `in_use` and `paused` follow the machine's orders. */
export const MANUAL_MACHINE_STATUSES = ['available', 'maintenance', 'offline'] as const;

/** Roles whose head count a machine needs per shift. */
export const STAFFING_ROLES = [
  'operator',
  'hopper_loader',
  'packer',
  'supervisor',
  'forklift_driver',
] as const;
export type StaffingRole = (typeof STAFFING_ROLES)[number];

const headCount = z
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more')
  .max(50, 'must be at most 50');

/** Head count per role, e.g. { operator: 1, hopper_loader: 1, packer: 2 }; roles not named need nobody. */
export const Staffing = z.object({
  operator: z.number().int().optional(),
  hopper_loader: z.number().int().optional(),
  packer: z.number().int().optional(),
  supervisor: z.number().int().optional(),
  forklift_driver: z.number().int().optional(),
});
export type Staffing = z.infer<typeof Staffing>;

/** Staffing as sent by the client: only the known roles, whole numbers 0..50. */
export const StaffingInput = z.strictObject({
  operator: headCount.optional(),
  hopper_loader: headCount.optional(),
  packer: headCount.optional(),
  supervisor: headCount.optional(),
  forklift_driver: headCount.optional(),
});

/** The order running (in progress or paused) on a machine. */
export const RunningOrder = z.object({
  id: z.number().int(),
  orderNumber: z.string(),
  productName: z.string(),
  status: z.enum(['in_progress', 'paused']),
  quantity: z.number(),
  producedQuantity: z.number(),
  unit: z.string(),
  startedAt: instant.nullable(),
});
export type RunningOrder = z.infer<typeof RunningOrder>;

/** The machine's open stop; the client computes its running duration from `startedAt`. */
export const OpenStop = z.object({
  id: z.number().int(),
  orderId: z.number().int().nullable(),
  startedAt: instant,
  /** Null until someone names the reason. */
  reason: z
    .object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      categoryName: z.string(),
      planned: z.boolean(),
    })
    .nullable(),
  notes: z.string().nullable(),
});
export type OpenStop = z.infer<typeof OpenStop>;

export const Machine = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  environment: z.object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    colour: z.string().nullable(),
  }),
  type: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
  status: MachineStatus,
  /** Units per hour: the ideal rate for OEE performance. */
  ratedSpeed: z.number().nullable(),
  staffing: Staffing,
  notes: z.string().nullable(),
  /** Set when the machine is retired (kept for history, hidden from boards). */
  retiredAt: instant.nullable(),
  version: z.number().int(),
  runningOrder: RunningOrder.nullable(),
  openStop: OpenStop.nullable(),
});
export type Machine = z.infer<typeof Machine>;

/** A `?flag=true|false` query parameter, as a boolean. */
const flag = z
  .enum(['true', 'false'], { message: "must be 'true' or 'false'" })
  .transform((v) => v === 'true');

const id = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .positive('must be positive')
  .max(2_147_483_647, 'is too large');

export const MachineListQuery = z.strictObject({
  environmentId: id.optional(),
  /** An environment's code ('blending'); an unknown code gives an empty list. */
  environment: z.string().trim().min(1).max(64, 'must be at most 64 characters').optional(),
  status: MachineStatus.optional(),
  /** Retired machines are left out unless this is 'true'. */
  includeRetired: flag.optional(),
});
export type MachineListQuery = z.infer<typeof MachineListQuery>;

/** Sorted by environment (its sort order, then name), then machine code. */
export const MachineList = z.object({ items: z.array(Machine) });
export type MachineList = z.infer<typeof MachineList>;

const ratedSpeed = z
  .number({ message: 'must be a number' })
  .positive('must be more than 0')
  .max(100_000_000, 'is too large')
  .nullable();

export const CreateMachineBody = z.strictObject({
  code: text(64),
  name: text(200),
  environmentId: z.number().int().positive(),
  machineTypeId: z.number().int().positive().nullable().optional(),
  ratedSpeed: ratedSpeed.optional(),
  staffing: StaffingInput.optional(),
  notes: notes().optional(),
});
export type CreateMachineBody = z.infer<typeof CreateMachineBody>;

/** Planned fields; `version` is the one the edit was based on (stale → 409 with the current machine). */
export const UpdateMachineBody = CreateMachineBody.partial().extend({ version });
export type UpdateMachineBody = z.infer<typeof UpdateMachineBody>;

export const SetMachineStatusBody = z.strictObject({
  status: z.enum(MANUAL_MACHINE_STATUSES, {
    message: "must be 'available', 'maintenance' or 'offline' (in_use and paused follow orders)",
  }),
  version: version.optional(),
});
export type SetMachineStatusBody = z.infer<typeof SetMachineStatusBody>;

/** Body of retire / unretire (may be empty). */
export const MachineVersionBody = z.strictObject({ version: version.optional() });
export type MachineVersionBody = z.infer<typeof MachineVersionBody>;
