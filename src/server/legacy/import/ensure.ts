import type pg from 'pg';
import { REASON_CATEGORIES } from '../values/index.js';
import type { Ensure } from './mapping.js';
import type { PgValue } from './pg-text.js';

/**
 * Reference data the legacy file names by text (areas, machine types, stop categories, reasons):
 * found by code, created when missing. A created row takes its preferred id (the legacy id of
 * the first row of its group) when free, else the next id above both the table's highest id and
 * the `floor` (the highest legacy id still to come), so two runs over the same file give the same
 * ids (a sequence would not: a rolled-back batch burns its values).
 *
 * Categories and reasons share stop_reasons.code: a reason whose code is a category's (MECH)
 * is stored as 'MECH-R' (and a category whose code a reason holds as 'X-C').
 */

export const ensureKey = (e: Pick<Ensure, 'kind' | 'code'>) => `${e.kind}:${e.code}`;

export interface EnsureResult {
  ids: Map<string, number | null>;
  /** Keys of the rows created by this call. */
  created: Set<string>;
}

export interface EnsureOptions {
  create: boolean;
  epoch: string;
  /** Per table: ids up to this are reserved for legacy rows that keep their id. */
  floors?: ReadonlyMap<string, number>;
}

const TABLE = {
  environment: 'environments',
  machine_type: 'machine_types',
  category: 'stop_reasons',
  reason: 'stop_reasons',
} as const;

const KIND_FILTER = {
  environment: '',
  machine_type: '',
  category: ' and parent_id is null',
  reason: ' and parent_id is not null',
} as const;

function candidates(e: Pick<Ensure, 'kind' | 'code'>): string[] {
  if (e.kind === 'category') return [e.code, `${e.code}-C`];
  if (e.kind === 'reason') return [e.code, `${e.code}-R`];
  return [e.code];
}

const ORDER = ['environment', 'machine_type', 'category', 'reason'] as const;

export async function resolveEnsures(
  client: pg.ClientBase,
  ensures: readonly Ensure[],
  o: EnsureOptions,
): Promise<EnsureResult> {
  const ids = new Map<string, number | null>();
  const created = new Set<string>();
  const unique = new Map<string, Ensure>();
  for (const e of ensures) {
    if (e.kind === 'reason') {
      const code = e.parent ?? 'LEGACY';
      const parent: Ensure = { kind: 'category', code, name: code, column: null };
      if (!unique.has(ensureKey(parent))) unique.set(ensureKey(parent), parent);
    }
  }
  for (const e of ensures) {
    const k = ensureKey(e);
    const had = unique.get(k);
    unique.set(k, had ? mergeEnsures(had, e) : e);
  }
  for (const kind of ORDER) {
    const want = [...unique.values()].filter((e) => e.kind === kind);
    if (want.length === 0) continue;
    const table = TABLE[kind];
    const found = await client.query<{ id: number; code: string }>(
      `select id, code from ${table} where code = any($1::text[])${KIND_FILTER[kind]}`,
      [want.flatMap(candidates)],
    );
    const byCode = new Map(found.rows.map((r) => [r.code, r.id]));
    for (const e of want) {
      const k = ensureKey(e);
      const id = candidates(e)
        .map((c) => byCode.get(c))
        .find((x) => x !== undefined);
      if (id !== undefined) ids.set(k, id);
      else if (!o.create || e.lookupOnly) ids.set(k, null);
      else {
        ids.set(k, await insertReference(client, e, ids, o));
        created.add(k);
      }
    }
  }
  return { ids, created };
}

/** The same reference asked for twice in a batch: the first row's name and values win. */
function mergeEnsures(a: Ensure, b: Ensure): Ensure {
  const withValues = a.values ? a : b.values ? b : a;
  return {
    ...withValues,
    lookupOnly: a.lookupOnly === true && b.lookupOnly === true,
    preferredId: a.preferredId ?? b.preferredId,
  };
}

async function insertReference(
  client: pg.ClientBase,
  e: Ensure,
  ids: Map<string, number | null>,
  o: EnsureOptions,
): Promise<number> {
  const table = TABLE[e.kind];
  const taken = await client.query<{ code: string }>(
    `select code from ${table} where code = any($1::text[])`,
    [candidates(e)],
  );
  const code = candidates(e).find((c) => !taken.rows.some((r) => r.code === c));
  if (code === undefined) throw new Error(`No free code for ${e.kind} ${e.code}`);
  const id = await nextId(client, table, e.preferredId, o.floors?.get(table) ?? 0);
  const row: Record<string, PgValue> = {
    id,
    code,
    name: e.name,
    created_at: o.epoch,
    updated_at: o.epoch,
  };
  if (e.kind === 'environment') Object.assign(row, { colour: null, active: true, sort_order: 0 });
  if (e.kind === 'category') {
    const c = REASON_CATEGORIES.find((x) => x.code === e.code);
    Object.assign(row, {
      name: c?.name ?? e.name,
      planned: c?.planned ?? false,
      oee_loss: c?.oeeLoss ?? 'availability',
      sort_order: c ? REASON_CATEGORIES.indexOf(c) : REASON_CATEGORIES.length,
    });
  }
  if (e.kind === 'reason') {
    const parent = ids.get(ensureKey({ kind: 'category', code: e.parent ?? 'LEGACY' }));
    if (parent === undefined || parent === null)
      throw new Error(`No category for reason ${e.code}`);
    row.parent_id = parent;
  }
  Object.assign(row, e.values ?? {});
  const cols = Object.keys(row);
  await client.query(
    `insert into ${table} (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
    cols.map((c) => row[c]),
  );
  return id;
}

async function nextId(
  client: pg.ClientBase,
  table: string,
  preferred: number | undefined,
  floor: number,
): Promise<number> {
  if (preferred !== undefined) {
    const r = await client.query(`select 1 from ${table} where id = $1`, [preferred]);
    if (r.rowCount === 0) return preferred;
  }
  const r = await client.query<{ id: number }>(
    `select greatest(coalesce(max(id), 0), $1::int) + 1 as id from ${table}`,
    [floor],
  );
  return r.rows[0]!.id;
}
