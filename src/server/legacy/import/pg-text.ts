/**
 * Values on their way into PostgreSQL, in the two text forms the importer needs:
 * - `copyField`: a field of COPY's text format (escaped; `\N` for NULL);
 * - `canonical`: exactly what PostgreSQL prints for the stored value through the SQL expression
 *   `canonicalSql` of the same type, so `verify` can compare checksums computed on both sides.
 *
 * Value shapes per column type (what the mappers produce):
 * int / bigint: number | bigint · text: string · bool: boolean · numeric: decimal string
 * (see decimal.ts) · timestamptz: canonical UTC text 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (instant.ts) ·
 * date: 'YYYY-MM-DD' · jsonb: a JSON value (json.ts) · text[]: string[].
 */
import { jsonbText, type Json } from './json.js';
import { trimScale } from './decimal.js';

export type PgType =
  'int' | 'bigint' | 'text' | 'bool' | 'numeric' | 'timestamptz' | 'date' | 'jsonb' | 'text[]';

export type PgValue = number | bigint | string | boolean | Json | string[] | null;

/** Marks NULL inside a canonical row (PostgreSQL text cannot contain \u0001 often, nor \0). */
export const NULL_MARK = '\u0001';
/** Separates columns inside a canonical row. */
export const COLUMN_SEP = '\u001f';
/** Separates rows inside a checksummed range. */
export const ROW_SEP = '\u001e';

/** The text PostgreSQL prints for the value through canonicalSql(type, column). */
export function canonical(type: PgType, value: PgValue): string {
  if (value === null || value === undefined) return NULL_MARK;
  switch (type) {
    case 'int':
    case 'bigint':
      return String(value);
    case 'text':
      return value as string;
    case 'bool':
      return value ? 'true' : 'false';
    case 'numeric':
      return trimScale(value as string);
    case 'timestamptz':
    case 'date':
      return value as string;
    case 'jsonb':
      return jsonbText(value as Json);
    case 'text[]':
      return arrayLiteral(value as string[]);
  }
}

/** SQL expression printing a column as canonical() prints its value. */
export function canonicalSql(type: PgType, column: string): string {
  const printed = (() => {
    switch (type) {
      case 'int':
      case 'bigint':
      case 'text':
      case 'bool':
      case 'jsonb':
      case 'text[]':
        return `${column}::text`;
      case 'numeric':
        return `trim_scale(${column})::text`;
      case 'timestamptz':
        return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
      case 'date':
        return `to_char(${column}, 'YYYY-MM-DD')`;
    }
  })();
  return `coalesce(${printed}, E'\\x01')`;
}

/** One field of COPY text format. */
export function copyField(type: PgType, value: PgValue): string {
  if (value === null || value === undefined) return '\\N';
  switch (type) {
    case 'bool':
      return value ? 't' : 'f';
    case 'jsonb':
      return escapeCopy(jsonbText(value as Json));
    case 'text[]':
      return escapeCopy(arrayLiteral(value as string[]));
    case 'int':
    case 'bigint':
      // A number or bigint prints digits and a sign only: nothing to escape.
      return typeof value === 'string' ? escapeCopy(value) : String(value);
    case 'text':
    case 'numeric':
    case 'timestamptz':
    case 'date':
      return escapeCopy(String(value));
  }
}

const COPY_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

export function escapeCopy(s: string): string {
  return /[\\\n\r\t]/.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!) : s;
}

/** A text[] literal as PostgreSQL prints it: every element quoted when it needs to be. */
export function arrayLiteral(items: string[]): string {
  const parts = items.map((s) =>
    s === '' || /[{}",\\\s]/.test(s) || s.toUpperCase() === 'NULL'
      ? `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`
      : s,
  );
  return `{${parts.join(',')}}`;
}

/** PostgreSQL text cannot hold NUL: replaced by U+FFFD (reported as a cleaned value). */
export function pgSafeText(s: string): string {
  return s.includes('\0') ? s.replace(/\0/g, '\uFFFD') : s;
}
