import type { AssessContext } from '../../rules/context.js';
import type { SourceTable } from '../../source/schema.js';
import { EVENT_TYPE, mapLegacyEnum, type EnumOutcome } from '../../values/enums.js';
import { instantText } from '../instant.js';
import type { Json } from '../json.js';
import type { Lane, MapContext } from '../mapping.js';
import { pgSafeText } from '../pg-text.js';
import { TARGETS } from '../targets.js';
import { targetRow } from '../settle.js';
import { hasExactly, plainInstant, plainRef } from './common.js';

const COLUMNS = ['id', 'order_id', 'event_type', 'description', 'timestamp'];

/**
 * production_events → order_events for plain rows: an existing, imported order; a known event
 * type spelt as text; a description that is text or NULL; a time that parses as an instant.
 * What it makes of such a row is what the rules (catalog, rules/columns.ts and tables.ts), the
 * builder (mappers/builders.ts) and settle make of it; test/legacy/lanes.test.ts holds it to
 * that over every quirk of the generator. Any other row goes through the rules.
 */
export function orderEventsLane(
  table: SourceTable,
  actx: AssessContext,
  ctx: MapContext,
): Lane | null {
  if (!hasExactly(table, COLUMNS)) return null;
  const base = ctx.timeBase('production_events', 'timestamp');
  const types = new Map<string, EnumOutcome>();
  const typeOf = (raw: string) => {
    let out = types.get(raw);
    if (!out) types.set(raw, (out = mapLegacyEnum(EVENT_TYPE, raw)));
    return out;
  };
  return (row) => {
    const { id, event_type: type, description, timestamp } = row.values;
    if (typeof id !== 'bigint' || id !== row.key) return null;
    const order = plainRef(row, 'order_id', 'production_orders', actx);
    if (order === null || order === undefined) return null;
    if (typeof type !== 'string') return null;
    const mapped = typeOf(type);
    if (mapped.kind !== 'same' && mapped.kind !== 'alias' && mapped.kind !== 'null-default') {
      return null;
    }
    if (description !== null && typeof description !== 'string') return null;
    const at = plainInstant(timestamp, base, ctx.zone);
    if (!at) return null;
    const data: { [k: string]: Json } = { legacyType: pgSafeText(type) };
    if (description !== null) data.description = pgSafeText(description);
    return {
      kind: 'ready',
      id,
      values: targetRow(
        TARGETS.order_events,
        id,
        {
          order_id: order,
          event_type: mapped.value,
          at: instantText(at),
          user_id: null,
          data,
        },
        'production_events',
      ),
      // digestOf({ imported: true, derived: { data: { legacyType, description } }, issues: [] }),
      // written out (the rules' digest of such a row; the equivalence test compares row hashes).
      digest: `1\u001d{data:{description:${JSON.stringify(description)},legacyType:${JSON.stringify(type)}}}\u001d`,
    };
  };
}
