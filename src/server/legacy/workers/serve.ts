import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Answer } from './pool.js';

/** A request as the pool sends it: `id` when an answer is awaited (WorkerPool.ask). */
export type Request = { kind: string; id?: number } & Record<string, unknown>;

/** A handler's answer: its fields, and buffers to transfer rather than copy. */
export type Reply = { fields: Record<string, unknown>; transfer?: ArrayBuffer[] } | undefined;

/**
 * The worker's side of WorkerPool: `init` once (then 'ready'), then each message handled in
 * the order it came, one at a time (a handler may wait on PostgreSQL); an error answers its
 * request, or fails the pool when the message awaited no answer.
 */
export function serve(init: () => Promise<(m: Request) => Promise<Reply> | Reply>): void {
  const port = parentPort!;
  const send = (m: Answer, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  const message = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  init().then(
    (handle) => {
      let turn = Promise.resolve();
      port.on('message', (m: Request) => {
        turn = turn.then(async () => {
          try {
            const reply = await handle(m);
            if (m.id !== undefined) {
              send({ ...reply?.fields, kind: 'answer', id: m.id }, reply?.transfer);
            }
          } catch (e) {
            send({ kind: 'error', id: m.id ?? null, message: message(e) });
          }
        });
      });
      send({ kind: 'ready' });
    },
    (e: unknown) => send({ kind: 'error', id: null, message: message(e) }),
  );
}

/**
 * The snapshot file, opened as the main thread holds it: read-only, integers as BigInt, one
 * read transaction, so the file is open (SQLite opens lazily) and stays readable after the main
 * thread removes it from the disk.
 */
export function openSnapshot(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.defaultSafeIntegers(true);
  db.exec('BEGIN');
  return db;
}
