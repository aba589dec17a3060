import { z } from 'zod';

/** `:id` in a path: a positive 32-bit integer. */
export const IdParams = z.strictObject({
  id: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .positive('must be positive')
    .max(2_147_483_647, 'is too large'),
});
export type IdParams = z.infer<typeof IdParams>;

/** A trimmed, non-empty line of text with a maximum length. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !v.includes('\u0000'), 'must not contain NUL characters');

/** Optional free text: empty becomes null. */
export const notes = (max = 4000) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !v.includes('\u0000'), 'must not contain NUL characters')
    .transform((v) => (v === '' ? null : v))
    .nullable();

/** A lower-case slug such as 'milk-powder'. */
export const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+([_-][a-z0-9]+)*$/, 'must be lower-case letters, digits and dashes')
  .max(64, 'must be at most 64 characters');

/** ISO 8601 instant with an explicit offset (or Z), as the API speaks it. */
export const instant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 time with offset',
});

/** A plant day 'YYYY-MM-DD'. */
export const day = z.iso.date({ message: 'must be a date YYYY-MM-DD' });

/** A version number for optimistic concurrency. */
export const version = z.number().int().positive();

export const Deleted = z.null();
