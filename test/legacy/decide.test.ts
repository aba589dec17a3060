import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisionsFor } from '../../src/server/legacy/import/cli-support.js';
import { findRowDecisions } from '../../src/server/legacy/import/decide.js';
import { LegacySource } from '../../src/server/legacy/source/open.js';
import { generateLegacyDb } from './generate.js';
import { handMadeLegacyDb, tempDir } from './import-support.js';

/**
 * The contests' winners are found by assessing only the rows that can take part (decide.ts);
 * they must be those a pass over every row finds.
 */

const dir = tempDir();

async function bothWays(file: string) {
  const source = await LegacySource.open(file);
  try {
    const d = decisionsFor(source, 'Africa/Johannesburg', new Map());
    return {
      fast: findRowDecisions(source, d),
      thorough: findRowDecisions(source, d, { thorough: true }),
    };
  } finally {
    source.close();
  }
}

describe('row decisions from the candidate rows only', () => {
  it('match a pass over every row, on generated files with every quirk', async () => {
    for (const seed of [3, 17]) {
      const file = path.join(dir, `quirks-${seed}.db`);
      generateLegacyDb(file, { orders: 500, seed, quirks: 'all', laterTables: true });
      const { fast, thorough } = await bothWays(file);
      expect(Object.keys(thorough.winners.openStops).length).toBeGreaterThan(0);
      expect(Object.keys(thorough.winners.runningOrders).length).toBeGreaterThan(0);
      expect(fast).toEqual(thorough);
    }
  }, 60_000);

  it('see an open stop out when its order is quarantined, and every spelling of running', async () => {
    const file = path.join(dir, 'hand.db');
    handMadeLegacyDb(
      file,
      `INSERT INTO machines (id, name, environment) VALUES (1, 'Filler 1', 'Bottling');
       INSERT INTO production_orders (id, order_number, product_name, quantity, environment, status, machine_id, start_time) VALUES
         (1, 'PO-1', 'Juice', 10, 'Bottling', 'completed', 1, '2024-01-01 06:00:00'),
         (2, 'PO-2', '  ', 10, 'Bottling', 'completed', 1, '2024-01-01 06:30:00'),
         (3, 'PO-3', 'Juice', 10, 'Bottling', 'in_progress', 1, '2024-01-01 10:00:00'),
         (4, 'PO-4', 'Juice', 10, 'Bottling', ' In-Progress ', 1, '2024-01-01 11:00:00'),
         (5, 'PO-5', 'Juice', 10, 'Bottling', 'completed', 1, '2024-01-01 12:00:00');
       INSERT INTO production_stops (id, order_id, start_time, end_time, reason) VALUES
         (1, 1, '2024-01-01 08:00:00', NULL, 'jam'),
         (2, 2, '2024-01-01 09:00:00', NULL, 'jam'),
         (3, 5, '2024-01-01 13:00:00', '2024-01-01 13:30:00', 'jam');`,
    );
    const { fast, thorough } = await bothWays(file);
    expect(fast).toEqual(thorough);
    // Stop 2 starts later, but its order (blank product) is quarantined, so it cannot be placed.
    expect(fast.winners.openStops).toEqual({ '1': 'production_stops:1' });
    expect(fast.winners.runningOrders).toEqual({ '1': 'production_orders:4' });
  });
});
