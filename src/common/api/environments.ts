import { z } from 'zod';
import { text } from './common.js';

export const Environment = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  colour: z.string().nullable(),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type Environment = z.infer<typeof Environment>;

const colour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1971c2')
  .nullable();

/** The area's code, as in the legacy data: 'blending', 'milk-powder'. */
const environmentCode = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    'must be lower-case letters and digits, words joined by dashes',
  )
  .max(64, 'must be at most 64 characters');

export const CreateEnvironmentBody = z.strictObject({
  code: environmentCode,
  name: text(100),
  colour: colour.optional(),
  active: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});
export type CreateEnvironmentBody = z.infer<typeof CreateEnvironmentBody>;

export const UpdateEnvironmentBody = CreateEnvironmentBody.partial();
export type UpdateEnvironmentBody = z.infer<typeof UpdateEnvironmentBody>;

export const EnvironmentList = z.object({ items: z.array(Environment) });
