import { quoteIdent, type CopyColumn } from '../import/copy.js';
import type { TargetDef } from '../import/targets.js';
import { jsonbText } from '../import/json.js';
import type { TableMapper, SourceRow } from '../import/mapping.js';
import {
  arrayLiteral,
  canonical,
  canonicalSql,
  COLUMN_SEP,
  NULL_MARK,
  type PgValue,
} from '../import/pg-text.js';
import { rawJson, verbatimText } from '../import/raw.js';
import type { Outcome } from '../import/settle.js';
import type { SideTable } from '../import/side-table.js';

/**
 * The canonical form of a source row's place in PostgreSQL, as one text, computed twice: in
 * JavaScript from the source row (what should be there) and in SQL from what is there. Parts,
 * separated by PART_SEP, each a list of columns separated by COLUMN_SEP:
 *   T <target columns> | S <target id> (a reference row) | C (verbatim copy), then the
 *   legacy.<table> columns, then the legacy_quarantine record (action, columns, raw);
 *   or Q <raw row> <'refused' when PostgreSQL itself refused the row>.
 */
export const PART_SEP = '\u001d';

/**
 * Target columns verify compares: all but updated_at, which records when Shopfloor last changed
 * the row (sync sets it when it updates a row; the legacy file has no such time).
 */
export function comparedColumns(target: TargetDef): { column: CopyColumn; index: number }[] {
  return target.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.name !== 'updated_at');
}

export interface CanonicalShape {
  mapper: TableMapper;
  side: SideTable | null;
  /** The rows are reference rows found by code (reason codes, areas…). */
  self: boolean;
}

export interface ExpectedRow {
  key: bigint;
  canon: string;
}

/** What PostgreSQL should hold for the row. */
export function expectedCanon(
  shape: CanonicalShape,
  row: SourceRow,
  o: Outcome,
  record: PgValue[] | null,
): string {
  const parts: string[] = [];
  switch (o.kind) {
    case 'quarantine':
      return ['Q', jsonbText(rawJson(row.values)), ''].join(PART_SEP);
    case 'insert': {
      const cols = comparedColumns(shape.mapper.target!);
      parts.push(
        'T',
        cols
          .map(({ column, index }) => canonical(column.type, o.values[index] ?? null))
          .join(COLUMN_SEP),
      );
      break;
    }
    case 'self':
      parts.push('S', String(o.id));
      break;
    case 'copy':
      parts.push('C', '');
      break;
  }
  if (shape.side) {
    parts.push(
      shape.side.columns
        .map((c) => verbatimText(row.values[c] ?? null) ?? NULL_MARK)
        .join(COLUMN_SEP),
    );
  }
  parts.push(
    record
      ? [
          record[4] as string,
          arrayLiteral(record[5] as string[]),
          jsonbText(rawJson(row.values)),
        ].join(COLUMN_SEP)
      : '',
  );
  return parts.join(PART_SEP);
}

/** SQL giving (source_key, canon) for the row map entries of a table in a key range. */
export function actualCanonSql(shape: CanonicalShape): string {
  const sep = `E'\\x1d'`;
  const colSep = `E'\\x1f'`;
  const target = shape.mapper.target;
  const joins: string[] = [];
  let body: string;
  if (!target) {
    body = `'C' || ${sep}`;
  } else if (shape.self) {
    body = `'S' || ${sep} || m.target_id::text`;
  } else {
    const cols = comparedColumns(target).map(({ column: c }) =>
      canonicalSql(c.type, `t.${quoteIdent(c.name)}`),
    );
    joins.push(`LEFT JOIN ${quoteIdent(target.table)} t ON t.id = m.target_id`);
    body = `'T' || ${sep} || CASE WHEN t.id IS NULL THEN '<no row in ${target.table}>' ELSE concat_ws(${colSep}, ${cols.join(', ')}) END`;
  }
  if (shape.side) {
    const cols = shape.side.columns.map((c) => `coalesce(s.${quoteIdent(c)}, E'\\x01')`);
    joins.push(`LEFT JOIN ${shape.side.qualified} s ON s._source_key = m.source_key`);
    const sideCols = cols.length > 0 ? `concat_ws(${colSep}, ${cols.join(', ')})` : `''`;
    body += ` || ${sep} || CASE WHEN s._source_key IS NULL THEN '<no row in ${shape.side.qualifiedName}>' ELSE ${sideCols} END`;
  }
  body += ` || ${sep} || coalesce(concat_ws(${colSep}, q.action, q.cleared_columns::text, q.raw::text), '')`;
  const refused = `CASE WHEN q.reason LIKE 'refused by PostgreSQL%' THEN 'refused' ELSE '' END`;
  const quarantined = `'Q' || ${sep} || coalesce(q.raw::text, '<no quarantine record>') || ${sep} || ${refused}`;
  return `SELECT m.source_key::text AS k,
      CASE WHEN m.target_table IS NULL THEN ${quarantined} ELSE ${body} END AS canon
    FROM legacy_row_map m ${joins.join(' ')}
    LEFT JOIN legacy_quarantine q ON q.source_table = m.source_table AND q.source_key = m.source_key::text
    WHERE m.source_table = $1 AND m.source_key > $2 AND m.source_key <= $3`;
}

/** Names of the parts' columns, for printing differences column by column. */
export function partColumns(shape: CanonicalShape, kind: string): string[][] {
  const parts: string[][] = [];
  if (kind === 'Q') return [['place'], ['quarantine.raw'], ['refused by PostgreSQL']];
  parts.push(['place']);
  if (kind === 'T')
    parts.push(comparedColumns(shape.mapper.target!).map(({ column }) => column.name));
  else if (kind === 'S') parts.push(['target_id']);
  else parts.push([]);
  if (shape.side) parts.push(shape.side.columns.map((c) => `${shape.side!.qualifiedName}.${c}`));
  parts.push(['quarantine.action', 'quarantine.cleared_columns', 'quarantine.raw']);
  return parts;
}
