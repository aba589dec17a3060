import type { Product } from '../../common/api/products.js';
import type { ProductRow } from './product.repository.js';

export const presentProduct = (r: ProductRow): Product => ({
  id: r.id,
  code: r.code,
  name: r.name,
  unit: r.unit,
  active: r.active,
});
