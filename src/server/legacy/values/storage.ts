/**
 * SQLite storage classes as better-sqlite3 hands them over with `defaultSafeIntegers(true)`:
 * INTEGER → bigint, REAL → number, TEXT → string, BLOB → Buffer, NULL → null.
 */
export const STORAGE_CLASSES = ['integer', 'real', 'text', 'blob', 'null'] as const;
export type StorageClass = (typeof STORAGE_CLASSES)[number];

/** A value read from the legacy file (safe integers on). */
export type LegacyValue = bigint | number | string | Buffer | Uint8Array | null;

export function storageClassOf(value: unknown): StorageClass {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return 'integer';
  if (typeof value === 'number') return 'real';
  if (typeof value === 'string') return 'text';
  return 'blob';
}

/** A short, printable rendering of a raw value for reports and quarantine reasons. */
export function showValue(value: unknown, max = 60): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const s = JSON.stringify(value);
    return s.length > max ? `${s.slice(0, max - 2)}…"` : s;
  }
  const bytes = value instanceof Uint8Array ? value.length : 0;
  return `<blob ${bytes} bytes>`;
}

/** The value as JSON-safe data: bigint → decimal string, blob → {"$blob": base64}. */
export function jsonSafe(value: unknown): string | number | boolean | null | { $blob: string } {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Uint8Array) return { $blob: Buffer.from(value).toString('base64') };
  return String(value);
}
