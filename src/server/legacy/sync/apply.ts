import pg from 'pg';
import { QUARANTINE_COLUMNS, ROW_MAP_COLUMNS } from '../import/batch.js';
import { quoteIdent, type CopyColumn } from '../import/copy.js';
import { jsonbText, type Json } from '../import/json.js';
import { arrayLiteral, type PgType, type PgValue } from '../import/pg-text.js';
import type { SideTable } from '../import/side-table.js';
import type { TargetDef } from '../import/targets.js';

/**
 * Row-by-row writes of sync (changed rows are few): upserts that change nothing when the row is
 * already as it should be, so running sync twice leaves the data untouched the second time.
 */

const SQL_TYPE: Record<PgType, string> = {
  int: 'int',
  bigint: 'bigint',
  text: 'text',
  bool: 'boolean',
  numeric: 'numeric',
  timestamptz: 'timestamptz',
  date: 'date',
  jsonb: 'jsonb',
  'text[]': 'text[]',
};

function param(type: PgType, v: PgValue): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'jsonb') return jsonbText(v as Json);
  if (type === 'text[]') return arrayLiteral(v as string[]);
  if (type === 'bool') return v;
  return String(v);
}

/** INSERT … ON CONFLICT (key) DO UPDATE, only when a column differs. */
async function upsert(
  client: pg.ClientBase,
  table: string,
  columns: readonly CopyColumn[],
  key: readonly string[],
  values: readonly PgValue[],
  notCompared: readonly string[] = [],
): Promise<void> {
  const cols = columns.map((c) => quoteIdent(c.name));
  const rest = columns.filter((c) => !key.includes(c.name)).map((c) => quoteIdent(c.name));
  const compared = columns
    .filter((c) => !key.includes(c.name) && !notCompared.includes(c.name))
    .map((c) => quoteIdent(c.name));
  const placeholders = columns.map((c, i) => `$${i + 1}::${SQL_TYPE[c.type]}`);
  const set = rest.map((c) => `${c} = excluded.${c}`).join(', ');
  const differs = compared.map((c) => `t.${c} IS DISTINCT FROM excluded.${c}`).join(' OR ');
  await client.query(
    `INSERT INTO ${table} AS t (${cols.join(', ')}) VALUES (${placeholders.join(', ')})
     ON CONFLICT (${key.map(quoteIdent).join(', ')}) DO ${rest.length === 0 ? 'NOTHING' : `UPDATE SET ${set} WHERE ${differs}`}`,
    columns.map((c, i) => param(c.type, values[i] ?? null)),
  );
}

/** Inserts or updates a target row; returns PostgreSQL's refusal, or null. */
export async function upsertTarget(
  client: pg.ClientBase,
  target: TargetDef,
  values: readonly PgValue[],
): Promise<string | null> {
  await client.query('SAVEPOINT legacy_row');
  try {
    await upsert(client, quoteIdent(target.table), target.columns, ['id'], values);
    await client.query('RELEASE SAVEPOINT legacy_row');
    return null;
  } catch (e) {
    if (!(e instanceof pg.DatabaseError)) throw e;
    await client.query('ROLLBACK TO SAVEPOINT legacy_row');
    await client.query('RELEASE SAVEPOINT legacy_row');
    const message = e.message.split('\n')[0] ?? e.message;
    return e.constraint ? `${message} (constraint ${e.constraint})` : message;
  }
}

export async function upsertSide(
  client: pg.ClientBase,
  side: SideTable,
  values: readonly PgValue[],
): Promise<void> {
  await upsert(client, side.qualified, side.copyColumns, ['_source_key'], values);
}

export async function upsertRowMap(
  client: pg.ClientBase,
  values: readonly PgValue[],
): Promise<void> {
  await upsert(client, 'legacy_row_map', ROW_MAP_COLUMNS, ['source_table', 'source_key'], values);
}

/** Upserts the quarantine record (without touching `at` when nothing changed). */
export async function upsertRecord(
  client: pg.ClientBase,
  values: readonly PgValue[],
): Promise<void> {
  await upsert(
    client,
    'legacy_quarantine',
    QUARANTINE_COLUMNS,
    ['source_table', 'source_key'],
    values,
    ['run_id'],
  );
}

export async function deleteRecord(
  client: pg.ClientBase,
  table: string,
  key: bigint,
): Promise<void> {
  await client.query('DELETE FROM legacy_quarantine WHERE source_table = $1 AND source_key = $2', [
    table,
    key.toString(),
  ]);
}
