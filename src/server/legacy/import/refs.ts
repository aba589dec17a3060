import type pg from 'pg';
import type { Ref, RefTable } from './mapping.js';

export type RefRows = Map<string, Record<string, unknown>>;

export const refKey = (table: RefTable, id: number) => `${table}:${id}`;

/** Existence (and the asked-for columns) of every referenced row of a batch: one query a table. */
export async function fetchRefs(client: pg.ClientBase, refs: readonly Ref[]): Promise<RefRows> {
  const byTable = new Map<RefTable, { ids: Set<number>; cols: Set<string> }>();
  for (const r of refs) {
    let t = byTable.get(r.table);
    if (!t) byTable.set(r.table, (t = { ids: new Set(), cols: new Set() }));
    t.ids.add(r.id);
    for (const c of r.fetch ?? []) t.cols.add(c);
  }
  const out: RefRows = new Map();
  for (const [table, { ids, cols }] of byTable) {
    const select = ['id', ...[...cols].filter((c) => /^[a-z_]+$/.test(c))].join(', ');
    const r = await client.query<Record<string, unknown> & { id: number }>(
      `select ${select} from ${table} where id = any($1::int[])`,
      [[...ids]],
    );
    for (const row of r.rows) out.set(refKey(table, row.id), row);
  }
  return out;
}
