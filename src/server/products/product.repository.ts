import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, ProductsTable } from '../db/schema.js';

export type ProductRow = Selectable<ProductsTable>;

/** `%`, `_` and `\` taken literally inside a LIKE pattern. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function listProducts(
  db: Kysely<Database>,
  f: { search?: string; active?: boolean; limit: number },
) {
  let q = db.selectFrom('products').selectAll();
  if (f.search) {
    const pattern = `%${likeLiteral(f.search)}%`;
    q = q.where((eb) => eb.or([eb('code', 'ilike', pattern), eb('name', 'ilike', pattern)]));
  }
  if (f.active !== undefined) q = q.where('active', '=', f.active);
  return q.orderBy('name').orderBy('id').limit(f.limit).execute();
}

export function findProduct(db: Kysely<Database>, id: number, forUpdate = false) {
  let q = db.selectFrom('products').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function insertProduct(db: Kysely<Database>, row: Insertable<ProductsTable>) {
  return db.insertInto('products').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateProduct(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<ProductsTable>,
) {
  return db
    .updateTable('products')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** True when an order or a maturation batch names this product. */
export async function productIsUsed(db: Kysely<Database>, id: number): Promise<boolean> {
  const r = await db
    .selectNoFrom((eb) => [
      eb
        .or([
          eb.exists(eb.selectFrom('production_orders').select('id').where('product_id', '=', id)),
          eb.exists(eb.selectFrom('maturation_batches').select('id').where('product_id', '=', id)),
        ])
        .as('used'),
    ])
    .executeTakeFirstOrThrow();
  return r.used === true;
}

export async function deleteProduct(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('products').where('id', '=', id).execute();
}
