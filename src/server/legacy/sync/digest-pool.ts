import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { SessionInputs } from '../import/session.js';
import { keepHeapGrowthBelow } from '../import/memory.js';
import { chunkEnds, KEY_MIN, type ReadPlan } from '../import/source-rows.js';
import { ChunkDigest } from './digest.js';

/**
 * Worker threads that hash key ranges of the file for sync, so reading and hashing (nearly all
 * of a sync's work, and all on one core before) use every core while the main thread compares
 * and applies. Each worker reads the same snapshot: the backup copy, shared until every worker
 * has opened it (LegacySource `share`).
 */

/**
 * A worker's young generation: its rows die young either way, and V8's default (up to 48 MB a
 * thread) would take the process past its memory target with two workers.
 */
const WORKER_YOUNG_MB = 4;
/** The main thread's garbage while workers hash, over the session and the chunks in flight. */
const DRIVER_HEAP_BYTES = 16 * 2 ** 20;

/** Between chunks in the main thread while workers hash (its heap, not the process's). */
export function keepDriverHeap(): void {
  keepHeapGrowthBelow(DRIVER_HEAP_BYTES);
}

export type ToWorker =
  | { kind: 'table'; table: string; quarantined: [string, string[]][] }
  | { kind: 'range'; id: number; lo: bigint; hi: bigint };

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'range'; id: number; keys: BigInt64Array; hashes: BigInt64Array }
  | { kind: 'error'; id: number | null; message: string };

export interface RangeDigest {
  keys: bigint[];
  hashes: bigint[];
}

interface Waiting {
  resolve: (d: RangeDigest) => void;
  reject: (e: Error) => void;
}

/** The compiled worker next to this module; null when running from source (tests, tsx). */
export function defaultWorkerScript(): URL | null {
  const url = new URL('./digest-worker.js', import.meta.url);
  return fs.existsSync(fileURLToPath(url)) ? url : null;
}

export class DigestPool {
  private readonly waiting = new Map<number, Waiting>();
  private next = 0;
  private failure: Error | null = null;

  private constructor(private readonly workers: Worker[]) {
    for (const w of workers) {
      w.on('message', (m: FromWorker) => this.receive(m));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a sync worker stopped (exit ${code})`));
      });
    }
  }

  /** Starts `count` workers on the snapshot at `file`; resolves once each has it open. */
  static async start(
    script: URL,
    file: string,
    inputs: SessionInputs,
    count: number,
  ): Promise<DigestPool> {
    const workers = Array.from(
      { length: count },
      () =>
        new Worker(script, {
          workerData: { file, inputs },
          resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
        }),
    );
    try {
      await Promise.all(workers.map(ready));
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw e;
    }
    return new DigestPool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Ranges in flight that keep every worker busy. */
  get depth(): number {
    return 2 * this.workers.length;
  }

  /** The table the next ranges belong to, and the parent rows quarantined so far. */
  table(name: string, quarantined: ReadonlyMap<string, ReadonlySet<string>>): void {
    const q: [string, string[]][] = [...quarantined].map(([t, keys]) => [t, [...keys]]);
    for (const w of this.workers) w.postMessage({ kind: 'table', table: name, quarantined: q });
  }

  /** Keys and row hashes of the rows with keys in (lo, hi], in key order. */
  digest(lo: bigint, hi: bigint): Promise<RangeDigest> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    const worker = this.workers[id % this.workers.length]!;
    return new Promise<RangeDigest>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ kind: 'range', id, lo, hi } satisfies ToWorker);
    });
  }

  async close(): Promise<void> {
    this.fail(new Error('the sync worker pool is closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private receive(m: FromWorker): void {
    if (m.kind === 'ready') return;
    if (m.kind === 'error') {
      const e = new Error(`sync worker: ${m.message}`);
      if (m.id === null) this.fail(e);
      else this.settle(m.id)?.reject(e);
      return;
    }
    this.settle(m.id)?.resolve({ keys: Array.from(m.keys), hashes: Array.from(m.hashes) });
  }

  private settle(id: number): Waiting | undefined {
    const w = this.waiting.get(id);
    this.waiting.delete(id);
    return w;
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(this.failure);
    this.waiting.clear();
  }
}

const KEY_MAX = 2n ** 63n - 1n;

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

/** Resolves when the worker says it has the snapshot open; rejects on its error or exit. */
function ready(w: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromWorker) => {
      if (m.kind === 'ready') done(resolve);
      else if (m.kind === 'error') done(() => reject(new Error(`sync worker: ${m.message}`)));
    };
    const onError = (e: Error) => done(() => reject(e));
    const onExit = (code: number) =>
      done(() => reject(new Error(`a sync worker stopped (exit ${code})`)));
    const done = (f: () => void) => {
      w.off('message', onMessage).off('error', onError).off('exit', onExit);
      f();
    };
    w.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}
