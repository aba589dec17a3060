import path from 'node:path';
import { it } from 'vitest';
import { LegacySource } from '../../src/server/legacy/source/open.js';
import { makeDecisions } from '../../src/server/legacy/import/context.js';
import { findRowDecisions, applyContext } from '../../src/server/legacy/import/decide.js';
import { buildMappers } from '../../src/server/legacy/import/mappers/index.js';
import { hasColumnIn, readPlanFor, sourceBatches, KEY_MIN } from '../../src/server/legacy/import/source-rows.js';
import { contextFor } from '../../src/server/legacy/import/context.js';
import { handMadeLegacyDb, tempDir } from '../../test/legacy/import-support.js';

it('dbg', async () => {
  const file = path.join(tempDir(), 'p.db');
  handMadeLegacyDb(file, `INSERT INTO machines (id, name, environment, status, capacity) VALUES (1, 'Blender 1', 'blending', 'available', 500), (2, 'Packer A', 'Packaging', 'running', NULL);`);
  const source = await LegacySource.open(file);
  const d = makeDecisions('Africa/Johannesburg', {});
  for (let run = 0; run < 2; run++) {
    const actx = applyContext(source.schema, d, findRowDecisions(source.db, source.schema, d));
    const ctx = contextFor(d, '2024-01-01T00:00:00.000000Z');
    const has = hasColumnIn(source.schema);
    for (const { mapper, table } of buildMappers(source.schema, actx)) {
      if (mapper.source !== 'machines') continue;
      for (const rows of sourceBatches(source.db, readPlanFor(table, mapper, has), KEY_MIN, 10)) {
        for (const r of rows) { const p = mapper.prepare(r, ctx); console.log(run, r.key, JSON.stringify(r.joined), p.digest); }
      }
    }
  }
});
