import type { FastifyRequest } from 'fastify';
import type { Role } from '../../common/roles.js';

/** The signed-in user, always taken from the session, never from the request body. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  sessionId: string;
}

/** Who did it and from where: passed from routes to services for audit records. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  ip: string;
  userAgent: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The context of a request whose route needs a session (the auth hook guarantees an actor). */
export function contextOf(req: FastifyRequest): RequestContext {
  if (!req.actor) throw new Error(`route ${req.routeOptions.url} needs a session`);
  return {
    actor: req.actor,
    requestId: req.id,
    ip: req.ip,
    userAgent: req.headers['user-agent']?.slice(0, 500) ?? null,
  };
}
