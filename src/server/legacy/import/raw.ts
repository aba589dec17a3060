import { hash } from 'node:crypto';
import { jsonSafe, type LegacyValue } from '../values/index.js';
import type { Json } from './json.js';
import { pgSafeText } from './pg-text.js';

/**
 * Raw source values as they are kept: as JSON in legacy_quarantine.raw (bigint past 2^53 as
 * text, blobs as {"$blob": base64}), as text in legacy.* copies, and as a 64-bit hash in
 * legacy_row_map.row_hash (sync's test for "changed").
 */

/** The raw row as a JSON object, columns in source order. */
export function rawJson(values: Record<string, LegacyValue>): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(values)) out[k] = jsonSafe(v) as Json;
  return out;
}

/**
 * A value as text in a legacy.* copy, as SQLite itself prints it: integers exactly, reals with a
 * decimal point ('100.0'), blobs as '\x…' hex, text as is (NUL, which PostgreSQL text cannot
 * hold, as U+FFFD).
 */
export function verbatimText(v: LegacyValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    return Number.isInteger(v) && Math.abs(v) < 1e15 ? `${v}.0` : String(v);
  }
  if (typeof v === 'string') return pgSafeText(v);
  return `\\x${Buffer.from(v).toString('hex')}`;
}

function tagged(v: LegacyValue): string {
  if (v === null || v === undefined) return 'n';
  if (typeof v === 'bigint') return `i${v}`;
  if (typeof v === 'number') return `r${v}`;
  if (typeof v === 'string') return `t${v}`;
  return `b${Buffer.from(v).toString('hex')}`;
}

/**
 * 64-bit hash (signed, for int8) of the raw row — column names, storage classes, values — plus
 * the values read with it from other tables and the digest of what the rules decided.
 */
export function rowHash(
  values: Record<string, LegacyValue>,
  joined: Record<string, LegacyValue> = {},
  digest = '',
): bigint {
  let text = '';
  for (const k in values) text += `${k}\u001f${tagged(values[k] ?? null)}\u001e`;
  for (const k in joined) text += `__${k}\u001f${tagged(joined[k] ?? null)}\u001e`;
  // One-shot hash (a third of createHash's cost per row): the first 8 bytes of the MD5, signed.
  return BigInt.asIntN(64, BigInt(`0x${hash('md5', text + digest, 'hex').slice(0, 16)}`));
}
