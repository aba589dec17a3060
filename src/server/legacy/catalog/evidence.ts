/**
 * Evidence for the time base of app-written columns: pairs of (app-written value, UTC value
 * written at the same moment by `DEFAULT CURRENT_TIMESTAMP`). If the app wrote plant wall-clock
 * time, the difference clusters at the plant's UTC offset; if it wrote UTC, at 0.
 * Each query yields rows { a, b } in one pass (GROUP BY joins, no correlated scans). `needs`
 * lists the table.column pairs that must exist. Order-based evidence is a systematic sample:
 * the orders whose id is a multiple of `every` (1 = all), spread over the whole file so that a
 * column whose base changed half-way (an app upgrade) shows both clusters.
 */

export interface TimeEvidenceSource {
  /** The app-written column, 'table.column'. */
  column: string;
  /** The UTC-defaulted column it is compared with. */
  against: string;
  description: string;
  needs: readonly string[];
  sql(every: number): string;
}

const EVENT_TYPES = {
  start: "('start', 'started')",
  stop: "('stop', 'stopped', 'pause', 'paused')",
  complete: "('complete', 'completed')",
  resume: "('resume', 'resumed', 'restart')",
};

function orderEvent(column: string, types: string, agg: 'min' | 'max', what: string) {
  return {
    column: `production_orders.${column}`,
    against: 'production_events.timestamp',
    description: `the ${agg === 'min' ? 'first' : 'last'} ${what} event of the same order`,
    needs: [
      `production_orders.${column}`,
      'production_events.timestamp',
      'production_events.order_id',
      'production_events.event_type',
    ],
    sql: (every: number) => `SELECT o.${column} AS a, e.b AS b
      FROM production_orders o
      JOIN (SELECT order_id, ${agg}(timestamp) AS b FROM production_events
             WHERE order_id % ${every} = 0 AND lower(trim(event_type)) IN ${types}
             GROUP BY order_id) e ON e.order_id = o.id
      WHERE o.${column} IS NOT NULL`,
  } satisfies TimeEvidenceSource;
}

/** The k-th row of `left` for an order against the k-th row of `right` (both in id order). */
function kth(
  column: string,
  against: string,
  left: (every: number) => string,
  right: (every: number) => string,
  description: string,
  needs: readonly string[],
) {
  return {
    column,
    against,
    description,
    needs,
    sql: (every: number) => `WITH l AS (${left(every)}), r AS (${right(every)})
      SELECT l.v AS a, r.v AS b FROM l JOIN r ON r.order_id = l.order_id AND r.k = l.k`,
  } satisfies TimeEvidenceSource;
}

export const TIME_EVIDENCE: readonly TimeEvidenceSource[] = [
  orderEvent('start_time', EVENT_TYPES.start, 'min', "'start'"),
  orderEvent('stop_time', EVENT_TYPES.stop, 'max', "'stop'"),
  orderEvent('complete_time', EVENT_TYPES.complete, 'max', "'complete'"),
  orderEvent('end_time', EVENT_TYPES.complete, 'max', "'complete'"),
  {
    column: 'users.last_login',
    against: 'audit_log.timestamp',
    description: "the user's last 'login' audit entry",
    needs: ['users.last_login', 'audit_log.timestamp', 'audit_log.user_id', 'audit_log.action'],
    sql: () => `SELECT u.last_login AS a, l.b AS b
      FROM users u
      JOIN (SELECT user_id, max(timestamp) AS b FROM audit_log
             WHERE lower(trim(action)) = 'login' GROUP BY user_id) l ON l.user_id = u.id
      WHERE u.last_login IS NOT NULL`,
  },
  kth(
    'production_stops.end_time',
    'production_events.timestamp',
    (every) => `SELECT order_id, end_time AS v,
       row_number() OVER (PARTITION BY order_id ORDER BY id) AS k
       FROM production_stops WHERE order_id % ${every} = 0 AND end_time IS NOT NULL`,
    (every) => `SELECT order_id, timestamp AS v,
       row_number() OVER (PARTITION BY order_id ORDER BY id) AS k
       FROM production_events
       WHERE order_id % ${every} = 0 AND lower(trim(event_type)) IN ${EVENT_TYPES.resume}`,
    "the 'resume' event of the same order with the same rank",
    [
      'production_stops.end_time',
      'production_stops.order_id',
      'production_events.timestamp',
      'production_events.event_type',
    ],
  ),
];
