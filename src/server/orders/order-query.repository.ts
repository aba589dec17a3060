import type { Kysely, RawBuilder } from 'kysely';
import { sql } from 'kysely';
import type { OrderSort } from '../../common/api/orders.js';
import { PREPARED } from '../db/named-statements.js';
import type { Database, OrderPriority, OrderStatus } from '../db/schema.js';

/** Reads of orders: one order with its names, the filtered and sorted list, the detail parts. */

function orderView(db: Kysely<Database>) {
  return db
    .selectFrom('production_orders as o')
    .innerJoin('environments as e', 'e.id', 'o.environment_id')
    .leftJoin('machines as m', 'm.id', 'o.machine_id')
    .leftJoin('users as u', 'u.id', 'o.created_by')
    .selectAll('o')
    .select([
      'e.code as environment_code',
      'e.name as environment_name',
      'm.code as machine_code',
      'm.name as machine_name',
      'u.display_name as created_by_name',
    ]);
}

/** The order with the names it is shown with; `lock` takes its row lock (FOR UPDATE). */
export function findOrderView(db: Kysely<Database>, id: number, lock = false) {
  let q = orderView(db).where('o.id', '=', id);
  if (lock) q = q.forUpdate('o');
  return q.modifyEnd(PREPARED).executeTakeFirst();
}

export type OrderViewRow = NonNullable<Awaited<ReturnType<typeof findOrderView>>>;

// ---------------------------------------------------------------- the list

interface SortSql {
  /** The sort expression; the same text as in the indexes of migration 0003. */
  key: RawBuilder<unknown>;
  /** The sort value as text, exact, for the cursor. */
  text: RawBuilder<string>;
  /** A cursor value (checked by order-cursor.ts) as the sort expression's type. */
  value: (v: string) => RawBuilder<unknown>;
}

const PRIORITY_RANK = sql`(CASE o.priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END)`;
const STATUS_RANK = sql`(CASE o.status WHEN 'draft' THEN 0 WHEN 'pending' THEN 1 WHEN 'in_progress' THEN 2 WHEN 'paused' THEN 3 WHEN 'completed' THEN 4 ELSE 5 END)`;
const DUE = sql`coalesce(o.due_date, 'infinity'::date)`;

/** The whitelist of sort keys: request values pick one of these, never SQL text. */
const SORTS: Record<OrderSort, SortSql> = {
  dueDate: { key: DUE, text: sql<string>`${DUE}::text`, value: (v) => sql`${v}::date` },
  createdAt: {
    key: sql`o.created_at`,
    // Microseconds since the epoch: exact (a JavaScript Date would drop the microseconds).
    text: sql<string>`(extract(epoch from o.created_at) * 1000000)::bigint::text`,
    value: (v) => sql`('epoch'::timestamptz + ${v}::bigint * interval '1 microsecond')`,
  },
  priority: {
    key: PRIORITY_RANK,
    text: sql<string>`${PRIORITY_RANK}::text`,
    value: (v) => sql`${v}::int`,
  },
  orderNumber: {
    key: sql`o.order_number`,
    text: sql<string>`o.order_number`,
    value: (v) => sql`${v}::text`,
  },
  status: {
    key: STATUS_RANK,
    text: sql<string>`${STATUS_RANK}::text`,
    value: (v) => sql`${v}::int`,
  },
};

export interface OrderListFilter {
  status?: OrderStatus[];
  priority?: OrderPriority[];
  environmentId?: number;
  machineId?: number;
  dueFrom?: string;
  dueTo?: string;
  q?: string;
  archived: 'false' | 'true' | 'all';
  sort: OrderSort;
  dir: 'asc' | 'desc';
  limit: number;
  after?: { value: string; id: number };
}

/** `%`, `_` and `\` match themselves. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page (limit + 1 rows, to tell whether there is a next one), keyset-paginated. */
export function listOrders(db: Kysely<Database>, f: OrderListFilter) {
  return listOrdersQuery(db, f).execute();
}

/** The query of listOrders, unexecuted (tests EXPLAIN it). */
export function listOrdersQuery(db: Kysely<Database>, f: OrderListFilter) {
  const s = SORTS[f.sort];
  const desc = f.dir === 'desc';
  let q = orderView(db).select(s.text.as('sort_value'));
  if (f.archived === 'false') q = q.where('o.archived_at', 'is', null);
  if (f.archived === 'true') q = q.where('o.archived_at', 'is not', null);
  if (f.status?.length) q = q.where('o.status', 'in', f.status);
  if (f.priority?.length) q = q.where('o.priority', 'in', f.priority);
  if (f.environmentId !== undefined) q = q.where('o.environment_id', '=', f.environmentId);
  if (f.machineId !== undefined) q = q.where('o.machine_id', '=', f.machineId);
  // Also on the sort expression, so that sorted by due date the range is an index condition.
  if (f.dueFrom !== undefined) {
    q = q.where('o.due_date', '>=', f.dueFrom).where(sql<boolean>`${DUE} >= ${f.dueFrom}::date`);
  }
  if (f.dueTo !== undefined) q = q.where(sql<boolean>`${DUE} <= ${f.dueTo}::date`);
  if (f.q) {
    const p = `%${likeEscape(f.q)}%`;
    q = q.where(
      sql<boolean>`(o.order_number ilike ${p} escape '\\' or o.product_name ilike ${p} escape '\\')`,
    );
  }
  if (f.after) {
    const op = sql.raw(desc ? '<' : '>');
    q = q.where(sql<boolean>`(${s.key}, o.id) ${op} (${s.value(f.after.value)}, ${f.after.id})`);
  }
  const dir = sql.raw(desc ? 'desc' : 'asc');
  return q
    .orderBy(sql`${s.key} ${dir}`)
    .orderBy(sql`o.id ${dir}`)
    .limit(f.limit + 1);
}

export type OrderListRow = Awaited<ReturnType<typeof listOrders>>[number];

// ---------------------------------------------------------------- the detail

export function listOrderEvents(db: Kysely<Database>, orderId: number) {
  return db
    .selectFrom('order_events as ev')
    .leftJoin('users as u', 'u.id', 'ev.user_id')
    .select(['ev.id', 'ev.event_type', 'ev.at', 'ev.user_id', 'ev.data', 'u.display_name'])
    .where('ev.order_id', '=', orderId)
    .orderBy('ev.at')
    .orderBy('ev.id')
    .modifyEnd(PREPARED)
    .execute();
}

export function listOrderStops(db: Kysely<Database>, orderId: number) {
  return db
    .selectFrom('stops as s')
    .innerJoin('machines as m', 'm.id', 's.machine_id')
    .leftJoin('stop_reasons as r', 'r.id', 's.reason_id')
    .leftJoin('stop_reasons as c', 'c.id', 'r.parent_id')
    .leftJoin('users as u', 'u.id', 's.reported_by')
    .select([
      's.id',
      's.machine_id',
      'm.code as machine_code',
      'm.name as machine_name',
      's.reason_id',
      'r.name as reason_name',
      'c.name as category_name',
      's.started_at',
      's.ended_at',
      's.notes',
      's.reported_by',
      'u.display_name as reported_by_name',
      sql<number>`floor(extract(epoch from coalesce(s.ended_at, greatest(now(), s.started_at)) - s.started_at))::int`.as(
        'duration_seconds',
      ),
    ])
    .where('s.order_id', '=', orderId)
    .orderBy('s.started_at')
    .orderBy('s.id')
    .modifyEnd(PREPARED)
    .execute();
}

/** The order's waste (read-only here; the waste feature writes it). */
export function listOrderWaste(db: Kysely<Database>, orderId: number) {
  return db
    .selectFrom('waste as w')
    .leftJoin('users as u', 'u.id', 'w.recorded_by')
    .select([
      'w.id',
      'w.waste_type',
      'w.quantity',
      'w.unit',
      'w.reason',
      'w.cost',
      'w.recorded_at',
      'w.recorded_by',
      'u.display_name as recorded_by_name',
    ])
    .where('w.order_id', '=', orderId)
    .orderBy('w.recorded_at')
    .orderBy('w.id')
    .modifyEnd(PREPARED)
    .execute();
}
