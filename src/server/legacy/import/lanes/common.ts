import type { AssessContext } from '../../rules/context.js';
import { mapLegacyEnum, type EnumMapping } from '../../values/enums.js';
import { truthy } from '../../rules/row.js';
import type { SourceTable } from '../../source/schema.js';
import type { LegacyValue, TimeBase } from '../../values/index.js';
import { parseLegacyTime } from '../../values/time.js';
import type { SourceRow } from '../mapping.js';

/**
 * What lanes share. Each helper answers for the plain case only: `undefined` means "not plain,
 * let the rules decide the row".
 */

export const INT4_MAX = 2_147_483_647n;

/** Whether the file's table has exactly these columns (a lane knows no others). */
export function hasExactly(table: SourceTable, columns: readonly string[]): boolean {
  const names = table.columns.map((c) => c.name);
  return names.length === columns.length && columns.every((c) => names.includes(c));
}

/**
 * Whether the file's table has all these columns and, of the catalog's columns, no others
 * (undocumented extra columns are only kept verbatim, which lanes leave to the batch).
 */
export function hasKnown(
  table: SourceTable,
  columns: readonly string[],
  documented: readonly string[],
): boolean {
  const names = new Set(table.columns.map((c) => c.name));
  return (
    columns.every((c) => names.has(c)) &&
    documented.every((c) => columns.includes(c) || !names.has(c))
  );
}

/**
 * The target id of a row keyed by its own integer id (`offset` added, as the catalog's idOffset),
 * when it is a positive int4.
 */
export function plainId(row: SourceRow, offset = 0n): bigint | undefined {
  const key = row.values.id;
  if (typeof key !== 'bigint' || key !== row.key || key < 1n) return undefined;
  const id = key + offset;
  return id > INT4_MAX ? undefined : id;
}

/**
 * A reference the rules keep as it is: NULL, or the int4 id of a row of `parent` that is in the
 * file (the row query's `__ref_<column>` flag) and not quarantined.
 */
export function plainRef(
  row: SourceRow,
  column: string,
  parent: string,
  actx: AssessContext,
): number | null | undefined {
  const v = row.values[column];
  if (v === null) return null;
  if (typeof v !== 'bigint' || v < 1n || v > INT4_MAX) return undefined;
  if (!truthy(row.joined[`ref_${column}`])) return undefined;
  if (actx.quarantined.get(parent)?.has(v.toString())) return undefined;
  return Number(v);
}

/** Text the rules keep as it is (trimmed when they trim), not blank, at most `max` long. */
export function plainText(
  v: LegacyValue | undefined,
  max: number,
  trim = true,
): string | undefined {
  if (typeof v !== 'string') return undefined;
  const text = trim ? v.trim() : v;
  return text.trim() === '' || text.length > max ? undefined : text;
}

/** NULL, or an instant the rules read from the value (a Date PostgreSQL can hold). */
export function plainInstant(
  v: LegacyValue | undefined,
  base: TimeBase,
  zone: string,
): Date | null | undefined {
  if (v === null) return null;
  if (v === undefined) return undefined;
  const parsed = parseLegacyTime(v, base, zone);
  if (parsed.kind !== 'instant') return undefined;
  const year = parsed.at.getUTCFullYear();
  return Number.isNaN(parsed.at.getTime()) || year < 1 || year > 9999 ? undefined : parsed.at;
}

/** A closed interval the rules keep: both ends parse, and it does not end before it starts. */
export function plainClosedInterval(
  start: LegacyValue | undefined,
  end: LegacyValue | undefined,
  bases: { start: TimeBase; end: TimeBase },
  zone: string,
): { started: Date; ended: Date } | undefined {
  const started = plainInstant(start, bases.start, zone);
  const ended = plainInstant(end, bases.end, zone);
  return started && ended && ended >= started ? { started, ended } : undefined;
}

/** A whole number (stored as an integer) the rules keep as it is, as decimal text. */
export function plainCount(v: LegacyValue | undefined, min: bigint): string | undefined {
  return typeof v === 'bigint' && v >= min ? v.toString() : undefined;
}

/** The value the mapping gives a spelling it takes as it is (no fallback recorded); null: NULL. */
export function plainEnum(mapping: EnumMapping, v: unknown): string | null | undefined {
  if (v !== null && typeof v !== 'string') return undefined;
  const out = mapLegacyEnum(mapping, v);
  if (out.kind === 'null') return null;
  return out.kind === 'same' || out.kind === 'alias' || out.kind === 'null-default'
    ? out.value
    : undefined;
}
