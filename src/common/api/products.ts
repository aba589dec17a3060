import { z } from 'zod';
import { text } from './common.js';

/** An entry of the optional product catalogue (an order may also name a product freely). */
export const Product = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  active: z.boolean(),
});
export type Product = z.infer<typeof Product>;

/** A `?flag=true|false` query parameter, as a boolean. */
const flag = z
  .enum(['true', 'false'], { message: "must be 'true' or 'false'" })
  .transform((v) => v === 'true');

export const ProductListQuery = z.strictObject({
  /** Matches code or name, case-insensitive, anywhere in the text. */
  search: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  /** Omitted: all products; 'true': active only; 'false': inactive only. */
  active: flag.optional(),
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .default(500),
});
export type ProductListQuery = z.infer<typeof ProductListQuery>;

export const CreateProductBody = z.strictObject({
  code: text(64),
  name: text(200),
  /** Defaults to 'units'. */
  unit: text(32).optional(),
  active: z.boolean().optional(),
});
export type CreateProductBody = z.infer<typeof CreateProductBody>;

export const UpdateProductBody = CreateProductBody.partial();
export type UpdateProductBody = z.infer<typeof UpdateProductBody>;

/** Sorted by name; at most `limit` items (`truncated` says more matched). */
export const ProductList = z.object({ items: z.array(Product), truncated: z.boolean() });
export type ProductList = z.infer<typeof ProductList>;
