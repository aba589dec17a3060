import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SHIFT_PATTERN,
  THREE_SHIFT_PATTERN,
  addDays,
  daysBetween,
  formatPlantIso,
  fromPlantWallClock,
  plantDay,
  shiftAt,
  shiftsOfDay,
  toPlantWallClock,
  utcOffset,
  validateShiftPattern,
  type ShiftPattern,
} from './index.js';

const JNB = 'Africa/Johannesburg';
const BERLIN = 'Europe/Berlin';
const NY = 'America/New_York';
const HOUR = 3_600_000;

/** shiftAt() reduced to plain values: [code, productionDay, startsAt, endsAt] in UTC ISO. */
function shift(instant: string, zone: string, pattern: ShiftPattern = DEFAULT_SHIFT_PATTERN) {
  const s = shiftAt(instant, pattern, zone);
  return [s.code, s.productionDay, s.startsAt.toISOString(), s.endsAt.toISOString()];
}

function hours(instant: string, zone: string, pattern: ShiftPattern = DEFAULT_SHIFT_PATTERN) {
  const s = shiftAt(instant, pattern, zone);
  return (s.endsAt.getTime() - s.startsAt.getTime()) / HOUR;
}

describe('wall clock', () => {
  it('converts instants to plant wall clock, day, offset and ISO', () => {
    expect(toPlantWallClock('2026-11-24T06:15:00Z', JNB)).toBe('2026-11-24T08:15:00');
    expect(formatPlantIso('2026-11-24T06:15:00Z', JNB)).toBe('2026-11-24T08:15:00.000+02:00');
    expect(formatPlantIso(new Date(Date.UTC(2026, 0, 1, 4, 59, 1, 7)), NY)).toBe(
      '2025-12-31T23:59:01.007-05:00',
    );
    expect(formatPlantIso('2026-07-01T12:00:00Z', NY)).toBe('2026-07-01T08:00:00.000-04:00');
    expect(formatPlantIso('2026-06-15T00:00:00Z', 'Asia/Kathmandu')).toBe(
      '2026-06-15T05:45:00.000+05:45',
    );
    expect(formatPlantIso('2026-06-15T00:00:00Z', 'UTC')).toBe('2026-06-15T00:00:00.000+00:00');
    expect(utcOffset('2026-01-15T12:00:00Z', 'Asia/Kolkata')).toBe('+05:30');
    expect(utcOffset('2026-01-15T12:00:00Z', BERLIN)).toBe('+01:00');
    expect(utcOffset('2026-07-15T12:00:00Z', BERLIN)).toBe('+02:00');
    expect(plantDay('2026-12-31T22:30:00Z', JNB)).toBe('2027-01-01');
    expect(plantDay('2027-01-01T03:00:00Z', NY)).toBe('2026-12-31');
    expect(plantDay('2026-03-31T18:14:59Z', 'Asia/Kathmandu')).toBe('2026-03-31');
    expect(plantDay('2026-03-31T18:15:00Z', 'Asia/Kathmandu')).toBe('2026-04-01');
  });

  it('gives the exact offset at every quarter hour of two years, DST changes included', () => {
    // The offsets are cached per UTC day; Intl (via Date's own formatting) is the reference.
    const formats = new Map<string, Intl.DateTimeFormat>();
    const intlOffset = (ms: number, zone: string) => {
      let f = formats.get(zone);
      if (!f) {
        f = new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
        });
        formats.set(zone, f);
      }
      const parts = f.formatToParts(new Date(ms));
      const n = (t: string) => Number(parts.find((p) => p.type === t)!.value);
      const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
      return (wall - Math.floor(ms / 60_000) * 60_000) / 60_000;
    };
    for (const zone of [BERLIN, NY, 'Australia/Lord_Howe', JNB]) {
      for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2027, 0, 1); ms += HOUR / 4) {
        const iso = formatPlantIso(new Date(ms), zone);
        const m = /([+-])(\d\d):(\d\d)$/.exec(iso)!;
        const offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
        if (offset !== intlOffset(ms, zone)) expect([zone, iso]).toBe(intlOffset(ms, zone));
      }
    }
  });

  it('accepts ISO strings with any explicit offset and refuses strings without one', () => {
    expect(toPlantWallClock('2026-11-24T10:15:00+04:00', JNB)).toBe('2026-11-24T08:15:00');
    expect(toPlantWallClock('2026-11-24 06:15:00+00', JNB)).toBe('2026-11-24T08:15:00');
    expect(toPlantWallClock('2026-11-24T01:15:00.999-0500', JNB)).toBe('2026-11-24T08:15:00');
    expect(() => plantDay('2026-11-24T06:15:00', JNB)).toThrow(RangeError);
    expect(() => plantDay('2026-11-24', JNB)).toThrow(RangeError);
    expect(() => plantDay('yesterday', JNB)).toThrow(RangeError);
    expect(() => plantDay(new Date(Number.NaN), JNB)).toThrow(RangeError);
  });

  it('refuses fixed offsets and unknown zones', () => {
    expect(() => plantDay('2026-01-01T00:00:00Z', '+02:00')).toThrow(RangeError);
    expect(() => plantDay('2026-01-01T00:00:00Z', 'Etc/GMT-2')).toThrow(RangeError);
    expect(() => plantDay('2026-01-01T00:00:00Z', 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => fromPlantWallClock('2026-01-01T00:00', '')).toThrow(RangeError);
  });

  it('converts wall clock to instants, resolving gaps and repeats like PostgreSQL', () => {
    const iso = (local: string, zone: string) => fromPlantWallClock(local, zone).toISOString();
    expect(iso('2026-11-24T08:15', JNB)).toBe('2026-11-24T06:15:00.000Z');
    expect(iso('2026-11-24 08:15:30', JNB)).toBe('2026-11-24T06:15:30.000Z');
    expect(iso('2026-06-15T05:45', 'Asia/Kathmandu')).toBe('2026-06-15T00:00:00.000Z');
    // Berlin springs forward on 2026-03-29 at 02:00 CET: 02:xx does not exist and is read with
    // the winter offset (+01:00), i.e. it lands at 03:xx CEST.
    expect(iso('2026-03-29T01:59:59', BERLIN)).toBe('2026-03-29T00:59:59.000Z');
    expect(iso('2026-03-29T02:00', BERLIN)).toBe('2026-03-29T01:00:00.000Z');
    expect(iso('2026-03-29T02:30', BERLIN)).toBe('2026-03-29T01:30:00.000Z');
    expect(iso('2026-03-29T03:00', BERLIN)).toBe('2026-03-29T01:00:00.000Z');
    // Berlin falls back on 2026-10-25 at 03:00 CEST: 02:xx happens twice; the later one (CET).
    expect(iso('2026-10-25T01:59', BERLIN)).toBe('2026-10-24T23:59:00.000Z');
    expect(iso('2026-10-25T02:00', BERLIN)).toBe('2026-10-25T01:00:00.000Z');
    expect(iso('2026-10-25T02:30', BERLIN)).toBe('2026-10-25T01:30:00.000Z');
    expect(iso('2026-10-25T03:00', BERLIN)).toBe('2026-10-25T02:00:00.000Z');
    // New York: gap 02:00–03:00 on 2026-03-08, repeat 01:00–02:00 on 2026-11-01.
    expect(iso('2026-03-08T02:30', NY)).toBe('2026-03-08T07:30:00.000Z');
    expect(iso('2026-11-01T01:30', NY)).toBe('2026-11-01T06:30:00.000Z');
    // Lord Howe moves by 30 minutes: gap 02:00–02:30 (4 Oct), repeat 01:30–02:00 (5 Apr).
    expect(iso('2026-10-04T02:15', 'Australia/Lord_Howe')).toBe('2026-10-03T15:45:00.000Z');
    expect(iso('2026-04-05T01:45', 'Australia/Lord_Howe')).toBe('2026-04-04T15:15:00.000Z');
  });

  it('round-trips ordinary wall-clock times and refuses impossible ones', () => {
    expect(toPlantWallClock(fromPlantWallClock('2028-02-29T23:59:59', NY), NY)).toBe(
      '2028-02-29T23:59:59',
    );
    expect(() => fromPlantWallClock('2026-02-29T10:00', JNB)).toThrow(RangeError);
    expect(() => fromPlantWallClock('2026-01-01T24:00', JNB)).toThrow(RangeError);
    expect(() => fromPlantWallClock('2026-01-01T10:60', JNB)).toThrow(RangeError);
    expect(() => fromPlantWallClock('2026-01-01T10:00Z', JNB)).toThrow(RangeError);
  });

  it('counts calendar days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-01-05', '2025-12-31')).toBe(-5);
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
});

describe('shifts', () => {
  it('finds day and night shifts at Johannesburg, night belonging to the day it started', () => {
    expect(shift('2026-11-24T06:15:00Z', JNB)).toEqual([
      'D',
      '2026-11-24',
      '2026-11-24T04:00:00.000Z',
      '2026-11-24T16:00:00.000Z',
    ]);
    const night = ['N', '2026-11-24', '2026-11-24T16:00:00.000Z', '2026-11-25T04:00:00.000Z'];
    expect(shift('2026-11-24T16:00:00Z', JNB)).toEqual(night);
    expect(shift('2026-11-24T21:59:59Z', JNB)).toEqual(night);
    expect(shift('2026-11-25T00:00:00Z', JNB)).toEqual(night); // 02:00 on the 25th
    expect(shift('2026-11-25T03:59:59.999Z', JNB)).toEqual(night);
    expect(shift('2026-11-25T04:00:00Z', JNB)[1]).toBe('2026-11-25');
    expect(shiftAt('2026-11-24T15:59:59.999Z', DEFAULT_SHIFT_PATTERN, JNB).index).toBe(0);
    expect(shiftAt('2026-11-24T16:00:00Z', DEFAULT_SHIFT_PATTERN, JNB)).toMatchObject({
      code: 'N',
      name: 'Night',
      index: 1,
    });
  });

  it('crosses month and year ends', () => {
    expect(shift('2026-12-31T22:30:00Z', JNB)).toEqual([
      'N',
      '2026-12-31',
      '2026-12-31T16:00:00.000Z',
      '2027-01-01T04:00:00.000Z',
    ]);
    expect(shift('2027-01-01T04:00:00Z', JNB)[1]).toBe('2027-01-01');
    expect(shift('2028-03-01T01:00:00Z', JNB)[1]).toBe('2028-02-29');
    expect(shift('2026-03-01T03:00:00Z', JNB)[1]).toBe('2026-02-28');
    // 22:00 on New Year's Eve in New York is 03:00 UTC on 1 January.
    expect(shift('2027-01-01T03:00:00Z', NY)).toEqual([
      'N',
      '2026-12-31',
      '2026-12-31T23:00:00.000Z',
      '2027-01-01T11:00:00.000Z',
    ]);
  });

  it('gives 11 h and 13 h night shifts over Berlin and New York DST changes', () => {
    expect(shift('2026-03-29T00:30:00Z', BERLIN)).toEqual([
      'N',
      '2026-03-28',
      '2026-03-28T17:00:00.000Z',
      '2026-03-29T04:00:00.000Z',
    ]);
    expect(hours('2026-03-29T00:30:00Z', BERLIN)).toBe(11);
    expect(hours('2026-03-29T12:00:00Z', BERLIN)).toBe(12);
    expect(shift('2026-10-25T01:30:00Z', BERLIN)).toEqual([
      'N',
      '2026-10-24',
      '2026-10-24T16:00:00.000Z',
      '2026-10-25T05:00:00.000Z',
    ]);
    expect(hours('2026-10-24T23:00:00Z', BERLIN)).toBe(13);
    expect(shift('2026-03-08T08:00:00Z', NY)).toEqual([
      'N',
      '2026-03-07',
      '2026-03-07T23:00:00.000Z',
      '2026-03-08T10:00:00.000Z',
    ]);
    expect(shift('2026-11-01T06:30:00Z', NY)).toEqual([
      'N',
      '2026-10-31',
      '2026-10-31T22:00:00.000Z',
      '2026-11-01T11:00:00.000Z',
    ]);
    expect(hours('2026-11-01T10:59:59Z', NY)).toBe(13);
    expect(shift('2026-11-01T11:00:00Z', NY)[0]).toBe('D');
    // Johannesburg has no DST: always 12 h.
    expect(hours('2026-03-29T00:30:00Z', JNB)).toBe(12);
  });

  it('works in half-hour and quarter-hour zones', () => {
    expect(shift('2026-06-15T00:00:00Z', 'Asia/Kathmandu')).toEqual([
      'N',
      '2026-06-14',
      '2026-06-14T12:15:00.000Z',
      '2026-06-15T00:15:00.000Z',
    ]);
    expect(shift('2026-06-15T00:15:00Z', 'Asia/Kathmandu')[0]).toBe('D');
    expect(shift('2026-01-01T00:29:59.999Z', 'Asia/Kolkata')[1]).toBe('2025-12-31');
    expect(shift('2026-01-01T00:30:00Z', 'Asia/Kolkata')[1]).toBe('2026-01-01');
  });

  it('handles the 3×8 pattern', () => {
    expect(shift('2026-01-01T16:30:00Z', 'Asia/Kolkata', THREE_SHIFT_PATTERN)).toEqual([
      'N',
      '2026-01-01',
      '2026-01-01T16:30:00.000Z',
      '2026-01-02T00:30:00.000Z',
    ]);
    expect(shift('2026-05-05T11:59:59Z', JNB, THREE_SHIFT_PATTERN)[0]).toBe('M');
    expect(shift('2026-05-05T12:00:00Z', JNB, THREE_SHIFT_PATTERN)[0]).toBe('A');
    expect(shift('2026-05-05T03:59:00Z', JNB, THREE_SHIFT_PATTERN)[1]).toBe('2026-05-04');
    expect(hours('2026-03-29T00:00:00Z', BERLIN, THREE_SHIFT_PATTERN)).toBe(7);
    expect(hours('2026-10-25T00:00:00Z', BERLIN, THREE_SHIFT_PATTERN)).toBe(9);
    expect(hours('2026-03-29T05:00:00Z', BERLIN, THREE_SHIFT_PATTERN)).toBe(8);
    const day = shiftsOfDay('2026-10-24', THREE_SHIFT_PATTERN, BERLIN);
    expect(day.map((s) => [s.code, s.startsAt.toISOString(), s.endsAt.toISOString()])).toEqual([
      ['M', '2026-10-24T04:00:00.000Z', '2026-10-24T12:00:00.000Z'],
      ['A', '2026-10-24T12:00:00.000Z', '2026-10-24T20:00:00.000Z'],
      ['N', '2026-10-24T20:00:00.000Z', '2026-10-25T05:00:00.000Z'],
    ]);
  });

  it('handles a single 24-hour shift, 23 h long on a spring-forward day', () => {
    const single = [{ code: 'X', name: 'All day', start: '07:00' }];
    expect(shift('2026-03-08T11:30:00Z', NY, single)).toEqual([
      'X',
      '2026-03-08',
      '2026-03-08T11:00:00.000Z',
      '2026-03-09T11:00:00.000Z',
    ]);
    expect(hours('2026-03-08T10:00:00Z', NY, single)).toBe(23);
  });

  it('validates patterns', () => {
    const s = (start: string, code = start) => ({ code, name: code, start });
    expect(validateShiftPattern(DEFAULT_SHIFT_PATTERN)).toBe(DEFAULT_SHIFT_PATTERN);
    expect(() => validateShiftPattern([s('00:00'), s('23:59:30')])).not.toThrow();
    expect(() => validateShiftPattern([])).toThrow(/at least one/);
    expect(() => validateShiftPattern([s('18:00'), s('06:00')])).toThrow(/sorted/);
    expect(() => validateShiftPattern([s('06:00', 'D'), s('06:00', 'N')])).toThrow(/sorted/);
    expect(() => validateShiftPattern([s('06:00', 'D'), s('18:00', 'D')])).toThrow(/repeated/);
    for (const bad of ['6:00', '24:00', '06:60', '0600', '06:00 ', '']) {
      expect(() => validateShiftPattern([s(bad, 'X')])).toThrow(/HH:MM/);
    }
    expect(() => validateShiftPattern([s('06:00', ' ')])).toThrow(/no code/);
    expect(() => shiftAt('2026-01-01T00:00:00Z', [], JNB)).toThrow(RangeError);
  });
});
