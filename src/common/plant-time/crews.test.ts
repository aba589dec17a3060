import { describe, expect, it } from 'vitest';
import { DEFAULT_CREWS, DEFAULT_SHIFT_PATTERN, addDays, crewAt, crewOnShift } from './index.js';

const JNB = 'Africa/Johannesburg';

describe('crews', () => {
  const onDay = (day: string, length = 2) =>
    Array.from({ length }, (_, i) => crewOnShift(day, i, length, DEFAULT_CREWS, '2026-01-05'));

  it('rotates A, B, C on the 2-2-2 cycle from the cycle start', () => {
    expect(onDay('2026-01-05')).toEqual(['A', 'B']);
    expect(onDay('2026-01-06')).toEqual(['A', 'B']);
    expect(onDay('2026-01-07')).toEqual(['C', 'A']);
    expect(onDay('2026-01-08')).toEqual(['C', 'A']);
    expect(onDay('2026-01-09')).toEqual(['B', 'C']);
    expect(onDay('2026-01-10')).toEqual(['B', 'C']);
    expect(onDay('2026-01-11')).toEqual(['A', 'B']);
  });

  it('continues backwards before the cycle start', () => {
    expect(onDay('2026-01-04')).toEqual(['B', 'C']);
    expect(onDay('2026-01-02')).toEqual(['C', 'A']);
    expect(onDay('2025-12-30')).toEqual(['A', 'B']); // 6 days before
    expect(onDay('2024-02-29')).toEqual(onDay(addDays('2024-02-29', 6 * 200)));
  });

  it('puts exactly one crew on each shift, each crew working D D N N off off', () => {
    const sequence = { A: '', B: '', C: '' };
    for (let d = -40; d < 60; d += 1) {
      const day = addDays('2026-01-05', d);
      const [dayCrew, nightCrew] = onDay(day);
      expect(dayCrew).not.toBeNull();
      expect(nightCrew).not.toBeNull();
      expect(dayCrew).not.toBe(nightCrew);
      if (d >= 0 && d < 12) {
        for (const c of ['A', 'B', 'C'] as const) {
          sequence[c] += c === dayCrew ? 'D' : c === nightCrew ? 'N' : '-';
        }
      }
    }
    expect(sequence).toEqual({ A: 'DDNN--DDNN--', B: 'NN--DDNN--DD', C: '--DDNN--DDNN' });
  });

  it('uses a cycle of 2 × (shifts + 1) days for other patterns', () => {
    expect(onDay('2026-01-05', 3)).toEqual(['A', 'B', 'C']);
    expect(onDay('2026-01-07', 3)).toEqual([null, 'A', 'B']);
    expect(onDay('2026-01-09', 3)).toEqual(['C', null, 'A']);
    expect(onDay('2026-01-13', 3)).toEqual(['A', 'B', 'C']);
  });

  it('returns null for shifts outside the pattern and checks its inputs', () => {
    expect(crewOnShift('2026-01-05', 2, 2, DEFAULT_CREWS, '2026-01-05')).toBeNull();
    expect(crewOnShift('2026-01-05', -1, 2, DEFAULT_CREWS, '2026-01-05')).toBeNull();
    expect(crewOnShift('2026-01-05', 0, 2, [], '2026-01-05')).toBeNull();
    expect(() => crewOnShift('2026-01-05', 0, 0, DEFAULT_CREWS, '2026-01-05')).toThrow(RangeError);
    expect(() => crewOnShift('2026-01-05', 0, 2, DEFAULT_CREWS, '5 Jan')).toThrow(RangeError);
    const colliding = [
      { code: 'X', offset: 0 },
      { code: 'Y', offset: 6 },
    ];
    expect(crewOnShift('2026-01-05', 0, 2, colliding, '2026-01-05')).toBe('X');
  });

  it('finds the crew on shift at an instant', () => {
    // 03:00 on 7 January in Johannesburg is the night shift of the 6th: crew B.
    expect(
      crewAt('2026-01-07T01:00:00Z', DEFAULT_SHIFT_PATTERN, DEFAULT_CREWS, '2026-01-05', JNB),
    ).toBe('B');
    expect(
      crewAt('2026-01-07T04:00:00Z', DEFAULT_SHIFT_PATTERN, DEFAULT_CREWS, '2026-01-05', JNB),
    ).toBe('C');
  });
});
