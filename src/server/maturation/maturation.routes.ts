import { IdParams } from '../../common/api/common.js';
import {
  CreateMaturationBody,
  MaturationBatch,
  MaturationBatchDetail,
  MaturationCheck,
  MaturationList,
  MaturationListQuery,
  MaturationOverdue,
  RecordCheckBody,
  UpdateMaturationBody,
} from '../../common/api/maturation.js';
import { contextOf } from '../auth/actor.js';
import type { ZodApp } from '../http/zod-app.js';
import type { FeatureDeps } from '../routes.js';
import { recordCheck } from './maturation-check.service.js';
import * as service from './maturation.service.js';

const tags = ['maturation'];

export function maturationRoutes(app: ZodApp, { db, timeZone }: FeatureDeps): void {
  app.get(
    '/api/maturation',
    { schema: { tags, querystring: MaturationListQuery, response: { 200: MaturationList } } },
    async (req) => service.listBatches(db, req.query, timeZone),
  );

  app.get(
    '/api/maturation/overdue',
    { schema: { tags, response: { 200: MaturationOverdue } } },
    async () => service.listOverdue(db, timeZone),
  );

  app.get(
    '/api/maturation/:id',
    { schema: { tags, params: IdParams, response: { 200: MaturationBatchDetail } } },
    async (req) => service.getBatch(db, req.params.id, timeZone),
  );

  app.post(
    '/api/maturation',
    { schema: { tags, body: CreateMaturationBody, response: { 201: MaturationBatch } } },
    async (req, reply) =>
      reply.status(201).send(await service.createBatch(db, contextOf(req), req.body, timeZone)),
  );

  app.patch(
    '/api/maturation/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateMaturationBody,
        response: { 200: MaturationBatch },
      },
    },
    async (req) => service.updateBatch(db, contextOf(req), req.params.id, req.body, timeZone),
  );

  app.post(
    '/api/maturation/:id/checks',
    {
      schema: { tags, params: IdParams, body: RecordCheckBody, response: { 201: MaturationCheck } },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await recordCheck(db, contextOf(req), req.params.id, req.body, timeZone)),
  );
}
