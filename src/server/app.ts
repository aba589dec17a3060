import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, {
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import { registerErrorHandling } from './http/error-handler.js';
import { responseSerializer } from './http/response-serializer.js';
import { WEB_DIST_DIR } from './paths.js';
import type { ZodApp } from './http/zod-app.js';
import { systemRoutes } from './system/system.routes.js';
import { registerAuthorization } from './auth/auth.hook.js';
import type { SessionPolicy } from './auth/auth.service.js';
import { DOCS_PREFIX } from '../common/permissions.js';
import { authRoutes } from './auth/auth.routes.js';
import { featureRoutes } from './routes.js';

export interface AppOptions {
  db: Kysely<Database>;
  timeZone: string;
  session: SessionPolicy;
  logger?: FastifyServerOptions['logger'];
  /** Built web app to serve at `/`; default dist/web. Skipped when the folder is missing. */
  webDir?: string;
  bodyLimitBytes?: number;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* (client address, https → Secure cookie). */
  trustProxy?: boolean;
  /** Also check every response against its Zod schema (default on; the server turns it off in production). */
  checkResponses?: boolean;
}

/** Builds the Fastify app; used by the server and by the tests (via inject or a port). */
export async function buildApp(o: AppOptions): Promise<ZodApp> {
  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit: o.bodyLimitBytes ?? 256 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: o.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer(o.checkResponses ?? true));
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });
  registerErrorHandling(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Shopfloor API', version: '1' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sf_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX });
  registerAuthorization(app, o.db, o.session);
  systemRoutes(app, { db: o.db, timeZone: o.timeZone });
  authRoutes(app, { db: o.db, policy: o.session });
  featureRoutes(app, { db: o.db, timeZone: o.timeZone });
  await serveWeb(app, o.webDir ?? WEB_DIST_DIR);
  return app;
}

async function serveWeb(app: ZodApp, dir: string): Promise<void> {
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
