import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { ZodApp } from './http/zod-app.js';
import { environmentRoutes } from './environments/environment.routes.js';
import { machineTypeRoutes } from './machine-types/machine-type.routes.js';
import { machineRoutes } from './machines/machine.routes.js';
import { stopReasonRoutes } from './stop-reasons/stop-reason.routes.js';
import { productRoutes } from './products/product.routes.js';
import { orderRoutes } from './orders/order.routes.js';
import { stopRoutes } from './stops/stop.routes.js';
import { wasteRoutes } from './waste/waste.routes.js';
import { maturationRoutes } from './maturation/maturation.routes.js';
import { userRoutes } from './users/user.routes.js';

export interface FeatureDeps {
  db: Kysely<Database>;
  timeZone: string;
}

/** Every feature's routes; each feature folder exports one `xRoutes(app, deps)`. */
export function featureRoutes(app: ZodApp, deps: FeatureDeps): void {
  environmentRoutes(app, deps);
  machineTypeRoutes(app, deps);
  machineRoutes(app, deps);
  stopReasonRoutes(app, deps);
  productRoutes(app, deps);
  orderRoutes(app, deps);
  stopRoutes(app, deps);
  wasteRoutes(app, deps);
  maturationRoutes(app, deps);
  userRoutes(app, deps);
}
