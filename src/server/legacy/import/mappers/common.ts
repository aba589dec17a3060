import { createHash } from 'node:crypto';
import { DUPLICATE_RULES, q } from '../../catalog/index.js';
import { REASON_CATEGORIES, type LegacyValue } from '../../values/index.js';
import type { Ensure, HasColumn, MapContext, SourceJoin, SourceRow } from '../mapping.js';
import type { RowReader } from '../row-reader.js';

/** created_at / updated_at of a row whose source has no such time: when the import started. */
export function stamps(ctx: MapContext, createdAt?: string | null) {
  const at = createdAt ?? ctx.epoch;
  return { created_at: at, updated_at: at };
}

/** An area name as an environment code: 'Milk Powder' → 'milk-powder' (null: no letters). */
export function environmentCode(name: string): string | null {
  const code = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return code === '' ? null : code;
}

/** The environment named in `column` as an ensure of environment_id (a problem if unusable). */
export function environmentEnsure(r: RowReader, column: string): Ensure[] {
  const raw = r.text(column);
  if (raw === null) return [];
  const code = environmentCode(raw);
  if (code === null) {
    r.problems.push(`${column} ${JSON.stringify(raw)} has no letters or digits`);
    return [];
  }
  return [{ column: 'environment_id', kind: 'environment', code, name: raw.slice(0, 100) }];
}

/** A machine type name as its code ('Form Fill Seal' → 'form-fill-seal'). */
export const machineTypeCode = environmentCode;

/** `text` cut to `max` characters with `suffix` kept whole. */
export function withSuffix(text: string, suffix: string, max: number): string {
  return `${text.slice(0, Math.max(1, max - suffix.length)).trimEnd()}${suffix}`;
}

const CATEGORY_CODES = new Set(REASON_CATEGORIES.map((c) => c.code));

/** The code of a stop's free-text reason under its category: 'MECH:belt snapped'. */
export function freeTextReasonCode(category: string, text: string): string {
  const code = `${category}:${text.replace(/\s+/g, ' ').trim()}`;
  if (code.length <= 64) return code;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
  return withSuffix(code, `~${hash}`, 64);
}

export function isCategoryCode(code: string): boolean {
  return CATEGORY_CODES.has(code);
}

/**
 * The duplicate groups of the catalog (DUPLICATE_RULES) as joins: each row gets the id of the
 * first row of its group (`__first_<rule>`); a row whose first is not itself is a later duplicate.
 */
export function duplicateJoins(ruleNames: readonly string[], has: HasColumn): SourceJoin | null {
  const selects: string[] = [];
  const froms: string[] = [];
  ruleNames.forEach((name, i) => {
    const rule = DUPLICATE_RULES.find((r) => r.name === name);
    if (!rule || !has(rule.table, 'id') || !rule.columns.every((c) => has(rule.table, c))) return;
    const alias = `d${i}`;
    selects.push(`${alias}.first AS ${q(`__first_${name}`)}`);
    froms.push(
      `LEFT JOIN (SELECT ${rule.keySql} AS k, min(t.id) AS first FROM ${q(rule.table)} t ` +
        `GROUP BY 1) ${alias} ON ${alias}.k = ${rule.keySql}`,
    );
  });
  return selects.length === 0 ? null : { select: selects.join(', '), from: froms.join(' ') };
}

export function combineJoins(...joins: (SourceJoin | null)[]): SourceJoin | null {
  const present = joins.filter((j): j is SourceJoin => j !== null);
  if (present.length === 0) return null;
  return {
    select: present.map((j) => j.select).join(', '),
    from: present.map((j) => j.from).join(' '),
  };
}

/** The first row of the row's duplicate group, when it is a later duplicate. */
export function laterDuplicateOf(row: SourceRow, rule: string): bigint | null {
  const first = row.joined[`first_${rule}`];
  if (first === null || first === undefined || typeof first !== 'bigint') return null;
  return first === row.key ? null : first;
}

/** The source value as a JS number id, or null. */
export function idOf(v: LegacyValue): number | null {
  if (typeof v === 'bigint' && v > 0n && v <= 2_147_483_647n) return Number(v);
  return null;
}
