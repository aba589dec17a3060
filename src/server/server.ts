import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { migrateToLatest } from './db/migrate.js';
import { openDatabase, type OpenedDatabase } from './db/open.js';
import { recordPlantTimeZone } from './plant/plant.repository.js';
import { isDatabaseEmpty, seedDemoPlant, type DemoLogin } from './seed/demo.js';
import { StartupError } from './startup-error.js';
import { sessionPolicy } from './auth/session-secret.js';

export interface RunningServer {
  app: FastifyInstance;
  database: OpenedDatabase;
  url: string;
  /** Demo logins created by this start (first start on an empty embedded database). */
  demoLogins: DemoLogin[];
  close(): Promise<void>;
}

export interface StartOptions {
  log?: (line: string) => void;
}

function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  const pretty = process.stdout.isTTY && config.NODE_ENV !== 'production';
  return {
    level: config.LOG_LEVEL,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
}

/** config → database → migrate → (demo seed) → listen. */
export async function startServer(config: Config, o: StartOptions = {}): Promise<RunningServer> {
  const log = o.log ?? (() => undefined);
  const database = await openDatabase(config, {
    log,
    namedStatements: true,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  let app: FastifyInstance | undefined;
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
    await recordPlantTimeZone(database.db, config.PLANT_TIME_ZONE);
    let demoLogins: DemoLogin[] = [];
    if (database.embedded && (await isDatabaseEmpty(database.db))) {
      log('Empty database: seeding the demo plant');
      demoLogins = await seedDemoPlant(database.db);
    }
    app = await buildApp({
      db: database.db,
      timeZone: config.PLANT_TIME_ZONE,
      session: await sessionPolicy(config),
      trustProxy: config.TRUST_PROXY,
      logger: loggerOptions(config),
      checkResponses: config.NODE_ENV !== 'production',
    });
    await listen(app, config);
    const shown = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const started = app;
    return {
      app: started,
      database,
      url: `http://${shown}:${port}`,
      demoLogins,
      close: async () => {
        await started.close();
        await database.close();
      },
    };
  } catch (e) {
    await app?.close();
    await database.close();
    throw e;
  }
}

async function listen(app: FastifyInstance, config: Config): Promise<void> {
  try {
    await app.listen({ host: config.HOST, port: config.PORT });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new StartupError(
        `Port ${config.PORT} on ${config.HOST} is already in use; stop the other program or set PORT`,
      );
    }
    if (code === 'EACCES') {
      throw new StartupError(`Not allowed to listen on port ${config.PORT}; use a port above 1024`);
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new StartupError(`HOST ${config.HOST} is not an address of this machine`);
    }
    throw e;
  }
}
