/** Why the legacy file could not be read. `missing` is a usage error (exit 2), the rest exit 1. */
export class LegacySourceError extends Error {
  override readonly name = 'LegacySourceError';
  constructor(
    readonly kind: 'missing' | 'not-sqlite' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}
