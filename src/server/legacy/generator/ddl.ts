/** The legacy DDL, written from the catalog (the way the legacy app declared its tables). */
import { q } from '../catalog/sql.js';
import type { TableSpec } from '../catalog/types.js';

export function createTableSql(spec: TableSpec, extraColumns: readonly string[] = []): string {
  const cols = spec.columns.map((c) => {
    const parts = [q(c.name), c.declared];
    if (c.notNull) parts.push('NOT NULL');
    if (c.unique) parts.push('UNIQUE');
    if (c.defaultSql !== undefined) parts.push(`DEFAULT ${c.defaultSql}`);
    if (c.references) parts.push(`REFERENCES ${q(c.references)}(id)`);
    return parts.join(' ');
  });
  const body = [...cols, ...extraColumns, ...(spec.constraints ?? [])].join(',\n  ');
  return `CREATE TABLE ${q(spec.name)} (\n  ${body}\n)`;
}

/** Tables no Shopfloor catalog knows (the "unknown extra table" quirk). */
export const UNKNOWN_TABLES_SQL = [
  `CREATE TABLE legacy_shift_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    note TEXT,
    written_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    shift TEXT
  )`,
  `CREATE TABLE kv_settings (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID`,
];
