import type Database from 'better-sqlite3';
import type { SessionInputs } from '../import/session.js';
import { keepHeapGrowthBelow } from '../import/memory.js';
import { chunkEnds, KEY_MAX, KEY_MIN, type ReadPlan } from '../import/source-rows.js';
import { compiledScript, WorkerPool } from '../workers/pool.js';
import { quarantinedList } from '../workers/quarantined.js';
import { ChunkDigest } from './digest.js';

/**
 * Worker threads that hash key ranges of the file for sync, so reading and hashing (nearly all
 * of a sync's work, and all on one core before) use every core while the main thread compares
 * and applies. Each worker reads the same snapshot: the backup copy, shared until every worker
 * has opened it (LegacySource `share`).
 */

/** A worker's young generation (MB): its rows die young either way. */
const WORKER_YOUNG_MB = 4;
/** The main thread's garbage while workers hash, over the session and the chunks in flight. */
const DRIVER_HEAP_BYTES = 16 * 2 ** 20;

/** Between chunks in the main thread while workers hash (its heap, not the process's). */
export function keepDriverHeap(): void {
  keepHeapGrowthBelow(DRIVER_HEAP_BYTES);
}

/** The worker's share of a range: keys and row hashes, in key order. */
export interface RangeDigest {
  keys: bigint[];
  hashes: bigint[];
}

/** The compiled worker; null when running from source (tests, tsx). */
export function defaultWorkerScript(): URL | null {
  return compiledScript('digest-worker.js', import.meta.url);
}

export class DigestPool {
  private constructor(private readonly pool: WorkerPool) {}

  /** Starts `count` workers on the snapshot at `file`; resolves once each has it open. */
  static async start(
    script: URL,
    file: string,
    inputs: SessionInputs,
    count: number,
  ): Promise<DigestPool> {
    const data = { file, inputs };
    const youngMb = WORKER_YOUNG_MB;
    return new DigestPool(
      await WorkerPool.start({ script, data, count, youngMb, label: 'sync worker' }),
    );
  }

  get size(): number {
    return this.pool.size;
  }

  /** Ranges in flight that keep every worker busy. */
  get depth(): number {
    return 2 * this.pool.size;
  }

  /** The table the next ranges belong to, and the parent rows quarantined so far. */
  table(name: string, quarantined: ReadonlyMap<string, ReadonlySet<string>>): void {
    this.pool.broadcast({ kind: 'table', table: name, quarantined: quarantinedList(quarantined) });
  }

  /** Keys and row hashes of the rows with keys in (lo, hi], in key order. */
  async digest(lo: bigint, hi: bigint): Promise<RangeDigest> {
    const a = await this.pool.ask({ kind: 'range', lo, hi });
    return {
      keys: Array.from(a.keys as BigInt64Array),
      hashes: Array.from(a.hashes as BigInt64Array),
    };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * The table's chunks of `size` rows, hashed by the pool, in key order: each with the end of its
 * key range (the last one KEY_MAX, so rows gone past the file's last key are in a range too).
 * Keeps `pool.depth` ranges in flight.
 */
export async function* pooledDigests(
  pool: DigestPool,
  db: Database.Database,
  plan: ReadPlan,
  size: number,
): AsyncGenerator<{ digest: ChunkDigest; hi: bigint }> {
  const ends = chunkEnds(db, plan, size);
  const inflight: { hi: bigint; digest: Promise<RangeDigest> }[] = [];
  let lo = KEY_MIN;
  const fill = () => {
    while (lo !== KEY_MAX && inflight.length < pool.depth) {
      const end = ends.next();
      const hi = end.done ? KEY_MAX : end.value;
      const digest = pool.digest(lo, hi);
      digest.catch(() => undefined); // awaited in turn below; never an unhandled rejection
      inflight.push({ hi, digest });
      lo = hi;
    }
  };
  fill();
  while (inflight.length > 0) {
    const { hi, digest } = inflight.shift()!;
    const d = await digest;
    fill();
    keepDriverHeap();
    const chunk = new ChunkDigest(false);
    chunk.keys = d.keys;
    chunk.hashes = d.hashes;
    yield { digest: chunk, hi };
  }
}
