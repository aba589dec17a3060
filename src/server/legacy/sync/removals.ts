import pg from 'pg';
import { isForeignKeyViolation } from '../../db/db-errors.js';
import { quoteIdent } from '../import/copy.js';
import type { Counts } from '../import/runs.js';
import type { SessionTable } from '../import/session.js';
import { inTransaction } from '../import/target-state.js';
import { DELETED_IN_SOURCE } from './changes.js';

interface Pending {
  key: string;
  targetTable: string;
  targetId: string;
  reason: string;
  gone: boolean;
}

/**
 * The removal phase of sync, children before parents: target rows whose source row was deleted
 * or can no longer be placed are deleted. A row the new system still refers to (a foreign key
 * refuses the delete) is kept, and its quarantine record says so (kept_after_source_delete);
 * every sync tries again. Reference rows (areas, reasons, machine types) are never deleted: only
 * the mapping goes.
 */
export async function removePending(
  client: pg.ClientBase,
  t: SessionTable,
  counts: Counts,
): Promise<void> {
  const table = t.mapper.source;
  const r = await client.query<Pending>(
    `SELECT m.source_key::text AS key, m.target_table AS "targetTable", m.target_id::text AS "targetId",
       q.reason, q.raw = '{}'::jsonb AS gone
     FROM legacy_row_map m JOIN legacy_quarantine q
       ON q.source_table = m.source_table AND q.source_key = m.source_key::text
     WHERE m.source_table = $1 AND m.target_table IS NOT NULL
       AND q.action IN ('quarantined', 'kept_after_source_delete')
     ORDER BY m.source_key`,
    [table],
  );
  for (let i = 0; i < r.rows.length; i += 1000) {
    const slice = r.rows.slice(i, i + 1000);
    await inTransaction(client, async () => {
      for (const p of slice) await removeOne(client, t, p, counts);
    });
  }
}

async function removeOne(client: pg.ClientBase, t: SessionTable, p: Pending, counts: Counts) {
  const table = t.mapper.source;
  const side = t.batch.side;
  await client.query('SAVEPOINT legacy_remove');
  try {
    if (p.targetTable.startsWith('legacy.')) {
      if (side) await client.query(`DELETE FROM ${side.qualified} WHERE _source_key = $1`, [p.key]);
    } else if (!t.mapper.self) {
      await client.query(`DELETE FROM ${quoteIdent(p.targetTable)} WHERE id = $1`, [p.targetId]);
      if (side) await client.query(`DELETE FROM ${side.qualified} WHERE _source_key = $1`, [p.key]);
    }
    await client.query('RELEASE SAVEPOINT legacy_remove');
  } catch (e) {
    if (!(e instanceof pg.DatabaseError) || !isForeignKeyViolation(e)) throw e;
    await client.query('ROLLBACK TO SAVEPOINT legacy_remove');
    await client.query('RELEASE SAVEPOINT legacy_remove');
    const why = p.gone ? DELETED_IN_SOURCE : p.reason.replace(/; kept: .*$/, '');
    const reason = `${why}; kept: the new system still refers to it (${e.constraint ?? 'foreign key'})`;
    const changed = await client.query(
      `UPDATE legacy_quarantine SET action = 'kept_after_source_delete', reason = $3,
         target_table = $4, target_id = $5
       WHERE source_table = $1 AND source_key = $2
         AND (action, reason, target_table, target_id) IS DISTINCT FROM
             ('kept_after_source_delete', $3, $4, $5::bigint)`,
      [table, p.key, reason, p.targetTable, p.targetId],
    );
    if ((changed.rowCount ?? 0) > 0) counts.updated++;
    return;
  }
  if (p.gone) {
    await client.query('DELETE FROM legacy_row_map WHERE source_table = $1 AND source_key = $2', [
      table,
      p.key,
    ]);
    await client.query(
      'DELETE FROM legacy_quarantine WHERE source_table = $1 AND source_key = $2',
      [table, p.key],
    );
  } else {
    await client.query(
      `UPDATE legacy_row_map SET target_table = NULL, target_id = NULL
       WHERE source_table = $1 AND source_key = $2`,
      [table, p.key],
    );
    await client.query(
      `UPDATE legacy_quarantine SET action = 'quarantined', target_table = NULL, target_id = NULL,
         reason = regexp_replace(reason, '; kept: .*$', '')
       WHERE source_table = $1 AND source_key = $2 AND action <> 'quarantined'`,
      [table, p.key],
    );
  }
  counts.deleted++;
}
