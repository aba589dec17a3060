import { createHash } from 'node:crypto';
import type { SourceJoin } from '../mapping.js';

/** `text` cut to `max` characters with `suffix` kept whole. */
export function withSuffix(text: string, suffix: string, max: number): string {
  return `${text.slice(0, Math.max(1, max - suffix.length)).trimEnd()}${suffix}`;
}

/**
 * The code of a stop's free-text reason under its category ('MECH:belt snapped'): one reason per
 * distinct category and text; a long text is cut and keeps a hash of the whole.
 */
export function freeTextReasonCode(category: string, text: string): string {
  const code = `${category}:${text.replace(/\s+/g, ' ').trim()}`;
  if (code.length <= 64) return code;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
  return withSuffix(code, `~${hash}`, 64);
}

export function combineJoins(...joins: (SourceJoin | null)[]): SourceJoin | null {
  const present = joins.filter((j): j is SourceJoin => j !== null);
  if (present.length === 0) return null;
  return {
    select: present.map((j) => j.select).join(', '),
    from: present
      .map((j) => j.from)
      .filter((f) => f !== '')
      .join(' '),
    wholeTable: present.some((j) => j.wholeTable === true),
  };
}
