import type { Kysely } from 'kysely';
import type {
  CreateProductBody,
  Product,
  ProductList,
  ProductListQuery,
  UpdateProductBody,
} from '../../common/api/products.js';
import type { RequestContext } from '../auth/actor.js';
import { recordAudit } from '../audit/audit.repository.js';
import { isForeignKeyViolation, translateDbError } from '../db/db-errors.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import * as repo from './product.repository.js';
import { presentProduct } from './product.presenter.js';

const NOT_FOUND = (id: number) => new AppError('not_found', `Product ${id} does not exist`);
const IN_USE = (what: string) =>
  new AppError(
    'conflict',
    `${what} is in use by orders or maturation batches and cannot be deleted; deactivate it instead`,
  );

/** A reference that appeared after the check still gets the "deactivate it instead" answer. */
function failDelete(e: unknown): never {
  if (isForeignKeyViolation(e)) throw IN_USE('The product');
  return translateDbError(e, 'product');
}

export async function listProducts(
  db: Kysely<Database>,
  query: ProductListQuery,
): Promise<ProductList> {
  const rows = await repo.listProducts(db, { ...query, limit: query.limit + 1 });
  return {
    items: rows.slice(0, query.limit).map(presentProduct),
    truncated: rows.length > query.limit,
  };
}

export async function createProduct(
  db: Kysely<Database>,
  ctx: RequestContext,
  body: CreateProductBody,
): Promise<Product> {
  return db
    .transaction()
    .execute(async (trx) => {
      const row = await repo.insertProduct(trx, {
        code: body.code,
        name: body.name,
        unit: body.unit,
        active: body.active,
      });
      const after = presentProduct(row);
      await recordAudit(trx, ctx, {
        action: 'create',
        entityType: 'product',
        entityId: row.id,
        after,
      });
      return after;
    })
    .catch((e: unknown) => translateDbError(e, 'product'));
}

export async function updateProduct(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: number,
  body: UpdateProductBody,
): Promise<Product> {
  return db
    .transaction()
    .execute(async (trx) => {
      const current = await repo.findProduct(trx, id, true);
      if (!current) throw NOT_FOUND(id);
      const before = presentProduct(current);
      const changes = { code: body.code, name: body.name, unit: body.unit, active: body.active };
      if (Object.values(changes).every((v) => v === undefined)) return before;
      const after = presentProduct(await repo.updateProduct(trx, id, changes));
      await recordAudit(trx, ctx, {
        action: 'update',
        entityType: 'product',
        entityId: id,
        before,
        after,
      });
      return after;
    })
    .catch((e: unknown) => translateDbError(e, 'product'));
}

/** Only a product no order or batch names can be deleted; otherwise deactivate it. */
export async function deleteProduct(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: number,
): Promise<void> {
  await db
    .transaction()
    .execute(async (trx) => {
      const current = await repo.findProduct(trx, id, true);
      if (!current) throw NOT_FOUND(id);
      if (await repo.productIsUsed(trx, id)) throw IN_USE(`Product ${current.code}`);
      await repo.deleteProduct(trx, id);
      await recordAudit(trx, ctx, {
        action: 'delete',
        entityType: 'product',
        entityId: id,
        before: presentProduct(current),
      });
    })
    .catch(failDelete);
}
