import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import type { ZodApp } from '../http/zod-app.js';
import { resolveSession, type SessionPolicy } from './auth.service.js';
import { accessFor, roleAllows, routeKey } from '../../common/permissions.js';
import { SESSION_COOKIE } from './session-token.js';

/**
 * Every /api route must have a line in the permission table (checked as routes are added),
 * and every request is checked against it before its body is even parsed.
 */
export function registerAuthorization(app: ZodApp, db: Kysely<Database>, policy: SessionPolicy) {
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      if (accessFor(m, route.url) === undefined) {
        throw new Error(`Route ${routeKey(m, route.url)} has no entry in the permission table`);
      }
    }
  });

  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    const url = req.routeOptions.url;
    if (url === undefined || !url.startsWith('/api')) return; // 404s and the web app
    const access = accessFor(req.method, url);
    if (access === undefined) throw new AppError('forbidden', 'This route is not permitted');
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.actor = await resolveSession(db, policy, token);
    if (access === 'public') return;
    if (!req.actor) throw new AppError('unauthenticated', 'Sign in first');
    if (!roleAllows(req.actor.role, access)) {
      throw new AppError('forbidden', `This needs the ${access} role or higher`);
    }
  });
}
