import { IdParams } from '../../common/api/common.js';
import {
  CloseStopBody,
  OpenStopBody,
  Stop,
  StopList,
  StopListQuery,
  UpdateStopBody,
} from '../../common/api/stops.js';
import { contextOf } from '../auth/actor.js';
import type { ZodApp } from '../http/zod-app.js';
import type { FeatureDeps } from '../routes.js';
import * as service from './stop.service.js';

const tags = ['stops'];

export function stopRoutes(app: ZodApp, { db, timeZone }: FeatureDeps): void {
  app.get(
    '/api/stops',
    { schema: { tags, querystring: StopListQuery, response: { 200: StopList } } },
    async (req) => service.listStops(db, req.query, timeZone),
  );

  app.get(
    '/api/stops/:id',
    { schema: { tags, params: IdParams, response: { 200: Stop } } },
    async (req) => service.getStop(db, req.params.id, timeZone),
  );

  app.post(
    '/api/stops',
    { schema: { tags, body: OpenStopBody, response: { 201: Stop } } },
    async (req, reply) =>
      reply.status(201).send(await service.openMachineStop(db, contextOf(req), req.body, timeZone)),
  );

  app.post(
    '/api/stops/:id/close',
    {
      schema: { tags, params: IdParams, body: CloseStopBody.nullish(), response: { 200: Stop } },
    },
    async (req) => service.closeStop(db, contextOf(req), req.params.id, req.body ?? {}, timeZone),
  );

  app.patch(
    '/api/stops/:id',
    { schema: { tags, params: IdParams, body: UpdateStopBody, response: { 200: Stop } } },
    async (req) => service.updateStop(db, contextOf(req), req.params.id, req.body, timeZone),
  );
}
