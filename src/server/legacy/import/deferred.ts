import type pg from 'pg';
import { quoteIdent } from './copy.js';
import { LegacyFailure } from './errors.js';
import { inTransaction } from './target-state.js';

/**
 * Tables a first import fills in bulk. Each secondary index costs an index insert per row and
 * each foreign key a lookup per row; building the index once and checking the key once over the
 * whole table (as pg_restore does) is many times cheaper. Unique indexes, primary keys and CHECKs
 * stay in place: the loader relies on them to refuse rows. The foreign keys set aside are ones
 * the importer already checks itself (references looked up before a row is written), so the
 * check when they are put back is the database proving it.
 */
export const BULK_TABLES: ReadonlySet<string> = new Set([
  'production_orders',
  'order_events',
  'stops',
  'waste',
  'audit_log',
  'legacy_row_map',
]);

export class LegacyRestoreError extends LegacyFailure {}

interface DeferredObject {
  name: string;
  kind: 'index' | 'foreign_key';
  definition: string;
  drop_sql: string;
}

/**
 * Tables whose primary key is set aside too: legacy_row_map's keys are the source's own keys,
 * unique by construction (each source row is read once, in key order, and written with its
 * checkpoint); building its key once at the end instead of row by row takes the largest single
 * cost off the database during the load. A duplicate would fail the restore, loudly.
 */
const KEY_DEFERRED: ReadonlySet<string> = new Set(['legacy_row_map']);

/**
 * Non-unique indexes not backing a constraint, and foreign keys, of a table (from the catalog);
 * its primary key when $2.
 */
const DEFERRABLE = `
  select c.relname as name, 'index' as kind, pg_get_indexdef(i.indexrelid) as definition,
    format('DROP INDEX %s', i.indexrelid::regclass) as drop_sql
  from pg_index i join pg_class c on c.oid = i.indexrelid
  where i.indrelid = $1::regclass and not i.indisunique and not i.indisprimary
    and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid
      and k.conrelid = i.indrelid)
  union all
  select conname, 'foreign_key',
    format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname,
      pg_get_constraintdef(oid)),
    format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname)
  from pg_constraint where conrelid = $1::regclass and contype = 'f'
  union all
  select conname, 'index',
    format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname,
      pg_get_constraintdef(oid)),
    format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname)
  from pg_constraint where conrelid = $1::regclass and contype = 'p' and $2::boolean
  order by 1`;

/**
 * Sets aside a bulk table's secondary indexes and foreign keys for this run: their definitions
 * are recorded in legacy_deferred in the same transaction that drops them. Does nothing when
 * this run already did (a resumed import) or the table is not a bulk table.
 */
export async function deferForBulkLoad(
  client: pg.ClientBase,
  runId: number,
  table: string,
): Promise<void> {
  if (!BULK_TABLES.has(table)) return;
  await inTransaction(client, async () => {
    const done = await client.query(
      'select 1 from legacy_deferred where run_id = $1 and table_name = $2 limit 1',
      [runId, table],
    );
    if (done.rowCount) return;
    const objects = await client.query<DeferredObject>(DEFERRABLE, [
      table,
      KEY_DEFERRED.has(table),
    ]);
    for (const o of objects.rows) {
      await client.query(
        `insert into legacy_deferred (run_id, table_name, name, kind, definition)
         values ($1, $2, $3, $4, $5)`,
        [runId, table, o.name, o.kind, o.definition],
      );
      await client.query(o.drop_sql);
    }
  });
}

/**
 * Puts back everything this run set aside, in one transaction: statistics first (the foreign
 * key checks are planned as joins), then the indexes, then the foreign keys, each validated over
 * the whole table. A row breaking a key fails the import with the database's reason and leaves
 * the record in place, so nothing is dropped without trace and a rerun tries again. `except`: a
 * table left out (its indexes are being built on another connection meanwhile).
 */
export async function restoreDeferred(
  client: pg.ClientBase,
  runId: number,
  except?: string,
): Promise<void> {
  await restore(client, runId, null, except ?? null);
}

/**
 * Builds the set-aside indexes of one table whose rows are all in (on a second connection,
 * while the import goes on with the next tables: the table takes no more writes, and the
 * index build's lock only stops writes). Its foreign keys wait for restoreDeferred.
 */
export async function restoreIndexes(
  client: pg.ClientBase,
  runId: number,
  table: string,
): Promise<void> {
  await restore(client, runId, table, null);
}

/** What is set aside: the indexes of `indexesOf` only, or everything but the table `except`. */
async function restore(
  client: pg.ClientBase,
  runId: number,
  indexesOf: string | null,
  except: string | null,
) {
  await inTransaction(client, async () => {
    const r = await client.query<{
      table_name: string;
      name: string;
      kind: string;
      definition: string;
    }>(
      `select table_name, name, kind, definition from legacy_deferred
       where run_id = $1 and ($2::text is null or (table_name = $2 and kind = 'index'))
         and table_name is distinct from $3
       order by kind = 'foreign_key', table_name, name`,
      [runId, indexesOf, except],
    );
    if (r.rows.length === 0) return;
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const table of new Set(r.rows.map((x) => x.table_name))) {
      await client.query(`ANALYZE ${quoteIdent(table)}`);
    }
    for (const o of r.rows) {
      try {
        await client.query(o.definition);
      } catch (e) {
        throw new LegacyRestoreError(
          `Could not put back ${o.kind === 'index' ? 'index' : 'foreign key'} ${o.name} on ` +
            `${o.table_name}: ${(e as Error).message}. Nothing was lost: the definition stays ` +
            'in legacy_deferred and the next `import` tries again',
        );
      }
    }
    await client.query(
      `delete from legacy_deferred
       where run_id = $1 and ($2::text is null or (table_name = $2 and kind = 'index'))
         and table_name is distinct from $3`,
      [runId, indexesOf, except],
    );
  });
}

/** What a run has set aside and not yet put back ('order_events.order_events_user_id_idx'). */
export async function stillDeferred(client: pg.ClientBase): Promise<string[]> {
  const r = await client.query<{ n: string }>(
    `select table_name || '.' || name as n from legacy_deferred order by 1`,
  );
  return r.rows.map((x) => x.n);
}

export interface IndexBuilder {
  /** Queues the build of a table's set-aside indexes (its rows are all in). */
  build(table: string): void;
  /** Waits for the queued builds; throws the first failure. */
  finish(): Promise<void>;
}

/**
 * Builds set-aside indexes one table after another on a connection of its own, so PostgreSQL
 * builds them while the import reads and maps the next tables. A build that fails (or is killed)
 * rolls back whole and stays recorded: restoreDeferred tries it again at the end.
 */
export function indexBuilder(connect: () => Promise<pg.PoolClient>, runId: number): IndexBuilder {
  let chain: Promise<void> = Promise.resolve();
  let client: pg.PoolClient | null = null;
  let failure: unknown = null;
  return {
    build(table) {
      chain = chain
        .then(async () => {
          if (failure !== null) return;
          client ??= await connect();
          await restoreIndexes(client, runId, table);
        })
        .catch((e: unknown) => {
          failure ??= e;
        });
    },
    async finish() {
      await chain;
      client?.release(failure instanceof Error ? failure : undefined);
      client = null;
      if (failure !== null) throw failure;
    },
  };
}
