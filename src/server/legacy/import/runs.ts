import type pg from 'pg';
import { LegacyFailure } from './errors.js';

/** "shflgc" as a key for pg_advisory_lock: one import/sync at a time per database. */
const LEGACY_LOCK_KEY = 0x7368666c6763;

export class LegacyBusyError extends LegacyFailure {
  constructor() {
    super('Another legacy import or sync is running against this database; wait for it to finish');
  }
}

/** Session lock held for the whole run; released when the connection ends (kill -9 included). */
export async function acquireLegacyLock(client: pg.ClientBase): Promise<void> {
  const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [
    LEGACY_LOCK_KEY,
  ]);
  if (!r.rows[0]?.ok) throw new LegacyBusyError();
}

export async function releaseLegacyLock(client: pg.ClientBase): Promise<void> {
  await client.query('select pg_advisory_unlock($1)', [LEGACY_LOCK_KEY]);
}

export type RunKind = 'import' | 'sync';
export type RunStatus = 'running' | 'completed' | 'failed';

export interface RunRow {
  id: number;
  kind: RunKind;
  source_path: string;
  plan_hash: string;
  options: Record<string, unknown>;
  status: RunStatus;
  started_at: Date;
}

export async function findImportRun(client: pg.ClientBase): Promise<RunRow | null> {
  const r = await client.query<RunRow>(
    `select id, kind, source_path, plan_hash, options, status, started_at
     from legacy_runs where kind = 'import'`,
  );
  return r.rows[0] ?? null;
}

export async function createRun(
  client: pg.ClientBase,
  r: { kind: RunKind; sourcePath: string; planHash: string; options: object },
): Promise<RunRow> {
  const q = await client.query<RunRow>(
    `insert into legacy_runs (kind, source_path, plan_hash, options, started_at)
     values ($1, $2, $3, $4, date_trunc('milliseconds', now()))
     returning id, kind, source_path, plan_hash, options, status, started_at`,
    [r.kind, r.sourcePath, r.planHash, JSON.stringify(r.options)],
  );
  return q.rows[0]!;
}

export async function finishRun(
  client: pg.ClientBase,
  runId: number,
  status: Exclude<RunStatus, 'running'>,
  report: object,
): Promise<void> {
  await client.query(
    `update legacy_runs set status = $2, finished_at = coalesce(finished_at, now()), report = $3
     where id = $1 and (status is distinct from $2 or report is distinct from $3::jsonb)`,
    [runId, status, JSON.stringify(report)],
  );
}

/** Sync runs left 'running' by a killed process: a new sync reconciles everything anyway. */
export async function abandonStaleSyncs(client: pg.ClientBase): Promise<void> {
  await client.query(
    `update legacy_runs set status = 'failed', finished_at = now()
     where kind = 'sync' and status = 'running'`,
  );
}

export interface Counts {
  sourceRows: number;
  imported: number;
  quarantined: number;
  /** Imported rows with a reference cleared or a value changed (recorded in quarantine). */
  cleared: number;
  /** Duplicates folded into the first row of their group (imported, recorded). */
  merged: number;
  inserted: number;
  updated: number;
  deleted: number;
}

export const zeroCounts = (): Counts => ({
  sourceRows: 0,
  imported: 0,
  quarantined: 0,
  cleared: 0,
  merged: 0,
  inserted: 0,
  updated: 0,
  deleted: 0,
});

export interface Checkpoint extends Counts {
  table: string;
  lastKey: bigint | null;
  done: boolean;
}

export async function loadCheckpoints(
  client: pg.ClientBase,
  runId: number,
): Promise<Map<string, Checkpoint>> {
  const r = await client.query<Record<string, string | boolean | null>>(
    `select source_table, last_key::text, done, source_rows::text, imported::text,
       quarantined::text, cleared::text, merged::text, inserted::text, updated::text, deleted::text
     from legacy_checkpoints where run_id = $1`,
    [runId],
  );
  const out = new Map<string, Checkpoint>();
  for (const row of r.rows) {
    const n = (k: string) => Number(row[k]);
    out.set(String(row.source_table), {
      table: String(row.source_table),
      lastKey: row.last_key === null ? null : BigInt(String(row.last_key)),
      done: row.done === true,
      sourceRows: n('source_rows'),
      imported: n('imported'),
      quarantined: n('quarantined'),
      cleared: n('cleared'),
      merged: n('merged'),
      inserted: n('inserted'),
      updated: n('updated'),
      deleted: n('deleted'),
    });
  }
  return out;
}

/** Adds a batch's counts and moves the table's position; call inside the batch's transaction. */
export async function advanceCheckpoint(
  client: pg.ClientBase,
  runId: number,
  table: string,
  o: { lastKey: bigint | null; done: boolean; add: Counts },
): Promise<void> {
  const a = o.add;
  await client.query(
    `insert into legacy_checkpoints as c (run_id, source_table, last_key, done, source_rows,
       imported, quarantined, cleared, merged, inserted, updated, deleted)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     on conflict (run_id, source_table) do update set
       last_key = coalesce(excluded.last_key, c.last_key), done = excluded.done,
       source_rows = c.source_rows + excluded.source_rows,
       imported = c.imported + excluded.imported,
       quarantined = c.quarantined + excluded.quarantined, cleared = c.cleared + excluded.cleared,
       merged = c.merged + excluded.merged,
       inserted = c.inserted + excluded.inserted, updated = c.updated + excluded.updated,
       deleted = c.deleted + excluded.deleted, updated_at = now()`,
    [
      runId,
      table,
      o.lastKey === null ? null : o.lastKey.toString(),
      o.done,
      a.sourceRows,
      a.imported,
      a.quarantined,
      a.cleared,
      a.merged,
      a.inserted,
      a.updated,
      a.deleted,
    ],
  );
}
