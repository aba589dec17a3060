import type { SourceTable } from '../../source/schema.js';

export const INT4_MAX = 2_147_483_647n;

/** Whether the file's table has exactly these columns (a lane knows no others). */
export function hasExactly(table: SourceTable, columns: readonly string[]): boolean {
  const names = table.columns.map((c) => c.name);
  return names.length === columns.length && columns.every((c) => names.includes(c));
}
