import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Worker threads that answer requests about key ranges of the legacy file (sync's row hashes:
 * sync/digest-pool.ts), so the per-row work uses every core while the main thread talks to
 * PostgreSQL. Requests go round the workers; each worker answers its own in order (serve.ts).
 * A worker's failure fails every request still waiting, and every later one.
 */

/** What a worker sends back: once 'ready', then an answer (or an error) per request. */
export type Answer =
  | { kind: 'ready' }
  | { kind: 'error'; id: number | null; message: string }
  | ({ kind: 'answer'; id: number } & Record<string, unknown>);

interface Waiting {
  resolve: (answer: Record<string, unknown>) => void;
  reject: (e: Error) => void;
}

/** The compiled worker script next to a module (`import.meta.url`); null from source (tests). */
export function compiledScript(name: string, nextTo: string): URL | null {
  const url = new URL(`./${name}`, nextTo);
  return fs.existsSync(fileURLToPath(url)) ? url : null;
}

export class WorkerPool {
  private readonly waiting = new Map<number, Waiting>();
  private next = 0;
  private failure: Error | null = null;

  private constructor(
    private readonly workers: Worker[],
    private readonly label: string,
  ) {
    for (const w of workers) {
      w.on('message', (m: Answer) => this.receive(m));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a ${label} stopped (exit ${code})`));
      });
    }
  }

  /**
   * Starts `count` workers of `script` with `data`; resolves once each says it is ready.
   * `youngMb`: each worker's young generation (V8's default, up to 48 MB a thread, would take
   * the process past its memory target).
   */
  static async start(o: {
    script: URL;
    data: unknown;
    count: number;
    youngMb: number;
    label: string;
  }): Promise<WorkerPool> {
    const workers = Array.from(
      { length: o.count },
      () =>
        new Worker(o.script, {
          workerData: o.data,
          resourceLimits: { maxYoungGenerationSizeMb: o.youngMb },
        }),
    );
    try {
      await Promise.all(workers.map((w) => ready(w, o.label)));
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw e;
    }
    return new WorkerPool(workers, o.label);
  }

  get size(): number {
    return this.workers.length;
  }

  /** A message every worker gets (no answer; a failure fails the pool). */
  broadcast(m: { kind: string } & Record<string, unknown>): void {
    for (const w of this.workers) w.postMessage(m);
  }

  /** A request to the next worker in turn; resolves with its answer. */
  ask(m: { kind: string } & Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    const worker = this.workers[id % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ ...m, id });
    });
  }

  async close(): Promise<void> {
    this.fail(new Error(`the ${this.label} pool is closed`));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private receive(m: Answer): void {
    if (m.kind === 'ready') return;
    if (m.kind === 'error') {
      const e = new Error(`${this.label}: ${m.message}`);
      if (m.id === null) this.fail(e);
      else this.settle(m.id)?.reject(e);
      return;
    }
    this.settle(m.id)?.resolve(m);
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

/** Resolves when the worker says it is ready; rejects on its error or exit. */
function ready(w: Worker, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Answer) => {
      if (m.kind === 'ready') done(resolve);
      else if (m.kind === 'error') done(() => reject(new Error(`${label}: ${m.message}`)));
    };
    const onError = (e: Error) => done(() => reject(e));
    const onExit = (code: number) =>
      done(() => reject(new Error(`a ${label} stopped (exit ${code})`)));
    const done = (f: () => void) => {
      w.off('message', onMessage).off('error', onError).off('exit', onExit);
      f();
    };
    w.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}
