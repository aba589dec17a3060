/**
 * Calendar-date arithmetic on 'YYYY-MM-DD' strings. Dates are counted as calendar days
 * (proleptic Gregorian, via UTC epoch days), so daylight saving never changes a count.
 */

const MS_PER_DAY = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date; throws a RangeError for anything else. */
export function epochDay(day: string): number {
  const match = DAY_RE.exec(day);
  if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${JSON.stringify(day)}`);
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`Not a calendar date: ${JSON.stringify(day)}`);
  }
  return Math.round(ms / MS_PER_DAY);
}

/** The 'YYYY-MM-DD' date `epochDays` days after 1970-01-01. */
export function dayFromEpochDay(epochDays: number): string {
  const date = new Date(epochDays * MS_PER_DAY);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** True when `day` is a real calendar date written 'YYYY-MM-DD'. */
export function isPlantDayString(day: string): boolean {
  try {
    epochDay(day);
    return true;
  } catch {
    return false;
  }
}

/** `day` plus `days` calendar days (negative to go back). */
export function addDays(day: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  return dayFromEpochDay(epochDay(day) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}
