/**
 * Legacy time values → instants or days. The legacy file holds times as naive text
 * ('YYYY-MM-DD HH:MM:SS', meaning UTC or plant wall clock depending on the column), ISO 8601
 * with 'T', 'Z' or an offset, date-only text, and Unix epochs in seconds or milliseconds stored
 * as integers (or reals, or digit strings). Nothing here guesses: a value that is none of those
 * is `unparseable`, with the reason.
 */
import { plantDay, wallClockMsToEpochMs } from '../../../common/plant-time/index.js';

/** How a naive (zone-less) value of a column is read. */
export type TimeBase = 'utc' | 'plant';

export const TIME_FORMATS = [
  'naive',
  'naive-t',
  'iso-z',
  'iso-offset',
  'date-only',
  'epoch-s',
  'epoch-ms',
  'unparseable',
] as const;
/**
 * naive: 'YYYY-MM-DD HH:MM[:SS[.fff]]'; naive-t: the same with 'T'; iso-z: with 'Z' (or ' UTC');
 * iso-offset: with '+02:00' / '+0200' / '+02'; date-only: 'YYYY-MM-DD'; epoch-s / epoch-ms:
 * integer (or real, or digit text) seconds / milliseconds since 1970; unparseable: anything else.
 */
export type TimeFormat = (typeof TIME_FORMATS)[number];

export type ParsedTime =
  | { kind: 'instant'; at: Date; format: Exclude<TimeFormat, 'date-only' | 'unparseable'> }
  | { kind: 'date'; day: string; format: 'date-only' }
  | { kind: 'unparseable'; reason: string; format: 'unparseable' };

/** Formats whose meaning depends on the column's time base. */
export const NAIVE_FORMATS: ReadonlySet<TimeFormat> = new Set(['naive', 'naive-t']);

/** Plausible epochs: 1990-01-01 .. 2100-01-01 (seconds). Outside → unparseable, not guessed. */
const EPOCH_S_MIN = 631_152_000;
const EPOCH_S_MAX = 4_102_444_800;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const DIGITS_RE = /^[+-]?\d+(?:\.\d+)?$/;

const HOUR_MS = 3_600_000;
const offsetCache = new Map<string, Map<number, number>>();

/**
 * fromPlantWallClock() for wall-clock milliseconds, memoised per zone and wall-clock hour: when
 * both ends of the hour resolve to the same offset the whole hour does (no zone changes twice in
 * an hour); otherwise (a change inside the hour) every value is resolved exactly.
 */
export function plantWallClockToDate(wallMs: number, zone: string): Date {
  let cache = offsetCache.get(zone);
  if (!cache) offsetCache.set(zone, (cache = new Map()));
  const hour = Math.floor(wallMs / HOUR_MS);
  let offset = cache.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    const end = start + HOUR_MS - 1;
    const a = start - wallClockMsToEpochMs(start, zone);
    const b = end - wallClockMsToEpochMs(end, zone);
    offset = a === b ? a : Number.NaN;
    if (cache.size > 500_000) cache.clear();
    cache.set(hour, offset);
  }
  return new Date(Number.isNaN(offset) ? wallClockMsToEpochMs(wallMs, zone) : wallMs - offset);
}

function unparseable(reason: string): ParsedTime {
  return { kind: 'unparseable', reason, format: 'unparseable' };
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Date.UTC without its two-digit-year rule (year 50 is year 50, not 1950). */
function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) {
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (y >= 100) return t;
  const date = new Date(t);
  date.setUTCFullYear(y);
  return date.getTime();
}

/** 'YYYY-MM-DD' when it is a real calendar day. */
export function isCalendarDay(text: string): boolean {
  const m = DATE_RE.exec(text);
  return m !== null && validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

function fromEpoch(value: number, source: string): ParsedTime {
  if (!Number.isFinite(value)) return unparseable(`${source} is not a finite number`);
  if (value >= EPOCH_S_MIN && value <= EPOCH_S_MAX) {
    return { kind: 'instant', at: new Date(Math.round(value * 1000)), format: 'epoch-s' };
  }
  if (value >= EPOCH_S_MIN * 1000 && value <= EPOCH_S_MAX * 1000) {
    return { kind: 'instant', at: new Date(Math.round(value)), format: 'epoch-ms' };
  }
  return unparseable(`${source} ${value} is outside 1990–2100 as epoch seconds or milliseconds`);
}

function offsetMinutes(zone: string): number | null {
  const z = zone.toUpperCase();
  if (z === 'Z' || z === 'UTC' || z === 'GMT') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return null;
  const h = Number(m[2]);
  const mi = Number(m[3] ?? 0);
  if (h > 14 || mi > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + mi);
}

const ZERO = 48;

/** Digits of text[from, to) as a number, or -1 when one is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Fast path for the common 'YYYY-MM-DD HH:MM:SS' (or with 'T'): wall-clock ms, or null. */
function fastNaive(t: string): number | null {
  if (t.length !== 19 || t[4] !== '-' || t[7] !== '-' || t[13] !== ':' || t[16] !== ':')
    return null;
  if (t[10] !== ' ' && t[10] !== 'T') return null;
  const y = digits(t, 0, 4);
  const mo = digits(t, 5, 7);
  const d = digits(t, 8, 10);
  const h = digits(t, 11, 13);
  const mi = digits(t, 14, 16);
  const sec = digits(t, 17, 19);
  if (y < 100 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return null;
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || sec > 59) return null;
  return Date.UTC(y, mo - 1, d, h, mi, sec);
}

function parseText(raw: string, base: TimeBase, zone: string): ParsedTime {
  const fast = fastNaive(raw);
  if (fast !== null) {
    const at = base === 'utc' ? new Date(fast) : plantWallClockToDate(fast, zone);
    return { kind: 'instant', at, format: raw.charCodeAt(10) === 84 ? 'naive-t' : 'naive' };
  }
  const text = raw.trim();
  if (text === '') return unparseable('empty text');
  if (DATE_RE.test(text)) {
    return isCalendarDay(text)
      ? { kind: 'date', day: text, format: 'date-only' }
      : unparseable(`${JSON.stringify(text)} is not a calendar day`);
  }
  const m = DATETIME_RE.exec(text);
  if (m) {
    const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[5], m[6], m[7]].map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const seconds = m[7] === undefined ? 0 : sec;
    if (!validDay(y, mo, d) || h > 23 || mi > 59 || seconds > 59) {
      return unparseable(`${JSON.stringify(text)} is not a valid date and time`);
    }
    const ms = m[8] === undefined ? 0 : Number(m[8].padEnd(3, '0').slice(0, 3));
    const wallMs = utcMs(y, mo, d, h, mi, seconds, ms);
    const zonePart = m[9];
    if (zonePart !== undefined) {
      const off = offsetMinutes(zonePart);
      if (off === null) return unparseable(`${JSON.stringify(text)} has an invalid UTC offset`);
      const format = off === 0 && !/^[+-]/.test(zonePart) ? 'iso-z' : 'iso-offset';
      return { kind: 'instant', at: new Date(wallMs - off * 60_000), format };
    }
    const format = m[4] === 'T' ? 'naive-t' : 'naive';
    const at = base === 'utc' ? new Date(wallMs) : plantWallClockToDate(wallMs, zone);
    return { kind: 'instant', at, format };
  }
  if (DIGITS_RE.test(text)) return fromEpoch(Number(text), 'digit text');
  return unparseable(
    `${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)} is not a recognised date or time`,
  );
}

/**
 * Reads one legacy time value. `base` says what a naive value means in this column (UTC, or
 * wall-clock time in the plant zone `zone`, converted like PostgreSQL's `AT TIME ZONE` including
 * daylight-saving gaps and repeats). Epoch integers: seconds when they fall in 1990–2100 as
 * seconds, else milliseconds when they do as milliseconds, else unparseable. `null` is not a
 * time: callers handle NULL first.
 */
export function parseLegacyTime(value: unknown, base: TimeBase, zone: string): ParsedTime {
  if (typeof value === 'bigint') {
    if (value > 10n ** 15n || value < -(10n ** 15n)) {
      return unparseable(`integer ${value} is outside 1990–2100 as epoch seconds or milliseconds`);
    }
    return fromEpoch(Number(value), 'integer');
  }
  if (typeof value === 'number') return fromEpoch(value, 'real');
  if (typeof value === 'string') return parseText(value, base, zone);
  if (value === null || value === undefined) return unparseable('NULL');
  return unparseable('a blob is not a time');
}

/** The format of a value, independent of the base (for profiling). */
export function timeFormatOf(value: unknown): TimeFormat {
  return parseLegacyTime(value, 'utc', 'UTC').format;
}

/**
 * The plant day of a parsed value, for columns whose target is a date ('YYYY-MM-DD'):
 * a date stays that date; an instant becomes the plant day it falls on.
 */
export function legacyDay(parsed: ParsedTime, zone: string): string | null {
  if (parsed.kind === 'date') return parsed.day;
  if (parsed.kind === 'instant') return plantDay(parsed.at, zone);
  return null;
}
