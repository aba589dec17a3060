import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Resident memory above which the row passes (import, verify, sync) ask for a full garbage
 * collection between batches. What a pass keeps is bounded (a batch or two, the duplicate groups,
 * the reason tree), but V8 collects lazily while a process allocates fast: measured without
 * this, a 50,000-order import peaked at 466 MB with under 160 MB alive. Collecting when past the
 * line keeps the peak near it, whatever the size of the file (bench/results/legacy.md).
 */
export const RSS_LINE_BYTES = 200 * 2 ** 20;

let collect: (() => void) | null | undefined;

/** V8's full collection; null when this runtime refuses to expose it (then nothing is forced). */
function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/** This thread's heap in use after the last collection keepHeapGrowthBelow forced. */
let collectedTo = 0;

/**
 * Between chunks, in a thread sharing the process with others (sync's workers and the thread
 * driving them): a full collection when this thread's heap in use has grown `bytes` past what
 * the last one left. Resident memory counts every thread, so it cannot tell which heap to
 * collect; and a line fixed in bytes would collect at every chunk once the live data alone
 * passed it.
 */
export function keepHeapGrowthBelow(bytes: number): void {
  if (v8.getHeapStatistics().used_heap_size <= collectedTo + bytes) return;
  collector()?.();
  collectedTo = v8.getHeapStatistics().used_heap_size;
}

/** Between batches: a full collection when resident memory is past the line. */
export function keepMemoryFlat(line = RSS_LINE_BYTES): void {
  if (process.memoryUsage.rss() > line) collector()?.();
}
