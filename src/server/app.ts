import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import { registerErrorHandling } from './http/error-handler.js';
import { WEB_DIST_DIR } from './paths.js';
import { systemRoutes } from './system/system.routes.js';

export interface AppOptions {
  db: Kysely<Database>;
  timeZone: string;
  logger?: FastifyServerOptions['logger'];
  /** Built web app to serve at `/`; default dist/web. Skipped when the folder is missing. */
  webDir?: string;
  bodyLimitBytes?: number;
}

/** Builds the Fastify app; used by the server and by the tests (via inject or a port). */
export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit: o.bodyLimitBytes ?? 256 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdLogLabel: 'requestId',
    disableRequestLogging: false,
    trustProxy: false,
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });
  registerErrorHandling(app);
  systemRoutes(app, { db: o.db, timeZone: o.timeZone });
  await serveWeb(app, o.webDir ?? WEB_DIST_DIR);
  return app;
}

async function serveWeb(app: FastifyInstance, dir: string): Promise<void> {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return;
  await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: false });
  // Single-page app: any GET outside /api that is not a file gets index.html.
  const spa = (req: FastifyRequest, reply: FastifyReply) => {
    if (req.url.startsWith('/api/') || req.url === '/api') return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  };
  app.get('/', spa);
  app.get('/*', spa);
}
