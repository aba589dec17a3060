import { z } from 'zod';
import { notes, slug, text } from './common.js';

/** A kind of machine ('mixer', 'filler', …). */
export const MachineType = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
});
export type MachineType = z.infer<typeof MachineType>;

export const CreateMachineTypeBody = z.strictObject({
  /** Lower-case letters, digits, '-' and '_': 'ribbon-mixer'. */
  code: slug,
  name: text(100),
  description: notes(1000).optional(),
});
export type CreateMachineTypeBody = z.infer<typeof CreateMachineTypeBody>;

export const UpdateMachineTypeBody = CreateMachineTypeBody.partial();
export type UpdateMachineTypeBody = z.infer<typeof UpdateMachineTypeBody>;

export const MachineTypeList = z.object({ items: z.array(MachineType) });
export type MachineTypeList = z.infer<typeof MachineTypeList>;
