import type pg from 'pg';
import { encodeLine, quoteIdent, type CopyColumn } from './copy.js';
import type { SourceRow, TableMapper } from './mapping.js';
import type { PgValue } from './pg-text.js';
import { verbatimText } from './raw.js';

export const LEGACY_SCHEMA = 'legacy';
export const SOURCE_KEY_COLUMN = '_source_key';

/**
 * legacy.<source table>: the source columns the new model has no place for, one text column each
 * (as SQLite prints the value), keyed by `_source_key`. For a table with no home at all that is
 * every column: a verbatim copy.
 */
export interface SideTable {
  /** 'legacy.quality_checks' (as recorded in legacy_row_map.target_table). */
  qualifiedName: string;
  /** The same, quoted for SQL. */
  qualified: string;
  columns: readonly string[];
  copyColumns: readonly CopyColumn[];
  row(r: SourceRow): PgValue[];
  /** row(r) as a line of COPY text. */
  line(r: SourceRow): string;
}

export function sideTableFor(
  mapper: TableMapper,
  sourceColumns: readonly string[],
): SideTable | null {
  const used = new Set(mapper.target ? mapper.uses : []);
  const columns = sourceColumns.filter((c) => !used.has(c));
  if (columns.length === 0 && mapper.target) return null;
  const copyColumns: CopyColumn[] = [
    { name: SOURCE_KEY_COLUMN, type: 'bigint' },
    ...columns.map((name) => ({ name, type: 'text' as const })),
  ];
  const row = (r: SourceRow): PgValue[] => [
    r.key,
    ...columns.map((c) => verbatimText(r.values[c] ?? null)),
  ];
  return {
    qualifiedName: `${LEGACY_SCHEMA}.${mapper.source}`,
    qualified: `${LEGACY_SCHEMA}.${quoteIdent(mapper.source)}`,
    columns,
    copyColumns,
    row,
    line: (r) => encodeLine(copyColumns, row(r)),
  };
}

/** Creates the table (or adds columns the source gained since); transactional DDL. */
export async function ensureSideTable(client: pg.ClientBase, side: SideTable): Promise<void> {
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${side.qualified} (${quoteIdent(SOURCE_KEY_COLUMN)} bigint PRIMARY KEY)`,
  );
  for (const c of side.columns) {
    await client.query(
      `ALTER TABLE ${side.qualified} ADD COLUMN IF NOT EXISTS ${quoteIdent(c)} text`,
    );
  }
}
