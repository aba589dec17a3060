import { z } from 'zod';
import { IdParams } from '../../common/api/common.js';
import {
  CreateProductBody,
  Product,
  ProductList,
  ProductListQuery,
  UpdateProductBody,
} from '../../common/api/products.js';
import { contextOf } from '../auth/actor.js';
import type { ZodApp } from '../http/zod-app.js';
import type { FeatureDeps } from '../routes.js';
import * as service from './product.service.js';

const tags = ['master data'];

export function productRoutes(app: ZodApp, { db }: FeatureDeps): void {
  app.get(
    '/api/products',
    { schema: { tags, querystring: ProductListQuery, response: { 200: ProductList } } },
    async (req) => service.listProducts(db, req.query),
  );

  app.post(
    '/api/products',
    { schema: { tags, body: CreateProductBody, response: { 201: Product } } },
    async (req, reply) =>
      reply.status(201).send(await service.createProduct(db, contextOf(req), req.body)),
  );

  app.patch(
    '/api/products/:id',
    { schema: { tags, params: IdParams, body: UpdateProductBody, response: { 200: Product } } },
    async (req) => service.updateProduct(db, contextOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/products/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.deleteProduct(db, contextOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
