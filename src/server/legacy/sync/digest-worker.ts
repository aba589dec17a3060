/**
 * A worker thread of sync's digest pool (digest-pool.ts): opens the same snapshot file as the
 * main thread, builds the same mapping session from the same inputs, and hashes the rows of the
 * key ranges it is sent, exactly as chunkDigests does in the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { laneFor } from '../import/lanes/index.js';
import type { BatchTable } from '../import/batch.js';
import { keepHeapGrowthBelow } from '../import/memory.js';
import { mappingTables, type SessionInputs, type SessionTable } from '../import/session.js';
import { sourceQuery, sourceRowsBetween } from '../import/source-rows.js';
import { readSchema } from '../source/schema.js';
import { digestRow } from './digest.js';
import type { ToWorker, FromWorker } from './digest-pool.js';

/** A worker's heap holds the session and one range (measured: 10–20 MB in use). */
const WORKER_HEAP_BYTES = 8 * 2 ** 20;

const port = parentPort!;
const { file, inputs } = workerData as { file: string; inputs: SessionInputs };

const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

try {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.defaultSafeIntegers(true);
  // One read transaction, as the main thread holds: the file is opened (SQLite opens lazily)
  // and stays open after the main thread removes it from the disk.
  db.exec('BEGIN');
  const schema = readSchema(db);
  const session = mappingTables({ db, schema }, inputs);
  let current: { t: SessionTable; batch: BatchTable } | null = null;

  port.on('message', (m: ToWorker) => {
    try {
      if (m.kind === 'table') {
        const t = session.tables.find((x) => x.table.name === m.table);
        if (!t) throw new Error(`no table ${m.table} in the snapshot`);
        session.actx.quarantined.clear();
        for (const [parent, keys] of m.quarantined) {
          session.actx.quarantined.set(parent, new Set(keys));
        }
        t.mapper.start?.(sourceQuery(db), t.batch.ctx, session.has);
        current = { t, batch: { ...t.batch, lane: laneFor(t.table, session.actx, session.ctx) } };
        return;
      }
      if (!current) throw new Error('a range before its table');
      const keys: bigint[] = [];
      const hashes: bigint[] = [];
      for (const row of sourceRowsBetween(db, current.t.plan, m.lo, m.hi)) {
        keys.push(row.key);
        hashes.push(digestRow(current.batch, row).hash);
      }
      const k = BigInt64Array.from(keys);
      const h = BigInt64Array.from(hashes);
      send({ kind: 'range', id: m.id, keys: k, hashes: h }, [k.buffer, h.buffer]);
      keepHeapGrowthBelow(WORKER_HEAP_BYTES);
    } catch (e) {
      send({ kind: 'error', id: m.kind === 'range' ? m.id : null, message: String(e) });
    }
  });
  send({ kind: 'ready' });
} catch (e) {
  send({ kind: 'error', id: null, message: String(e) });
}
