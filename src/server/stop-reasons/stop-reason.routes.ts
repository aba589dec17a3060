import { z } from 'zod';
import { IdParams } from '../../common/api/common.js';
import {
  CreateStopReasonBody,
  StopReason,
  StopReasonTree,
  StopReasonTreeQuery,
  UpdateStopReasonBody,
} from '../../common/api/stop-reasons.js';
import { contextOf } from '../auth/actor.js';
import type { ZodApp } from '../http/zod-app.js';
import type { FeatureDeps } from '../routes.js';
import * as service from './stop-reason.service.js';

const tags = ['master data'];

export function stopReasonRoutes(app: ZodApp, { db }: FeatureDeps): void {
  app.get(
    '/api/stop-reasons',
    { schema: { tags, querystring: StopReasonTreeQuery, response: { 200: StopReasonTree } } },
    async (req) => ({
      items: await service.stopReasonTree(db, req.query.includeInactive ?? false),
    }),
  );

  app.post(
    '/api/stop-reasons',
    { schema: { tags, body: CreateStopReasonBody, response: { 201: StopReason } } },
    async (req, reply) =>
      reply.status(201).send(await service.createStopReason(db, contextOf(req), req.body)),
  );

  app.patch(
    '/api/stop-reasons/:id',
    {
      schema: { tags, params: IdParams, body: UpdateStopReasonBody, response: { 200: StopReason } },
    },
    async (req) => service.updateStopReason(db, contextOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/stop-reasons/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.deleteStopReason(db, contextOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
