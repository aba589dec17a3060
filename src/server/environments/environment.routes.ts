import { IdParams } from '../../common/api/common.js';
import {
  CreateEnvironmentBody,
  Environment,
  EnvironmentList,
  UpdateEnvironmentBody,
} from '../../common/api/environments.js';
import { contextOf } from '../auth/actor.js';
import type { ZodApp } from '../http/zod-app.js';
import type { FeatureDeps } from '../routes.js';
import * as service from './environment.service.js';
import { z } from 'zod';

const tags = ['master data'];

export function environmentRoutes(app: ZodApp, { db }: FeatureDeps): void {
  app.get(
    '/api/environments',
    { schema: { tags, response: { 200: EnvironmentList } } },
    async () => ({
      items: await service.listEnvironments(db),
    }),
  );

  app.post(
    '/api/environments',
    { schema: { tags, body: CreateEnvironmentBody, response: { 201: Environment } } },
    async (req, reply) =>
      reply.status(201).send(await service.createEnvironment(db, contextOf(req), req.body)),
  );

  app.patch(
    '/api/environments/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateEnvironmentBody,
        response: { 200: Environment },
      },
    },
    async (req) => service.updateEnvironment(db, contextOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/environments/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.deleteEnvironment(db, contextOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
