import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { ZodApp } from './http/zod-app.js';
import { environmentRoutes } from './environments/environment.routes.js';

export interface FeatureDeps {
  db: Kysely<Database>;
  timeZone: string;
}

/** Every feature's routes; each feature folder exports one `xRoutes(app, deps)`. */
export function featureRoutes(app: ZodApp, deps: FeatureDeps): void {
  environmentRoutes(app, deps);
}
