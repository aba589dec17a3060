import type { AssessContext } from '../../rules/context.js';
import type { SourceTable } from '../../source/schema.js';
import type { Lane, MapContext } from '../mapping.js';
import { downtimeEventsLane } from './downtime-events.js';
import { orderEventsLane } from './order-events.js';
import { productionOrdersLane } from './production-orders.js';
import { productionStopsLane } from './production-stops.js';
import { wasteRecordsLane } from './waste-records.js';

type LaneFactory = (table: SourceTable, actx: AssessContext, ctx: MapContext) => Lane | null;

const LANES: Record<string, LaneFactory> = {
  production_orders: productionOrdersLane,
  production_events: orderEventsLane,
  production_stops: productionStopsLane,
  downtime_events: downtimeEventsLane,
  waste_records: wasteRecordsLane,
};

/**
 * The import's lane for a source table, if it has one and the file's table fits it: plain rows
 * skip the general rules' objects and the reference round trip. `import` and `sync` (which hashes
 * every row as the import did) use lanes; `verify` always runs the rules, so it checks every lane
 * against them.
 */
export function laneFor(table: SourceTable, actx: AssessContext, ctx: MapContext): Lane | null {
  return LANES[table.name]?.(table, actx, ctx) ?? null;
}
