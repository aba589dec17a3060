import { z } from 'zod';
import { IdParams } from '../../common/api/common.js';
import {
  CreateMachineTypeBody,
  MachineType,
  MachineTypeList,
  UpdateMachineTypeBody,
} from '../../common/api/machine-types.js';
import { contextOf } from '../auth/actor.js';
import type { ZodApp } from '../http/zod-app.js';
import type { FeatureDeps } from '../routes.js';
import * as service from './machine-type.service.js';

const tags = ['master data'];

export function machineTypeRoutes(app: ZodApp, { db }: FeatureDeps): void {
  app.get(
    '/api/machine-types',
    { schema: { tags, response: { 200: MachineTypeList } } },
    async () => ({ items: await service.listMachineTypes(db) }),
  );

  app.post(
    '/api/machine-types',
    { schema: { tags, body: CreateMachineTypeBody, response: { 201: MachineType } } },
    async (req, reply) =>
      reply.status(201).send(await service.createMachineType(db, contextOf(req), req.body)),
  );

  app.patch(
    '/api/machine-types/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateMachineTypeBody,
        response: { 200: MachineType },
      },
    },
    async (req) => service.updateMachineType(db, contextOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/machine-types/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.deleteMachineType(db, contextOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
