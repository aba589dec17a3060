/** The plant's default IANA time zone (LEGACY.md: SAST, no daylight saving). */
export const DEFAULT_PLANT_TIME_ZONE = 'Africa/Johannesburg';

/**
 * True when `zone` is an IANA zone name the runtime knows (e.g. "Europe/Berlin").
 * Fixed-offset strings such as "+02:00" are refused: they are the legacy bug
 * (in POSIX notation "+02:00" means UTC−2) and carry no daylight-saving rules.
 */
export function isValidTimeZone(zone: string): boolean {
  if (
    !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone) ||
    /^(Etc\/)?GMT[+-]/i.test(zone)
  ) {
    return zone === 'UTC' || zone === 'Etc/UTC';
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const checkedZones = new Set<string>();

/** Returns `zone` when {@link isValidTimeZone} accepts it, else throws a RangeError. */
export function assertTimeZone(zone: string): string {
  if (checkedZones.has(zone)) return zone;
  if (typeof zone !== 'string' || !isValidTimeZone(zone)) {
    throw new RangeError(`Not an IANA time zone: ${JSON.stringify(zone)}`);
  }
  checkedZones.add(zone);
  return zone;
}
