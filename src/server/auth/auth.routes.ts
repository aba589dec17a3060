import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ChangePasswordBody, LoginBody, MeResponse } from '../../common/api/auth.js';
import type { Database } from '../db/schema.js';
import type { ZodApp } from '../http/zod-app.js';
import { contextOf, type Actor } from './actor.js';
import { changePassword, login, logout, type SessionPolicy } from './auth.service.js';
import { SESSION_COOKIE } from './session-token.js';

export interface AuthRouteOptions {
  db: Kysely<Database>;
  policy: SessionPolicy;
}

function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  policy: SessionPolicy,
) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
    maxAge: policy.maxAgeMinutes * 60,
  });
}

const present = (a: Actor): MeResponse => ({
  user: { id: a.id, username: a.username, displayName: a.displayName, role: a.role },
});

export function authRoutes(app: ZodApp, o: AuthRouteOptions): void {
  app.post(
    '/api/auth/login',
    { schema: { tags: ['auth'], body: LoginBody, response: { 200: MeResponse } } },
    async (req, reply) => {
      const { token, actor } = await login(o.db, o.policy, {
        ...req.body,
        ip: req.ip,
        userAgent: req.headers['user-agent']?.slice(0, 500) ?? null,
      });
      setSessionCookie(req, reply, token, o.policy);
      return present(actor);
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], response: { 204: z.null() } } },
    async (req, reply) => {
      await logout(o.db, contextOf(req).actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], response: { 200: MeResponse } } },
    async (req) => present(contextOf(req).actor),
  );

  app.post(
    '/api/auth/password',
    { schema: { tags: ['auth'], body: ChangePasswordBody, response: { 204: z.null() } } },
    async (req, reply) => {
      const { token } = await changePassword(o.db, o.policy, contextOf(req), req.body);
      setSessionCookie(req, reply, token, o.policy);
      return reply.status(204).send(null);
    },
  );
}
