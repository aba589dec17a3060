import type { Migration } from 'kysely';
import * as m0001 from './0001_domain.js';
import * as m0002 from './0002_plant_time.js';

/** Every migration, in order. Names are permanent once released. */
export const migrations: Record<string, Migration> = {
  '0001_domain': m0001,
  '0002_plant_time': m0002,
};
