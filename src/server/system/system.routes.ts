import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { NotReadyResponse, ReadyResponse } from '../../common/api/system.js';
import type { Database } from '../db/schema.js';
import { migrationStatus } from '../db/migrate.js';
import { plantClock } from '../plant/plant-clock.service.js';

export interface SystemRouteOptions {
  db: Kysely<Database>;
  timeZone: string;
}

/** Health (process is up) and readiness (database answers, schema current), both public. */
export function systemRoutes(app: FastifyInstance, o: SystemRouteOptions): void {
  app.get('/api/health', async () => ({ status: 'ok' as const }));

  app.get('/api/ready', async (req, reply) => {
    let pending: boolean;
    try {
      await sql`select 1`.execute(o.db);
      pending = (await migrationStatus(o.db)).pending.length > 0;
    } catch (err) {
      req.log.warn({ err }, 'readiness: database unreachable');
      const body: NotReadyResponse = { status: 'unavailable', reason: 'database_unreachable' };
      return reply.status(503).send(body);
    }
    if (pending) {
      const body: NotReadyResponse = { status: 'unavailable', reason: 'migrations_pending' };
      return reply.status(503).send(body);
    }
    const body: ReadyResponse = { status: 'ready', plant: await plantClock(o.db, o.timeZone) };
    return body;
  });
}
