import type { LegacyValue } from '../../values/index.js';
import { instantText } from '../instant.js';
import type { Json } from '../json.js';
import type { MapContext } from '../mapping.js';
import { pgSafeText } from '../pg-text.js';

/** Assessed values (rules/row.ts) → values COPY sends. */

/** An instant (Date) as canonical UTC text. */
export function inst(v: unknown): string | null {
  return v instanceof Date && !Number.isNaN(v.getTime()) ? instantText(v) : null;
}

export function txt(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return pgSafeText(typeof v === 'string' ? v : String(v));
}

/** Decimal text, as the rules give numbers. */
export function dec(v: unknown): string | null {
  return typeof v === 'string' ? v : typeof v === 'bigint' ? v.toString() : null;
}

/** 'YYYY-MM-DD', as the rules give days. */
export function day(v: unknown): string | null {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
}

export function bool(v: unknown, whenNull: boolean): boolean {
  return typeof v === 'boolean' ? v : whenNull;
}

/** A json column's assessed value ({ json: parsed }) as JSON. */
export function json(v: unknown): Json {
  if (v === null || v === undefined || typeof v !== 'object' || !('json' in v)) return null;
  return toJson((v as { json: unknown }).json);
}

export function toJson(v: unknown): Json {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return pgSafeText(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (Array.isArray(v)) return v.map(toJson);
  if (v instanceof Uint8Array) return { $blob: Buffer.from(v).toString('base64') };
  if (typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) out[pgSafeText(k)] = toJson(x);
    return out;
  }
  return String(v);
}

/** created_at/updated_at: the source's own time, else when the import started. */
export function stamps(ctx: MapContext, createdAt?: string | null) {
  const at = createdAt ?? ctx.epoch;
  return { created_at: at, updated_at: at };
}

/** The raw source text of a column, trimmed, for names of created reference rows. */
export function rawName(v: LegacyValue | undefined, max: number): string {
  return (
    txt(v ?? null)
      ?.trim()
      .slice(0, max) ?? ''
  );
}
