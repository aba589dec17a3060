import { z } from 'zod';
import { IdParams } from '../../common/api/common.js';
import {
  OrderWasteList,
  RecordWasteBody,
  UpdateWasteBody,
  Waste,
  WasteList,
  WasteListQuery,
} from '../../common/api/waste.js';
import { contextOf } from '../auth/actor.js';
import type { ZodApp } from '../http/zod-app.js';
import type { FeatureDeps } from '../routes.js';
import * as service from './waste.service.js';

const tags = ['waste'];

export function wasteRoutes(app: ZodApp, { db, timeZone }: FeatureDeps): void {
  app.get(
    '/api/orders/:id/waste',
    { schema: { tags, params: IdParams, response: { 200: OrderWasteList } } },
    async (req) => service.listOrderWaste(db, req.params.id, timeZone),
  );

  app.post(
    '/api/orders/:id/waste',
    { schema: { tags, params: IdParams, body: RecordWasteBody, response: { 201: Waste } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.recordWaste(db, contextOf(req), req.params.id, req.body, timeZone)),
  );

  app.get(
    '/api/waste',
    { schema: { tags, querystring: WasteListQuery, response: { 200: WasteList } } },
    async (req) => service.listWaste(db, req.query, timeZone),
  );

  app.patch(
    '/api/waste/:id',
    { schema: { tags, params: IdParams, body: UpdateWasteBody, response: { 200: Waste } } },
    async (req) => service.updateWaste(db, contextOf(req), req.params.id, req.body, timeZone),
  );

  app.delete(
    '/api/waste/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.deleteWaste(db, contextOf(req), req.params.id, timeZone);
      return reply.status(204).send(null);
    },
  );
}
