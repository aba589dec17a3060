/**
 * Shift patterns: contiguous shifts that start at fixed local wall-clock times. A shift that
 * starts on local day d belongs to production day d, so the night shift 18:00→06:00 of the 24th
 * still belongs to the 24th at 02:00 on the 25th. Shift boundaries are local wall-clock times
 * converted in the plant zone (like PostgreSQL does), so a night shift over a daylight-saving
 * change lasts 11 h or 13 h.
 */
import { dayFromEpochDay, epochDay } from './calendar.js';
import { plantDay, toEpochMs, wallClockMsToEpochMs, type Instant } from './clock.js';
import { assertTimeZone } from './zone.js';

const MS_PER_DAY = 86_400_000;
const START_RE = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

export type ShiftDefinition = { code: string; name: string; start: string /* 'HH:MM' */ };

/** Shifts sorted by start; each ends where the next begins, the last at the first of next day. */
export type ShiftPattern = readonly ShiftDefinition[];

/** One occurrence of a shift of the pattern. */
export type PlantShift = {
  code: string;
  name: string;
  /** Position of the shift in the pattern, from 0. */
  index: number;
  /** The local day on which the shift started, 'YYYY-MM-DD'. */
  productionDay: string;
  startsAt: Date;
  endsAt: Date;
};

/** The plant's two 12-hour shifts: day 06:00–18:00, night 18:00–06:00. */
export const DEFAULT_SHIFT_PATTERN: ShiftPattern = Object.freeze([
  Object.freeze({ code: 'D', name: 'Day', start: '06:00' }),
  Object.freeze({ code: 'N', name: 'Night', start: '18:00' }),
]);

/** Three 8-hour shifts: 06–14, 14–22, 22–06. */
export const THREE_SHIFT_PATTERN: ShiftPattern = Object.freeze([
  Object.freeze({ code: 'M', name: 'Morning', start: '06:00' }),
  Object.freeze({ code: 'A', name: 'Afternoon', start: '14:00' }),
  Object.freeze({ code: 'N', name: 'Night', start: '22:00' }),
]);

/** Thrown for a shift pattern that cannot be used. */
export class ShiftPatternError extends RangeError {
  override name = 'ShiftPatternError';
}

/** Milliseconds after local midnight of a shift start 'HH:MM' (or 'HH:MM:SS'). */
export function parseShiftStart(start: string): number {
  const match = typeof start === 'string' ? START_RE.exec(start) : null;
  if (!match) throw new ShiftPatternError(`Shift start must be HH:MM: ${JSON.stringify(start)}`);
  const [h, m, s] = [match[1], match[2], match[3]].map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
  ];
  return ((h * 60 + m) * 60 + s) * 1000;
}

/**
 * Checks a pattern and returns the starts in milliseconds after midnight. Refuses an empty
 * pattern, a start that is not HH:MM (00:00–23:59), starts that are not strictly increasing,
 * and empty or repeated codes.
 */
function checkPattern(pattern: ShiftPattern): number[] {
  if (!Array.isArray(pattern) || pattern.length === 0) {
    throw new ShiftPatternError('A shift pattern needs at least one shift');
  }
  const codes = new Set<string>();
  const starts: number[] = [];
  for (const [i, shift] of pattern.entries()) {
    if (typeof shift?.code !== 'string' || shift.code.trim() === '') {
      throw new ShiftPatternError(`Shift ${i} has no code`);
    }
    if (typeof shift.name !== 'string') throw new ShiftPatternError(`Shift ${shift.code}: no name`);
    if (codes.has(shift.code)) throw new ShiftPatternError(`Shift code repeated: ${shift.code}`);
    codes.add(shift.code);
    const start = parseShiftStart(shift.start);
    const previous = starts[starts.length - 1];
    if (previous !== undefined && start <= previous) {
      throw new ShiftPatternError(
        `Shift starts must be sorted and distinct: ${shift.code} starts at ${shift.start}`,
      );
    }
    starts.push(start);
  }
  return starts;
}

/** Returns the pattern when usable, else throws a {@link ShiftPatternError}. */
export function validateShiftPattern(pattern: ShiftPattern): ShiftPattern {
  checkPattern(pattern);
  return pattern;
}

/** Boundaries of the pattern: shift k counts from shift 0 of the local day `baseDay`. */
function boundaries(pattern: ShiftPattern, starts: number[], baseDay: number, zone: string) {
  const n = starts.length;
  const startOf = (k: number): number => {
    const dayOffset = Math.floor(k / n);
    const wall = (baseDay + dayOffset) * MS_PER_DAY + (starts[k - dayOffset * n] ?? 0);
    return wallClockMsToEpochMs(wall, zone);
  };
  const shift = (k: number): PlantShift => {
    const dayOffset = Math.floor(k / n);
    const index = k - dayOffset * n;
    const def = pattern[index] as ShiftDefinition;
    return {
      code: def.code,
      name: def.name,
      index,
      productionDay: dayFromEpochDay(baseDay + dayOffset),
      startsAt: new Date(startOf(k)),
      endsAt: new Date(startOf(k + 1)),
    };
  };
  return { startOf, shift };
}

/**
 * The shift running at the instant. Candidates are the shifts of the local day before, the local
 * day of and the local day after the instant; the answer is the last of them (in pattern order)
 * that has started. Same rule as SQL `shift_at`.
 */
export function shiftAt(instant: Instant, pattern: ShiftPattern, zone: string): PlantShift {
  assertTimeZone(zone);
  const starts = checkPattern(pattern);
  const ms = toEpochMs(instant);
  const n = starts.length;
  const { startOf, shift } = boundaries(
    pattern,
    starts,
    epochDay(plantDay(new Date(ms), zone)),
    zone,
  );
  let found: number | undefined;
  for (let k = -n; k < 2 * n; k += 1) {
    if (startOf(k) <= ms) found = k;
  }
  if (found === undefined) throw new RangeError(`No shift found at ${new Date(ms).toISOString()}`);
  return shift(found);
}

/** All shifts of a production day, in pattern order. */
export function shiftsOfDay(
  productionDay: string,
  pattern: ShiftPattern,
  zone: string,
): PlantShift[] {
  assertTimeZone(zone);
  const starts = checkPattern(pattern);
  const { shift } = boundaries(pattern, starts, epochDay(productionDay), zone);
  return starts.map((_, k) => shift(k));
}
