import type { Migration } from 'kysely';
import * as m0001 from './0001_domain.js';
import * as m0002 from './0002_plant_time.js';
import * as m0003 from './0003_order_indexes.js';
import * as m0004 from './0004_legacy.js';
import * as m0005 from './0005_open_order_indexes.js';
import * as m0006 from './0006_order_statistics.js';
import * as m0007 from './0007_legacy_deferred.js';
import * as m0008 from './0008_legacy_c_collation.js';

/** Every migration, in order. Names are permanent once released. */
export const migrations: Record<string, Migration> = {
  '0001_domain': m0001,
  '0002_plant_time': m0002,
  '0003_order_indexes': m0003,
  '0004_legacy': m0004,
  '0005_open_order_indexes': m0005,
  '0006_order_statistics': m0006,
  '0007_legacy_deferred': m0007,
  '0008_legacy_c_collation': m0008,
};
