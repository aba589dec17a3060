import { describe, expect, it } from 'vitest';
import {
  ATTENDANCE_STATUS,
  EVENT_TYPE,
  MACHINE_STATUS,
  ORDER_PRIORITY,
  ORDER_STATUS,
  STOP_CATEGORY,
  USER_ROLE,
  canonicalDecimal,
  categoryOfReasonCode,
  legacyDay,
  mapLegacyEnum,
  parseLegacyBool,
  parseLegacyNumber,
  parseLegacyTime,
  reasonCategory,
  timeFormatOf,
  type ParsedTime,
} from '../../src/server/legacy/values/index.js';
import { instantText } from '../../src/server/legacy/import/instant.js';
import { slugify } from '../../src/server/legacy/rules/slug.js';

const JNB = 'Africa/Johannesburg';
const BERLIN = 'Europe/Berlin';

function iso(p: ParsedTime): string {
  if (p.kind === 'instant') return p.at.toISOString();
  if (p.kind === 'date') return `date ${p.day}`;
  return `unparseable: ${p.reason}`;
}

describe('parseLegacyTime', () => {
  it('reads naive text in the column base: UTC, or plant wall clock (SAST has no DST)', () => {
    expect(iso(parseLegacyTime('2024-03-05 08:15:00', 'utc', JNB))).toBe(
      '2024-03-05T08:15:00.000Z',
    );
    expect(iso(parseLegacyTime('2024-03-05 08:15:00', 'plant', JNB))).toBe(
      '2024-03-05T06:15:00.000Z',
    );
    expect(iso(parseLegacyTime('2024-07-05 08:15:00', 'plant', JNB))).toBe(
      '2024-07-05T06:15:00.000Z',
    );
    expect(iso(parseLegacyTime('2024-03-05 01:30:00', 'plant', JNB))).toBe(
      '2024-03-04T23:30:00.000Z',
    );
    expect(iso(parseLegacyTime('2024-03-05T08:15', 'plant', JNB))).toBe('2024-03-05T06:15:00.000Z');
    expect(iso(parseLegacyTime('2024-03-05 08:15:00.250', 'utc', JNB))).toBe(
      '2024-03-05T08:15:00.250Z',
    );
    expect(iso(parseLegacyTime('  2024-03-05 08:15:00  ', 'utc', JNB))).toBe(
      '2024-03-05T08:15:00.000Z',
    );
    expect(parseLegacyTime('2024-03-05 08:15:00', 'utc', JNB).format).toBe('naive');
    expect(parseLegacyTime('2024-03-05T08:15:00', 'utc', JNB).format).toBe('naive-t');
  });

  it('follows daylight saving in a DST zone (Berlin): offsets, gap and repeated hour like PostgreSQL', () => {
    expect(iso(parseLegacyTime('2024-01-15 12:00:00', 'plant', BERLIN))).toBe(
      '2024-01-15T11:00:00.000Z',
    );
    expect(iso(parseLegacyTime('2024-07-15 12:00:00', 'plant', BERLIN))).toBe(
      '2024-07-15T10:00:00.000Z',
    );
    // 02:30 on 31 March 2024 does not exist in Berlin: read with the offset from before (+01).
    expect(iso(parseLegacyTime('2024-03-31 02:30:00', 'plant', BERLIN))).toBe(
      '2024-03-31T01:30:00.000Z',
    );
    expect(iso(parseLegacyTime('2024-03-31 03:30:00', 'plant', BERLIN))).toBe(
      '2024-03-31T01:30:00.000Z',
    );
    // 02:30 on 27 October 2024 happens twice: the later one (+01), like PostgreSQL.
    expect(iso(parseLegacyTime('2024-10-27 02:30:00', 'plant', BERLIN))).toBe(
      '2024-10-27T01:30:00.000Z',
    );
    expect(iso(parseLegacyTime('2024-10-27 01:59:59', 'plant', BERLIN))).toBe(
      '2024-10-26T23:59:59.000Z',
    );
    expect(iso(parseLegacyTime('2024-10-27 03:00:00', 'plant', BERLIN))).toBe(
      '2024-10-27T02:00:00.000Z',
    );
  });

  it('reads ISO text with Z or an offset as it says, whatever the base', () => {
    for (const base of ['utc', 'plant'] as const) {
      expect(iso(parseLegacyTime('2024-03-05T08:15:00Z', base, JNB))).toBe(
        '2024-03-05T08:15:00.000Z',
      );
      expect(iso(parseLegacyTime('2024-03-05T08:15:00.123Z', base, JNB))).toBe(
        '2024-03-05T08:15:00.123Z',
      );
      expect(iso(parseLegacyTime('2024-03-05T10:15:00+02:00', base, JNB))).toBe(
        '2024-03-05T08:15:00.000Z',
      );
      expect(iso(parseLegacyTime('2024-03-05T10:15:00+0200', base, JNB))).toBe(
        '2024-03-05T08:15:00.000Z',
      );
      expect(iso(parseLegacyTime('2024-03-05 03:15:00-05', base, JNB))).toBe(
        '2024-03-05T08:15:00.000Z',
      );
      expect(iso(parseLegacyTime('2024-03-05 08:15:00 UTC', base, JNB))).toBe(
        '2024-03-05T08:15:00.000Z',
      );
    }
    expect(parseLegacyTime('2024-03-05T08:15:00Z', 'utc', JNB).format).toBe('iso-z');
    expect(parseLegacyTime('2024-03-05T08:15:00+02:00', 'utc', JNB).format).toBe('iso-offset');
  });

  it('keeps a date a date', () => {
    const p = parseLegacyTime('2024-02-29', 'plant', JNB);
    expect(p).toEqual({ kind: 'date', day: '2024-02-29', format: 'date-only' });
    expect(legacyDay(p, JNB)).toBe('2024-02-29');
    expect(legacyDay(parseLegacyTime('2024-03-05 23:30:00', 'utc', JNB), JNB)).toBe('2024-03-06');
    expect(legacyDay(parseLegacyTime('2024-03-05 23:30:00', 'plant', JNB), JNB)).toBe('2024-03-05');
  });

  it('tells epoch seconds from milliseconds by magnitude (integers, reals, digit text)', () => {
    const s = 1_709_626_500; // 2024-03-05T08:15:00Z
    expect(iso(parseLegacyTime(BigInt(s), 'plant', JNB))).toBe('2024-03-05T08:15:00.000Z');
    expect(parseLegacyTime(BigInt(s), 'plant', JNB).format).toBe('epoch-s');
    expect(iso(parseLegacyTime(BigInt(s) * 1000n, 'plant', JNB))).toBe('2024-03-05T08:15:00.000Z');
    expect(parseLegacyTime(BigInt(s) * 1000n + 5n, 'utc', JNB).format).toBe('epoch-ms');
    expect(iso(parseLegacyTime(s + 0.5, 'utc', JNB))).toBe('2024-03-05T08:15:00.500Z');
    expect(iso(parseLegacyTime(String(s), 'utc', JNB))).toBe('2024-03-05T08:15:00.000Z');
    expect(parseLegacyTime(String(s * 1000), 'utc', JNB).format).toBe('epoch-ms');
  });

  it('refuses what it cannot read, with a reason, and never guesses', () => {
    for (const junk of [
      'yesterday',
      '31/02/2024',
      '05/03/2024 08:15',
      '2024-02-30',
      '2023-02-29 10:00:00',
      '2024-13-01 10:00:00',
      '2024-03-05 24:00:00',
      '2024-03-05 10:60:00',
      '2024-03-05T10:00:00+25:00',
      '',
      '   ',
      'Tue Mar 05 2024 10:15:00 GMT+0200',
      '20240305',
    ]) {
      const p = parseLegacyTime(junk, 'utc', JNB);
      expect(p.kind, junk).toBe('unparseable');
      expect(p.format).toBe('unparseable');
    }
    expect(parseLegacyTime(0n, 'utc', JNB).kind).toBe('unparseable');
    expect(parseLegacyTime(-5n, 'utc', JNB).kind).toBe('unparseable');
    expect(parseLegacyTime(12345n, 'utc', JNB).kind).toBe('unparseable');
    expect(parseLegacyTime(10n ** 18n, 'utc', JNB).kind).toBe('unparseable');
    expect(parseLegacyTime(Number.NaN, 'utc', JNB).kind).toBe('unparseable');
    expect(parseLegacyTime(Buffer.from('x'), 'utc', JNB).kind).toBe('unparseable');
    const r = parseLegacyTime('31/02/2024', 'utc', JNB);
    expect(r.kind === 'unparseable' && r.reason).toMatch(/not a recognised date/);
  });

  it('classifies formats for the profile', () => {
    expect(timeFormatOf('2024-03-05 08:15:00')).toBe('naive');
    expect(timeFormatOf('2024-03-05')).toBe('date-only');
    expect(timeFormatOf(1_709_626_500n)).toBe('epoch-s');
    expect(timeFormatOf(1_709_626_500_000n)).toBe('epoch-ms');
    expect(timeFormatOf('later')).toBe('unparseable');
    expect(timeFormatOf('0050-01-01 10:00:00')).toBe('naive');
    expect(iso(parseLegacyTime('0050-01-01 10:00:00', 'utc', JNB))).toBe(
      '0050-01-01T10:00:00.000Z',
    );
  });
});

describe('parseLegacyBool', () => {
  it('reads every spelling', () => {
    for (const t of [1n, 1, '1', 'true', 'TRUE', 't', 'T', 'yes', 'Y', 'on', ' true ']) {
      expect(parseLegacyBool(t), String(t)).toEqual({ kind: 'bool', value: true });
    }
    for (const f of [0n, 0, '0', 'false', 'False', 'f', 'no', 'N', 'off']) {
      expect(parseLegacyBool(f), String(f)).toEqual({ kind: 'bool', value: false });
    }
    expect(parseLegacyBool(null)).toEqual({ kind: 'null' });
    for (const x of [2n, -1, 'maybe', '', 'yess', Buffer.from([1])]) {
      expect(parseLegacyBool(x).kind, String(x)).toBe('unrecognised');
    }
  });
});

describe('parseLegacyNumber', () => {
  it('keeps integers exact past 2^53 (as decimal text)', () => {
    const big = parseLegacyNumber(9_007_199_254_740_993n);
    expect(big).toMatchObject({
      kind: 'number',
      value: '9007199254740993',
      beyondSafeInteger: true,
      source: 'integer',
    });
    expect(parseLegacyNumber(9_007_199_254_740_991n)).toMatchObject({ beyondSafeInteger: false });
    expect(parseLegacyNumber(-9_007_199_254_740_993n)).toMatchObject({
      value: '-9007199254740993',
      sign: -1,
      beyondSafeInteger: true,
    });
    expect(parseLegacyNumber('123456789012345678901234567890')).toMatchObject({
      value: '123456789012345678901234567890',
      beyondSafeInteger: true,
    });
  });

  it('reads reals and numeric text canonically', () => {
    expect(parseLegacyNumber(12.5)).toMatchObject({
      value: '12.5',
      source: 'real',
      integer: false,
      sign: 1,
    });
    expect(parseLegacyNumber(100.0)).toMatchObject({ value: '100', source: 'real', integer: true });
    expect(parseLegacyNumber(1e21)).toMatchObject({ value: '1000000000000000000000' });
    expect(parseLegacyNumber(0.1)).toMatchObject({ value: '0.1' });
    expect(parseLegacyNumber(' 12 ')).toMatchObject({ value: '12', source: 'text' });
    expect(parseLegacyNumber('+007.500')).toMatchObject({ value: '7.5' });
    expect(parseLegacyNumber('-0')).toMatchObject({ value: '0', sign: 0 });
    expect(parseLegacyNumber('.5')).toMatchObject({ value: '0.5' });
    expect(parseLegacyNumber('1.5e3')).toMatchObject({ value: '1500', integer: true });
    expect(parseLegacyNumber('-2.5E-2')).toMatchObject({ value: '-0.025', sign: -1 });
    expect(parseLegacyNumber(0n)).toMatchObject({ value: '0', sign: 0 });
    expect(canonicalDecimal('1e999')).toBeNull();
    expect(canonicalDecimal('abc')).toBeNull();
  });

  it('separates a number with a unit from text that is not a number', () => {
    expect(parseLegacyNumber('12 kg')).toMatchObject({
      kind: 'with-unit',
      value: '12',
      unit: 'kg',
    });
    expect(parseLegacyNumber('3.5kg')).toMatchObject({
      kind: 'with-unit',
      value: '3.5',
      unit: 'kg',
    });
    expect(parseLegacyNumber('100 units')).toMatchObject({
      kind: 'with-unit',
      value: '100',
      unit: 'units',
    });
    expect(parseLegacyNumber('5 L')).toMatchObject({ kind: 'with-unit', unit: 'L' });
    for (const x of [
      'lots',
      'n/a',
      '1,000',
      '12,5 kg',
      '',
      'kg 12',
      '--1',
      Number.POSITIVE_INFINITY,
      Buffer.from('1'),
    ]) {
      expect(parseLegacyNumber(x).kind, String(x)).toBe('not-a-number');
    }
    expect(parseLegacyNumber(null)).toEqual({ kind: 'null' });
  });
});

describe('legacy enum mappings', () => {
  it('maps order status and priority (medium → normal)', () => {
    expect(mapLegacyEnum(ORDER_PRIORITY, 'medium')).toEqual({ kind: 'alias', value: 'normal' });
    expect(mapLegacyEnum(ORDER_PRIORITY, ' HIGH ')).toEqual({ kind: 'same', value: 'high' });
    expect(mapLegacyEnum(ORDER_PRIORITY, 'Critical')).toEqual({ kind: 'alias', value: 'urgent' });
    expect(mapLegacyEnum(ORDER_PRIORITY, null)).toEqual({ kind: 'null-default', value: 'normal' });
    expect(mapLegacyEnum(ORDER_PRIORITY, 'whenever')).toMatchObject({
      kind: 'unknown-fallback',
      value: 'normal',
    });
    expect(mapLegacyEnum(ORDER_STATUS, 'stopped')).toEqual({ kind: 'alias', value: 'paused' });
    expect(mapLegacyEnum(ORDER_STATUS, 'paused')).toEqual({ kind: 'same', value: 'paused' });
    expect(mapLegacyEnum(ORDER_STATUS, 'In Progress')).toEqual({
      kind: 'same',
      value: 'in_progress',
    });
    expect(mapLegacyEnum(ORDER_STATUS, 'in-progress')).toEqual({
      kind: 'same',
      value: 'in_progress',
    });
    expect(mapLegacyEnum(ORDER_STATUS, 'canceled')).toEqual({ kind: 'alias', value: 'cancelled' });
    expect(mapLegacyEnum(ORDER_STATUS, '')).toEqual({ kind: 'null-default', value: 'pending' });
    expect(mapLegacyEnum(ORDER_STATUS, 'on fire')).toMatchObject({
      kind: 'unknown-fallback',
      value: 'pending',
    });
  });

  it('maps roles to the least privilege when unknown, and machine states', () => {
    expect(mapLegacyEnum(USER_ROLE, 'packer')).toEqual({ kind: 'alias', value: 'operator' });
    expect(mapLegacyEnum(USER_ROLE, 'manager')).toEqual({ kind: 'alias', value: 'supervisor' });
    expect(mapLegacyEnum(USER_ROLE, 'quality_control')).toEqual({
      kind: 'alias',
      value: 'operator',
    });
    expect(mapLegacyEnum(USER_ROLE, 'system')).toEqual({ kind: 'alias', value: 'viewer' });
    expect(mapLegacyEnum(USER_ROLE, 'superhero')).toMatchObject({
      kind: 'unknown-fallback',
      value: 'viewer',
    });
    expect(mapLegacyEnum(USER_ROLE, null)).toEqual({ kind: 'null-default', value: 'viewer' });
    expect(mapLegacyEnum(MACHINE_STATUS, 'running')).toEqual({ kind: 'alias', value: 'in_use' });
    expect(mapLegacyEnum(MACHINE_STATUS, 'exploded')).toMatchObject({
      kind: 'unknown-fallback',
      value: 'offline',
    });
  });

  it('maps stop categories to reason-tree categories with planned and OEE loss', () => {
    const cat = (v: unknown) => {
      const out = mapLegacyEnum(STOP_CATEGORY, v);
      return 'value' in out ? reasonCategory(out.value) : null;
    };
    expect(cat('Safety')).toMatchObject({
      code: 'SAFETY',
      planned: false,
      oeeLoss: 'availability',
    });
    expect(cat('Utilities')).toMatchObject({ code: 'UTIL', planned: false });
    expect(cat('Maintenance')).toMatchObject({ code: 'PLANNED', planned: true });
    expect(cat('Quality')).toMatchObject({ code: 'QUALITY', oeeLoss: 'quality' });
    expect(cat('minor stops')).toMatchObject({ code: 'SPEED', oeeLoss: 'performance' });
    expect(cat('Changeover')).toMatchObject({ code: 'CHANGE', planned: true });
    expect(cat(null)).toMatchObject({ code: 'LEGACY' });
    expect(mapLegacyEnum(STOP_CATEGORY, 'Gremlins')).toMatchObject({
      kind: 'unknown-fallback',
      value: 'LEGACY',
    });
    expect(categoryOfReasonCode('MAINT')).toBe('PLANNED');
    expect(categoryOfReasonCode('MATSHO')).toBe('MATERIAL');
    expect(categoryOfReasonCode('QUAL')).toBe('QUALITY');
    expect(categoryOfReasonCode('XYZ')).toBe('LEGACY');
  });

  it('maps event types losslessly and quarantines what cannot be placed', () => {
    expect(mapLegacyEnum(EVENT_TYPE, 'stop')).toEqual({ kind: 'alias', value: 'paused' });
    expect(mapLegacyEnum(EVENT_TYPE, 'teleport')).toMatchObject({
      kind: 'unknown-fallback',
      value: 'updated',
    });
    expect(mapLegacyEnum(EVENT_TYPE, null)).toMatchObject({ kind: 'quarantine' });
    expect(mapLegacyEnum(ATTENDANCE_STATUS, 'P')).toEqual({ kind: 'alias', value: 'present' });
    expect(mapLegacyEnum(ATTENDANCE_STATUS, 'partying')).toMatchObject({ kind: 'quarantine' });
  });

  it('makes environment codes from area names', () => {
    expect(slugify('Milk Powder')).toBe('milk-powder');
    expect(slugify(' milk-powder ')).toBe('milk-powder');
    expect(slugify('Café Blending #2')).toBe('cafe-blending-2');
    expect(slugify('!!!')).toBeNull();
    expect(slugify(null)).toBeNull();
    expect(slugify('Hopper Loader', '_')).toBe('hopper_loader');
    expect(slugify('x'.repeat(100))?.length).toBe(64);
  });
});

describe('instantText', () => {
  const expected = (d: Date) => `${d.toISOString().slice(0, 23)}000Z`;
  const min = new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(0); // 0000-01-01T00:00:00Z
  const max = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

  it('prints what Date#toISOString prints, with microseconds, whatever order instants come in', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const instants = [min, max, 0, -1, 86_399_999, 86_400_000, -86_400_000, Date.UTC(2024, 1, 29)];
    for (let i = 0; i < 20_000; i++) instants.push(Math.floor(min + random() * (max - min)));
    // A run within one day (the cached date part) and across midnights, both ways.
    for (let ms = Date.UTC(2025, 5, 1, 23, 59, 58); ms < Date.UTC(2025, 5, 2, 0, 0, 2); ms += 250) {
      instants.push(ms, -ms);
    }
    for (const ms of instants) {
      if (ms < min || ms > max) continue;
      const d = new Date(ms);
      expect(instantText(d), String(ms)).toBe(expected(d));
    }
  });

  it('refuses instants outside years 0000-9999 and invalid dates', () => {
    expect(() => instantText(new Date(max + 1))).toThrow(RangeError);
    expect(() => instantText(new Date(min - 1))).toThrow(RangeError);
    expect(() => instantText(new Date(Number.NaN))).toThrow(RangeError);
  });
});
