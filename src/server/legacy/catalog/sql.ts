/** SQL text helpers for reading the legacy file (identifiers are always quoted). */
import type { EnumMapping } from '../values/enums.js';

export function q(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

export function lit(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** SQL twin of normaliseEnum(): trimmed, lower case, spaces and hyphens as '_'. */
export function sqlNormalisedEnum(expr: string): string {
  return `NULLIF(replace(replace(lower(trim(${expr})), ' ', '_'), '-', '_'), '')`;
}

/** SQL twin of mapLegacyEnum() for the known values (NULL for unknown or missing). */
export function sqlMappedEnum(mapping: EnumMapping, expr: string): string {
  const pairs = [
    ...mapping.allowed.map((a) => [a.toLowerCase(), a] as const),
    ...Object.entries(mapping.aliases),
  ];
  const whens = pairs.map(([from, to]) => `WHEN ${lit(from)} THEN ${lit(to)}`).join(' ');
  return `(CASE ${sqlNormalisedEnum(expr)} ${whens} END)`;
}
