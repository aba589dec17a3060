/**
 * Instants and plant wall-clock time. Pure functions of (instant, zone): nothing here reads the
 * process or browser time zone, so the answers are the same under any `TZ`.
 */
import { DateTime, IANAZone } from 'luxon';
import { assertTimeZone } from './zone.js';

const MS_PER_DAY = 86_400_000;
const OFFSET_RE = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const WALL_CLOCK_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

/** An instant: a Date, or an ISO 8601 string with an explicit offset or `Z`. */
export type Instant = Date | string;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * The instant as epoch milliseconds. Strings must carry an explicit offset ('Z', '+02:00',
 * '+0200' or '+02'); a string without one would depend on the runtime's zone and is refused.
 */
export function toEpochMs(instant: Instant): number {
  let ms: number;
  if (instant instanceof Date) {
    ms = instant.getTime();
  } else if (typeof instant === 'string') {
    const text = instant.trim().replace(' ', 'T');
    if (!text.includes('T') || !OFFSET_RE.test(text)) {
      throw new RangeError(`Instant needs an explicit UTC offset: ${JSON.stringify(instant)}`);
    }
    ms = DateTime.fromISO(text, { zone: 'utc' }).toMillis();
  } else {
    throw new TypeError('Instant must be a Date or an ISO 8601 string');
  }
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid instant: ${String(instant)}`);
  return ms;
}

/** The instant as a Date (a new object). */
export function toInstantDate(instant: Instant): Date {
  return new Date(toEpochMs(instant));
}

/** Offset of `zone` from UTC at epoch milliseconds `ms`, in whole milliseconds (via Intl). */
function exactOffsetMs(zone: string, ms: number): number {
  const minutes = IANAZone.create(assertTimeZone(zone)).offset(ms);
  if (!Number.isFinite(minutes)) throw new RangeError(`Cannot resolve offset in ${zone}`);
  return Math.round(minutes * 60_000);
}

const DAY_MS = 86_400_000;
/** zone|UTC day → the offset valid for the whole day, or NaN when it changes inside it. */
const offsetByDay = new Map<string, number>();

/**
 * Offset of `zone` at `ms`. Asking Intl costs ~0.1 ms, and a page of orders asks hundreds of
 * times (history spread over years: a different day for nearly every time), so the answer is
 * kept per UTC day when the offset is the same at both ends of it (a day holding a change is
 * always computed exactly; it is checked at both ends and the middle, and no zone changes its
 * offset and back within 12 hours).
 */
function offsetMsAt(zone: string, ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  const key = `${zone}|${day}`;
  let cached = offsetByDay.get(key);
  if (cached === undefined) {
    const start = exactOffsetMs(zone, day * DAY_MS);
    const same =
      start === exactOffsetMs(zone, day * DAY_MS + DAY_MS / 2) &&
      start === exactOffsetMs(zone, day * DAY_MS + DAY_MS - 1);
    cached = same ? start : Number.NaN;
    if (offsetByDay.size >= 100_000) offsetByDay.clear();
    offsetByDay.set(key, cached);
  }
  return Number.isNaN(cached) ? exactOffsetMs(zone, ms) : cached;
}

/** Offset of the plant zone from UTC at the instant, in minutes (east positive). */
export function plantOffsetMinutes(instant: Instant, zone: string): number {
  return offsetMsAt(zone, toEpochMs(instant)) / 60_000;
}

/** Wall-clock milliseconds: the local date and time written as if it were UTC. */
function localMs(ms: number, zone: string): number {
  return ms + offsetMsAt(zone, ms);
}

function formatLocal(local: number, withMs: boolean): string {
  const d = new Date(local);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date}T${time}${withMs ? `.${pad(d.getUTCMilliseconds(), 3)}` : ''}`;
}

/** Local wall clock at the plant, 'YYYY-MM-DDTHH:mm:ss' (fractions of a second dropped). */
export function toPlantWallClock(instant: Instant, zone: string): string {
  return formatLocal(localMs(toEpochMs(instant), zone), false);
}

/** The plant's calendar day of the instant, 'YYYY-MM-DD'. */
export function plantDay(instant: Instant, zone: string): string {
  return toPlantWallClock(instant, zone).slice(0, 10);
}

function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const hh = pad(Math.floor(total / 3600));
  const mm = pad(Math.floor(total / 60) % 60);
  const ss = total % 60;
  return `${sign}${hh}:${mm}${ss === 0 ? '' : `:${pad(ss)}`}`;
}

/** The plant's UTC offset at the instant, '+02:00' style ('+00:00' for UTC). */
export function utcOffset(instant: Instant, zone: string): string {
  return formatOffset(offsetMsAt(zone, toEpochMs(instant)));
}

/** ISO 8601 with the plant's offset, e.g. '2026-11-24T08:15:00.000+02:00'. */
export function formatPlantIso(instant: Instant, zone: string): string {
  const ms = toEpochMs(instant);
  const offset = offsetMsAt(zone, ms);
  return `${formatLocal(ms + offset, true)}${formatOffset(offset)}`;
}

/**
 * Converts wall-clock milliseconds to an instant the way PostgreSQL's
 * `timestamp AT TIME ZONE zone` does: take the offsets in force one day either side; a wall time
 * valid under just one of them uses that one; a time in a spring-forward gap uses the offset from
 * before the change (02:30 → 03:30 summer time in Berlin); a time repeated by a fall-back change
 * uses the offset from after it (the later of the two instants).
 */
export function wallClockMsToEpochMs(wallMs: number, zone: string): number {
  const before = offsetMsAt(zone, wallMs - MS_PER_DAY);
  const after = offsetMsAt(zone, wallMs + MS_PER_DAY);
  if (before === after) return wallMs - before;
  const beforeFits = offsetMsAt(zone, wallMs - before) === before;
  const afterFits = offsetMsAt(zone, wallMs - after) === after;
  if (beforeFits !== afterFits) return wallMs - (beforeFits ? before : after);
  return wallMs - (before < after ? before : after);
}

/** Parses 'YYYY-MM-DDTHH:mm[:ss[.fff]]' (or with a space) to wall-clock milliseconds. */
export function parseWallClock(local: string): number {
  const match = typeof local === 'string' ? WALL_CLOCK_RE.exec(local.trim()) : null;
  if (!match) throw new RangeError(`Not a wall-clock time: ${JSON.stringify(local)}`);
  const [y, mo, d, h, mi, s] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(wall);
  if (
    h > 23 ||
    mi > 59 ||
    s > 59 ||
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d
  ) {
    throw new RangeError(`Not a wall-clock time: ${JSON.stringify(local)}`);
  }
  return wall;
}

/**
 * The instant at which the plant's clocks show `local` ('YYYY-MM-DDTHH:mm[:ss]' or with a space).
 * Gap and repeated times are resolved exactly like PostgreSQL, see {@link wallClockMsToEpochMs}.
 */
export function fromPlantWallClock(local: string, zone: string): Date {
  return new Date(wallClockMsToEpochMs(parseWallClock(local), zone));
}
