import { it } from 'vitest';
import { createTestApp } from '../../../test/support/app.js';
import { listOverdue } from './maturation.service.js';
it('debug', async () => {
  const t = await createTestApp();
  await t.database.db.insertInto('maturation_batches').values({ batch_number: 'x', blend_name: 'b', quantity: 1, started_on: '2019-01-01', expected_days: 3 }).execute();
  try { console.log(JSON.stringify(await listOverdue(t.database.db, 'Africa/Johannesburg'))); } catch (e) { console.log('ERR', e); }
  await t.close();
});
