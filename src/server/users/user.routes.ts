import { IdParams } from '../../common/api/common.js';
import {
  CreateUserBody,
  UpdateUserBody,
  User,
  UserActionBody,
  UserList,
  UserListQuery,
} from '../../common/api/users.js';
import { contextOf } from '../auth/actor.js';
import type { ZodApp } from '../http/zod-app.js';
import type { FeatureDeps } from '../routes.js';
import { deactivateUser, reactivateUser, updateUser } from './user-admin.service.js';
import { addUser, getUser, listUsers } from './user.service.js';

const tags = ['users'];

/** Account administration (admins only, see the permission table); no self-registration. */
export function userRoutes(app: ZodApp, { db, timeZone }: FeatureDeps): void {
  app.get(
    '/api/users',
    { schema: { tags, querystring: UserListQuery, response: { 200: UserList } } },
    async (req) => listUsers(db, contextOf(req).actor.role, timeZone, req.query),
  );

  app.get(
    '/api/users/:id',
    { schema: { tags, params: IdParams, response: { 200: User } } },
    async (req) => getUser(db, contextOf(req).actor.role, timeZone, req.params.id),
  );

  app.post(
    '/api/users',
    { schema: { tags, body: CreateUserBody, response: { 201: User } } },
    async (req, reply) =>
      reply.status(201).send(await addUser(db, contextOf(req), timeZone, req.body)),
  );

  app.patch(
    '/api/users/:id',
    { schema: { tags, params: IdParams, body: UpdateUserBody, response: { 200: User } } },
    async (req) => updateUser(db, contextOf(req), timeZone, req.params.id, req.body),
  );

  app.post(
    '/api/users/:id/deactivate',
    { schema: { tags, params: IdParams, body: UserActionBody, response: { 200: User } } },
    async (req) => deactivateUser(db, contextOf(req), timeZone, req.params.id, req.body),
  );

  app.post(
    '/api/users/:id/reactivate',
    { schema: { tags, params: IdParams, body: UserActionBody, response: { 200: User } } },
    async (req) => reactivateUser(db, contextOf(req), timeZone, req.params.id, req.body),
  );
}
