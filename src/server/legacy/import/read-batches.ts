import type { BatchTable } from './batch.js';
import { laneRow, prepareRow } from './batch.js';
import { directLine, DirectRows } from './direct.js';
import type { Prepared, SourceRow } from './mapping.js';
import { keepMemoryFlat } from './memory.js';
import { escapeCopy } from './pg-text.js';
import { rowHash } from './raw.js';

/** A batch of an import, read and mapped: lane rows written out, the others prepared. */
export interface PreparedBatch {
  rows: SourceRow[];
  prepared: Prepared[];
  hashes: bigint[];
  direct: DirectRows | null;
  /** The key of the batch's last row (its checkpoint). */
  lastKey: bigint | null;
}

/**
 * Reads and maps rows into batches of `size`, letting the event loop run every 500 rows: the
 * batch before is meanwhile sent to PostgreSQL and its answers handled, so mapping and the
 * database's work overlap. Lane rows whose ids are all known are written out at once (direct.ts);
 * the others are kept, prepared, for the batch's transaction.
 */
export async function* preparedBatches(
  t: BatchTable,
  source: Iterable<SourceRow>,
  size: number,
): AsyncGenerator<PreparedBatch> {
  const fresh = (): PreparedBatch => ({
    rows: [],
    prepared: [],
    hashes: [],
    direct: t.direct
      ? new DirectRows({
          source: escapeCopy(t.mapper.source),
          target: escapeCopy(t.direct.target.table),
          side: t.side !== null,
        })
      : null,
    lastKey: null,
  });
  let batch = fresh();
  let n = 0;
  for (const row of source) {
    addRow(t, batch, row);
    n++;
    if (n % 500 === 0) await yieldToEventLoop();
    if (n === size) {
      yield batch;
      keepMemoryFlat();
      batch = fresh();
      n = 0;
    }
  }
  if (n > 0) yield batch;
}

function addRow(t: BatchTable, batch: PreparedBatch, row: SourceRow): void {
  batch.lastKey = row.key;
  const ready = t.lane ? laneRow(t.lane, row) : null;
  if (ready && batch.direct && t.direct) {
    const line = directLine(t.direct, ready);
    if (line !== null) {
      const hash = rowHash(row.values, row.joined, ready.digest);
      const side = t.side ? t.side.line(row) : null;
      batch.direct.add(row.key, ready.id, hash, line, side);
      return;
    }
  }
  const prepared = ready ?? prepareRow(t.mapper, row, t.ctx);
  batch.rows.push(row);
  batch.prepared.push(prepared);
  batch.hashes.push(rowHash(row.values, row.joined, prepared.digest));
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
