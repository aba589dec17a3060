/** Slugs for environment and machine-type codes ('Milk Powder' → 'milk-powder'). */

export function slugify(value: unknown, separator: '-' | '_' = '-', max = 64): string | null {
  if (value === null || value === undefined || typeof value === 'object') return null;
  const text = String(value)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .slice(0, max);
  const trimmed = text.replace(separator === '-' ? /^-+|-+$/g : /^_+|_+$/g, '');
  return trimmed === '' ? null : trimmed;
}
