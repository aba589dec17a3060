import type pg from 'pg';
import { prepareOne, type BatchTable } from '../import/batch.js';
import { ensureKey } from '../import/ensure.js';
import type { Prepared, SourceRow } from '../import/mapping.js';
import { keepMemoryFlat } from '../import/memory.js';
import { rowHash } from '../import/raw.js';
import type { MapEntry } from './changes.js';

/**
 * Sync's pass over the file keeps, per source row, only its key and row hash: PostgreSQL
 * compares them with legacy_row_map and answers with the few rows that differ, which are then
 * read again by key (or, where that costs a pass over a table, kept from the chunk) and mapped in
 * full. Unchanged rows (nearly all of them at a cutover) never become more than two int8s, and
 * their map entries never leave the database.
 */

/** A chunk of the file, read and hashed. */
export class ChunkDigest {
  keys: bigint[] = [];
  hashes: bigint[] = [];
  /** Rows that own a reference code they create (the table's first row naming it). */
  readonly owners = new Set<bigint>();
  /**
   * Whole rows, for tables whose rows cannot be read again by key (WITHOUT ROWID) or only at the
   * cost of a pass over a table (SourceJoin.wholeTable); else null.
   */
  readonly kept: Map<bigint, SourceRow> | null;

  constructor(keep: boolean) {
    this.kept = keep ? new Map() : null;
  }

  get count(): number {
    return this.keys.length;
  }

  get lastKey(): bigint {
    return this.keys[this.keys.length - 1]!;
  }
}

/**
 * Reads, maps and hashes rows into chunks of `size` (as the import hashed them: lane or rules),
 * letting the event loop run every 500 rows so the chunk before is compared and applied
 * meanwhile. `owners` holds the reference codes claimed so far in the table.
 */
export async function* chunkDigests(
  t: BatchTable,
  rows: Iterable<SourceRow>,
  o: { size: number; keep: boolean; owners: Set<string>; keepMemory?: () => void },
): AsyncGenerator<ChunkDigest> {
  let chunk = new ChunkDigest(o.keep);
  for (const row of rows) {
    const { prepared, hash } = digestRow(t, row);
    chunk.keys.push(row.key);
    chunk.hashes.push(hash);
    if (prepared.kind === 'draft' && prepared.draft.self) {
      const code = ensureKey(prepared.draft.self);
      if (!o.owners.has(code)) {
        o.owners.add(code);
        chunk.owners.add(row.key);
      }
    }
    chunk.kept?.set(row.key, row);
    if (chunk.count % 500 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    if (chunk.count === o.size) {
      yield chunk;
      (o.keepMemory ?? keepMemoryFlat)();
      chunk = new ChunkDigest(o.keep);
    }
  }
  if (chunk.count > 0) yield chunk;
}

/** A row mapped (lane or rules) and hashed as the import hashed it for legacy_row_map. */
export function digestRow(t: BatchTable, row: SourceRow): { prepared: Prepared; hash: bigint } {
  const prepared = prepareOne(t, row);
  return { prepared, hash: rowHash(row.values, row.joined, prepared.digest) };
}

/** What differs between a chunk (lo, hi] of the file and the row map. */
export interface ChunkDiff {
  /** Keys of rows not in the row map, in key order. */
  fresh: bigint[];
  /** Rows whose hash differs from the row map's, in key order. */
  changed: MapEntry[];
  /** Row map entries with no row in the file any more. */
  gone: MapEntry[];
  /** Keys of unchanged rows that stay quarantined. */
  quarantined: bigint[];
}

/**
 * Compares a chunk's keys and hashes with legacy_row_map's range (lo, hi] inside PostgreSQL and
 * returns only what differs, plus the unchanged quarantined rows (their children follow them).
 */
export async function diffChunk(
  client: pg.ClientBase,
  table: string,
  chunk: ChunkDigest | null,
  lo: bigint,
  hi: bigint,
): Promise<ChunkDiff> {
  const r = await client.query<{
    k: string;
    fresh: boolean;
    gone: boolean;
    changed: boolean;
    tt: string | null;
    ti: string | null;
    h: string | null;
    a: string | null;
  }>(
    `SELECT coalesce(s.k, m.source_key)::text AS k, m.source_key IS NULL AS fresh,
       s.k IS NULL AS gone, coalesce(m.row_hash <> s.h, false) AS changed,
       m.target_table AS tt, m.target_id::text AS ti, m.row_hash::text AS h, q.action AS a
     FROM unnest($2::int8[], $3::int8[]) AS s (k, h)
     FULL JOIN (SELECT * FROM legacy_row_map
                WHERE source_table = $1 AND source_key > $4 AND source_key <= $5) m
       ON m.source_key = s.k
     LEFT JOIN legacy_quarantine q
       ON q.source_table = $1 AND q.source_key = coalesce(s.k, m.source_key)::text
     WHERE s.k IS NULL OR m.source_key IS NULL OR m.row_hash <> s.h OR m.target_table IS NULL
     ORDER BY coalesce(s.k, m.source_key)`,
    [table, int8Array(chunk?.keys), int8Array(chunk?.hashes), lo.toString(), hi.toString()],
  );
  const diff: ChunkDiff = { fresh: [], changed: [], gone: [], quarantined: [] };
  for (const x of r.rows) {
    const key = BigInt(x.k);
    if (x.fresh) {
      diff.fresh.push(key);
      continue;
    }
    const entry: MapEntry = {
      key,
      targetTable: x.tt,
      targetId: x.ti === null ? null : BigInt(x.ti),
      hash: BigInt(x.h!),
      action: x.a,
    };
    if (x.gone) diff.gone.push(entry);
    else if (x.changed) diff.changed.push(entry);
    else diff.quarantined.push(key);
  }
  return diff;
}

function int8Array(values: readonly bigint[] | undefined): string {
  return `{${(values ?? []).join(',')}}`;
}
