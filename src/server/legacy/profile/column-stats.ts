/**
 * Per-column statistics gathered while streaming a table: storage classes, and by role the time
 * formats, boolean spellings, number kinds, enum values, text shapes. Memory is bounded: distinct
 * values are capped and samples are few.
 */
import type { ColumnSpec } from '../catalog/types.js';
import { boolSpelling, parseLegacyBool } from '../values/bool.js';
import { normaliseEnum } from '../values/enums.js';
import { canonicalDecimal, parseLegacyNumber } from '../values/number.js';
import {
  showValue,
  STORAGE_CLASSES,
  storageClassOf,
  type StorageClass,
} from '../values/storage.js';
import { TIME_FORMATS, timeFormatOf, type TimeFormat } from '../values/time.js';

const MAX_DISTINCT = 200;
const MAX_SAMPLES = 5;

export interface TimeStats {
  formats: Record<TimeFormat, number>;
  /** Raw unparseable values (a few). */
  unparseableSamples: string[];
}

export interface BoolStats {
  spellings: { spelling: string; count: number; value: boolean | null }[];
}

export interface NumberStats {
  integer: number;
  real: number;
  numericText: number;
  withUnit: number;
  notANumber: number;
  zero: number;
  negative: number;
  fractional: number;
  beyondSafeInteger: number;
  samples: { withUnit: string[]; notANumber: string[]; beyondSafeInteger: string[] };
}

export interface EnumStats {
  /** Normalised spelling (null = NULL/blank) → rows; capped at 200 distinct, the rest in `other`. */
  values: { value: string | null; count: number }[];
  other: number;
}

export interface TextStats {
  blank: number;
  /** Text that reads as a number (e.g. a waste reason of "2"): kept as text. */
  numericLooking: number;
  maxLength: number;
}

export interface JsonStats {
  valid: number;
  invalid: number;
}

export interface ColumnStats {
  storage: Record<StorageClass, number>;
  time?: TimeStats;
  bool?: BoolStats;
  number?: NumberStats;
  enum?: EnumStats;
  text?: TextStats;
  json?: JsonStats;
}

type Kind = 'time' | 'bool' | 'number' | 'enum' | 'text' | 'json' | 'none';

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function pushSample(list: string[], value: unknown) {
  const shown = showValue(value);
  if (list.length < MAX_SAMPLES && !list.includes(shown)) list.push(shown);
}

export class ColumnStatsCollector {
  readonly storage = zeroes(STORAGE_CLASSES);
  private readonly kind: Kind;
  private time?: TimeStats;
  private bools?: Map<string, { count: number; value: boolean | null }>;
  private number?: NumberStats;
  private enums?: Map<string | null, number>;
  private enumOther = 0;
  private text?: TextStats;
  private json?: JsonStats;

  constructor(spec: ColumnSpec | undefined, declaredType: string) {
    const role = spec?.role.kind;
    this.kind =
      role === 'time' || (role === undefined && /DATE|TIME/i.test(declaredType))
        ? 'time'
        : role === 'bool' || (role === undefined && /BOOL/i.test(declaredType))
          ? 'bool'
          : role === 'number'
            ? 'number'
            : role === 'enum' || role === 'environment'
              ? 'enum'
              : role === 'text'
                ? 'text'
                : role === 'json'
                  ? 'json'
                  : 'none';
    if (this.kind === 'time') this.time = { formats: zeroes(TIME_FORMATS), unparseableSamples: [] };
    if (this.kind === 'bool') this.bools = new Map();
    if (this.kind === 'enum') this.enums = new Map();
    if (this.kind === 'text') this.text = { blank: 0, numericLooking: 0, maxLength: 0 };
    if (this.kind === 'json') this.json = { valid: 0, invalid: 0 };
    if (this.kind === 'number') {
      this.number = {
        integer: 0,
        real: 0,
        numericText: 0,
        withUnit: 0,
        notANumber: 0,
        zero: 0,
        negative: 0,
        fractional: 0,
        beyondSafeInteger: 0,
        samples: { withUnit: [], notANumber: [], beyondSafeInteger: [] },
      };
    }
  }

  add(value: unknown): void {
    this.storage[storageClassOf(value)]++;
    if (value === null || value === undefined) {
      if (this.bools) this.countBool(value);
      if (this.enums) this.countEnum(null);
      return;
    }
    switch (this.kind) {
      case 'time': {
        const t = this.time as TimeStats;
        const format = timeFormatOf(value);
        t.formats[format]++;
        if (format === 'unparseable') pushSample(t.unparseableSamples, value);
        return;
      }
      case 'bool':
        return this.countBool(value);
      case 'number':
        return this.countNumber(value);
      case 'enum':
        return this.countEnum(typeof value === 'object' ? '<blob>' : normaliseEnum(value));
      case 'text': {
        const t = this.text as TextStats;
        if (typeof value !== 'string') return;
        if (value.trim() === '') t.blank++;
        else if (canonicalDecimal(value) !== null) t.numericLooking++;
        t.maxLength = Math.max(t.maxLength, value.length);
        return;
      }
      case 'json': {
        const j = this.json as JsonStats;
        try {
          JSON.parse(typeof value === 'string' ? value : String(value));
          j.valid++;
        } catch {
          j.invalid++;
        }
        return;
      }
      case 'none':
        return;
    }
  }

  private countBool(value: unknown) {
    const map = this.bools as Map<string, { count: number; value: boolean | null }>;
    const spelling = boolSpelling(value);
    const entry = map.get(spelling);
    if (entry) entry.count++;
    else if (map.size < MAX_DISTINCT) {
      const parsed = parseLegacyBool(value);
      map.set(spelling, { count: 1, value: parsed.kind === 'bool' ? parsed.value : null });
    }
  }

  private countEnum(key: string | null) {
    const map = this.enums as Map<string | null, number>;
    const n = map.get(key);
    if (n !== undefined) map.set(key, n + 1);
    else if (map.size < MAX_DISTINCT) map.set(key, 1);
    else this.enumOther++;
  }

  private countNumber(value: unknown) {
    const s = this.number as NumberStats;
    const p = parseLegacyNumber(value);
    if (p.kind === 'null') return;
    if (p.kind === 'not-a-number') {
      s.notANumber++;
      pushSample(s.samples.notANumber, value);
      return;
    }
    if (p.kind === 'with-unit') {
      s.withUnit++;
      pushSample(s.samples.withUnit, value);
    } else if (p.source === 'integer') s.integer++;
    else if (p.source === 'real') s.real++;
    else s.numericText++;
    if (p.sign === 0) s.zero++;
    if (p.sign < 0) s.negative++;
    if (!p.integer) s.fractional++;
    if (p.beyondSafeInteger) {
      s.beyondSafeInteger++;
      pushSample(s.samples.beyondSafeInteger, value);
    }
  }

  result(): ColumnStats {
    const out: ColumnStats = { storage: this.storage };
    if (this.time) out.time = this.time;
    if (this.number) out.number = this.number;
    if (this.text) out.text = this.text;
    if (this.json) out.json = this.json;
    if (this.bools) {
      out.bool = {
        spellings: [...this.bools].map(([spelling, e]) => ({ spelling, ...e })),
      };
    }
    if (this.enums) {
      out.enum = {
        values: [...this.enums]
          .map(([value, count]) => ({ value, count }))
          .sort((a, b) => b.count - a.count),
        other: this.enumOther,
      };
    }
    return out;
  }
}
