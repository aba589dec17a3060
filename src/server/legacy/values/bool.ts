/** Legacy booleans: 0/1 integers, and text spelled 'true'/'false', 't'/'f', 'yes'/'no', … */

export type ParsedBool =
  { kind: 'bool'; value: boolean } | { kind: 'null' } | { kind: 'unrecognised'; reason: string };

const TRUE_TEXT = new Set(['1', 'true', 't', 'yes', 'y', 'on']);
const FALSE_TEXT = new Set(['0', 'false', 'f', 'no', 'n', 'off']);

/** Reads a legacy boolean. Anything but the spellings above is `unrecognised`, never guessed. */
export function parseLegacyBool(value: unknown): ParsedBool {
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'bigint' || typeof value === 'number') {
    if (Number(value) === 1) return { kind: 'bool', value: true };
    if (Number(value) === 0) return { kind: 'bool', value: false };
    return { kind: 'unrecognised', reason: `number ${String(value)} is neither 0 nor 1` };
  }
  if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (TRUE_TEXT.has(t)) return { kind: 'bool', value: true };
    if (FALSE_TEXT.has(t)) return { kind: 'bool', value: false };
    return { kind: 'unrecognised', reason: `${JSON.stringify(value)} is not a yes/no value` };
  }
  return { kind: 'unrecognised', reason: 'a blob is not a yes/no value' };
}

/** How a boolean is spelled, for the plan: `1`, `'true'`, `'T'`, `NULL`, … */
export function boolSpelling(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'bigint' || typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.length > 20 ? `${value.slice(0, 20)}…` : value}'`;
  return '<blob>';
}
