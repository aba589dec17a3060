import { describe, expect, it } from 'vitest';
import { keepMemoryFlat } from '../../src/server/legacy/import/memory.js';

describe('keepMemoryFlat', () => {
  it('collects garbage when resident memory is past the line', () => {
    let garbage: number[][] | null = Array.from({ length: 200 }, () => new Array(50_000).fill(1.5));
    expect(garbage.length).toBe(200);
    garbage = null;
    const before = process.memoryUsage().heapUsed;
    keepMemoryFlat(0);
    const after = process.memoryUsage().heapUsed;
    // ~80 MB of doubles were unreachable: a full collection frees most of them.
    expect(before - after).toBeGreaterThan(40 * 2 ** 20);
  });

  it('leaves the heap alone below the line', () => {
    let garbage: number[][] | null = Array.from({ length: 100 }, () => new Array(50_000).fill(2.5));
    expect(garbage.length).toBe(100);
    garbage = null;
    const before = process.memoryUsage().heapUsed;
    keepMemoryFlat(Number.MAX_SAFE_INTEGER);
    expect(process.memoryUsage().heapUsed).toBeGreaterThan(before - 20 * 2 ** 20);
  });
});
