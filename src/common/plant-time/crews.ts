/**
 * Crew rotation (LEGACY.md): each crew works 2 consecutive production days on each shift of the
 * pattern in order, then has 2 days off. For the 2-shift pattern that is the 2-2-2 cycle of
 * 6 days: 2 day shifts, 2 night shifts, 2 days off.
 */
import { daysBetween } from './calendar.js';
import type { Instant } from './clock.js';
import { shiftAt, type ShiftPattern } from './shifts.js';

export type CrewDefinition = { code: string; offset: number };

/** Crews A, B and C with cycle offsets 0, 2 and 4. */
export const DEFAULT_CREWS: readonly CrewDefinition[] = Object.freeze([
  Object.freeze({ code: 'A', offset: 0 }),
  Object.freeze({ code: 'B', offset: 2 }),
  Object.freeze({ code: 'C', offset: 4 }),
]);

function checkPatternLength(patternLength: number): void {
  if (!Number.isInteger(patternLength) || patternLength < 1) {
    throw new RangeError(`Pattern length must be a positive integer: ${patternLength}`);
  }
}

/** Days in one rotation cycle: 2 × (patternLength + 1). */
export function crewCycleLength(patternLength: number): number {
  checkPatternLength(patternLength);
  return 2 * (patternLength + 1);
}

/** The crew's day in the cycle, 0 ≤ day < cycle length, also for days before the cycle start. */
export function crewCycleDay(
  productionDay: string,
  offset: number,
  patternLength: number,
  cycleStart: string,
): number {
  if (!Number.isInteger(offset)) throw new RangeError(`Crew offset must be an integer: ${offset}`);
  const length = crewCycleLength(patternLength);
  const raw = (daysBetween(cycleStart, productionDay) + offset) % length;
  return raw < 0 ? raw + length : raw;
}

/** Index of the shift the crew works on the production day, or null on a day off. */
export function crewShiftIndex(
  productionDay: string,
  offset: number,
  patternLength: number,
  cycleStart: string,
): number | null {
  const cycleDay = crewCycleDay(productionDay, offset, patternLength, cycleStart);
  return cycleDay < 2 * patternLength ? Math.floor(cycleDay / 2) : null;
}

/**
 * Code of the crew working shift `shiftIndex` on the production day, or null when no crew does.
 * When several crews would (offsets that collide), the first in `crews` order wins; SQL
 * `crew_on_shift` does the same with its arrays.
 */
export function crewOnShift(
  productionDay: string,
  shiftIndex: number,
  patternLength: number,
  crews: readonly CrewDefinition[],
  cycleStart: string,
): string | null {
  checkPatternLength(patternLength);
  daysBetween(cycleStart, productionDay);
  for (const crew of crews) {
    if (!Number.isInteger(crew.offset)) throw new RangeError(`Crew ${crew.code}: bad offset`);
  }
  if (!Number.isInteger(shiftIndex) || shiftIndex < 0 || shiftIndex >= patternLength) return null;
  for (const crew of crews) {
    if (crewShiftIndex(productionDay, crew.offset, patternLength, cycleStart) === shiftIndex) {
      return crew.code;
    }
  }
  return null;
}

/** The crew on shift at the instant (SQL `crew_of`). */
export function crewAt(
  instant: Instant,
  pattern: ShiftPattern,
  crews: readonly CrewDefinition[],
  cycleStart: string,
  zone: string,
): string | null {
  const shift = shiftAt(instant, pattern, zone);
  return crewOnShift(shift.productionDay, shift.index, pattern.length, crews, cycleStart);
}
