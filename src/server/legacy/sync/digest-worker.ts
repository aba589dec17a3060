/**
 * A worker thread of sync's digest pool (digest-pool.ts): opens the same snapshot file as the
 * main thread, builds the same mapping session from the same inputs, and hashes the rows of the
 * key ranges it is sent, exactly as chunkDigests does in the main thread.
 */
import { workerData } from 'node:worker_threads';
import type { BatchTable } from '../import/batch.js';
import { laneFor } from '../import/lanes/index.js';
import { keepHeapGrowthBelow } from '../import/memory.js';
import { mappingTables, type SessionInputs, type SessionTable } from '../import/session.js';
import { sourceQuery, sourceRowsBetween } from '../import/source-rows.js';
import { readSchema } from '../source/schema.js';
import { setQuarantined, type QuarantinedList } from '../workers/quarantined.js';
import { openSnapshot, serve, type Request } from '../workers/serve.js';
import { digestRow } from './digest.js';

/** A worker's garbage over the session and one range (measured: 10–20 MB in use). */
const WORKER_HEAP_BYTES = 8 * 2 ** 20;

const { file, inputs } = workerData as { file: string; inputs: SessionInputs };

serve(async () => {
  const db = openSnapshot(file);
  const session = mappingTables({ db, schema: readSchema(db) }, inputs);
  let current: { t: SessionTable; batch: BatchTable } | null = null;
  return (m: Request) => {
    if (m.kind === 'table') {
      const t = session.tables.find((x) => x.table.name === m.table);
      if (!t) throw new Error(`no table ${String(m.table)} in the snapshot`);
      setQuarantined(session.actx, m.quarantined as QuarantinedList);
      t.mapper.start?.(sourceQuery(db), t.batch.ctx, session.has);
      current = { t, batch: { ...t.batch, lane: laneFor(t.table, session.actx, session.ctx) } };
      return undefined;
    }
    if (!current) throw new Error('a range before its table');
    const keys: bigint[] = [];
    const hashes: bigint[] = [];
    for (const row of sourceRowsBetween(db, current.t.plan, m.lo as bigint, m.hi as bigint)) {
      keys.push(row.key);
      hashes.push(digestRow(current.batch, row).hash);
    }
    keepHeapGrowthBelow(WORKER_HEAP_BYTES);
    const k = BigInt64Array.from(keys);
    const h = BigInt64Array.from(hashes);
    return { fields: { keys: k, hashes: h }, transfer: [k.buffer, h.buffer] };
  };
});
