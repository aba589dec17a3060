import { z } from 'zod';
import { IdParams } from '../../common/api/common.js';
import {
  CreateMachineBody,
  Machine,
  MachineList,
  MachineListQuery,
  MachineVersionBody,
  SetMachineStatusBody,
  UpdateMachineBody,
} from '../../common/api/machines.js';
import { contextOf } from '../auth/actor.js';
import type { ZodApp } from '../http/zod-app.js';
import type { FeatureDeps } from '../routes.js';
import * as state from './machine-state.service.js';
import * as service from './machine.service.js';

const tags = ['master data'];

export function machineRoutes(app: ZodApp, { db, timeZone }: FeatureDeps): void {
  app.get(
    '/api/machines',
    { schema: { tags, querystring: MachineListQuery, response: { 200: MachineList } } },
    async (req) => ({ items: await service.listMachines(db, timeZone, req.query) }),
  );

  app.get(
    '/api/machines/:id',
    { schema: { tags, params: IdParams, response: { 200: Machine } } },
    async (req) => service.getMachine(db, timeZone, req.params.id),
  );

  app.post(
    '/api/machines',
    { schema: { tags, body: CreateMachineBody, response: { 201: Machine } } },
    async (req, reply) =>
      reply.status(201).send(await service.createMachine(db, contextOf(req), timeZone, req.body)),
  );

  app.patch(
    '/api/machines/:id',
    { schema: { tags, params: IdParams, body: UpdateMachineBody, response: { 200: Machine } } },
    async (req) => service.updateMachine(db, contextOf(req), timeZone, req.params.id, req.body),
  );

  app.post(
    '/api/machines/:id/status',
    { schema: { tags, params: IdParams, body: SetMachineStatusBody, response: { 200: Machine } } },
    async (req) => state.setMachineStatus(db, contextOf(req), timeZone, req.params.id, req.body),
  );

  // The body may be left out (Fastify then gives null).
  const optionalBody = MachineVersionBody.nullish();
  app.post(
    '/api/machines/:id/retire',
    { schema: { tags, params: IdParams, body: optionalBody, response: { 200: Machine } } },
    async (req) => state.retireMachine(db, contextOf(req), timeZone, req.params.id, req.body),
  );

  app.post(
    '/api/machines/:id/unretire',
    { schema: { tags, params: IdParams, body: optionalBody, response: { 200: Machine } } },
    async (req) => state.unretireMachine(db, contextOf(req), timeZone, req.params.id, req.body),
  );

  app.delete(
    '/api/machines/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.deleteMachine(db, contextOf(req), timeZone, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
