import { columnSpec } from '../catalog/index.js';
import {
  legacyDay,
  mapLegacyEnum,
  parseLegacyBool,
  parseLegacyNumber,
  parseLegacyTime,
  showValue,
  type EnumMapping,
  type LegacyValue,
} from '../values/index.js';
import type { Change, Draft, MapContext, Prepared, Ref, RefTable } from './mapping.js';
import { pgSafeText } from './pg-text.js';
import { instantText } from './instant.js';

const INT4_MAX = 2_147_483_647n;

export interface ReadOptions {
  /** Defaults to the catalog's `required`. */
  required?: boolean;
  /** A bad value: quarantine the row, or clear it (recorded). Defaults to the catalog's rule. */
  onBad?: 'quarantine' | 'clear';
}

/**
 * Reads one source row column by column, applying the catalog's rule for a missing or bad value:
 * a required column (or one whose rule says so) quarantines the row, naming every problem;
 * another is cleared and the change recorded.
 */
export class RowReader {
  readonly problems: string[] = [];
  readonly refs: Ref[] = [];
  readonly changes: Change[] = [];

  constructor(
    readonly table: string,
    readonly values: Record<string, LegacyValue>,
    readonly ctx: MapContext,
  ) {}

  raw(column: string): LegacyValue {
    return this.values[column] ?? null;
  }

  private rules(column: string, o: ReadOptions): { required: boolean; quarantine: boolean } {
    const spec = columnSpec(this.table, column);
    const required = o.required ?? spec?.required ?? false;
    const quarantine = o.onBad ? o.onBad === 'quarantine' : required || spec?.onBad === 'quarantine-row';
    return { required, quarantine };
  }

  private missing(column: string, o: ReadOptions): null {
    if (this.rules(column, o).required) this.problems.push(`${column} is missing`);
    return null;
  }

  private bad(column: string, what: string, o: ReadOptions): null {
    if (this.rules(column, o).quarantine) this.problems.push(`${column} ${what}`);
    else this.change(column, `${what}: cleared`);
    return null;
  }

  change(column: string, note: string, cleared = false): void {
    this.changes.push({ column, note, cleared });
  }

  /** Trimmed text ('' counts as missing); longer than `max` is a bad value. */
  text(column: string, o: ReadOptions & { max?: number } = {}): string | null {
    const v = this.raw(column);
    if (v === null) return this.missing(column, o);
    if (typeof v !== 'string' && typeof v !== 'bigint' && typeof v !== 'number') {
      return this.bad(column, 'is a blob, not text', o);
    }
    const t = pgSafeText(String(v)).trim();
    if (t === '') return this.missing(column, o);
    if (o.max !== undefined && t.length > o.max) {
      return this.bad(column, `is longer than ${o.max} characters`, o);
    }
    return t;
  }

  /** Text kept exactly as written (notes, descriptions); only NUL is replaced. */
  freeText(column: string): string | null {
    const v = this.raw(column);
    if (v === null) return null;
    if (typeof v === 'string') return pgSafeText(v);
    if (typeof v === 'bigint' || typeof v === 'number') return String(v);
    return this.bad(column, 'is a blob, not text', {});
  }

  /** An instant (canonical UTC text), naive values read by the column's time base. */
  instant(column: string, o: ReadOptions = {}): string | null {
    const v = this.raw(column);
    if (v === null || (typeof v === 'string' && v.trim() === '')) return this.missing(column, o);
    const p = parseLegacyTime(v, this.ctx.timeBase(this.table, column), this.ctx.zone);
    if (p.kind === 'unparseable') return this.bad(column, `is not a time (${p.reason})`, o);
    let at = p.kind === 'instant' ? p.at : null;
    if (p.kind === 'date') {
      // A day where an instant belongs: the start of that plant day.
      const start = parseLegacyTime(`${p.day} 00:00:00`, 'plant', this.ctx.zone);
      at = start.kind === 'instant' ? start.at : null;
    }
    if (at === null || Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1) {
      return this.bad(column, `is not a usable time (${showValue(v)})`, o);
    }
    return instantText(at);
  }

  /** A plant day 'YYYY-MM-DD' (date-only values stay as written). */
  day(column: string, o: ReadOptions = {}): string | null {
    const v = this.raw(column);
    if (v === null || (typeof v === 'string' && v.trim() === '')) return this.missing(column, o);
    const p = parseLegacyTime(v, this.ctx.timeBase(this.table, column), this.ctx.zone);
    const d = legacyDay(p, this.ctx.zone);
    if (d === null || d.startsWith('0000')) {
      return this.bad(column, `is not a date (${showValue(v)})`, o);
    }
    return d;
  }

  /** A decimal; `min` '>0' or '>=0'. A number with a unit ('12 kg') also gives the unit. */
  decimal(
    column: string,
    o: ReadOptions & { min?: '>0' | '>=0'; range?: readonly [number, number] } = {},
  ): { value: string; unit: string | null } | null {
    const v = this.raw(column);
    const p = parseLegacyNumber(typeof v === 'string' && v.trim() === '' ? null : v);
    if (p.kind === 'null') return this.missing(column, o);
    if (p.kind === 'not-a-number') return this.bad(column, `is not a number (${p.reason})`, o);
    if (o.min === '>0' && p.sign <= 0) return this.bad(column, `must be above 0 (${p.value})`, o);
    if (o.min === '>=0' && p.sign < 0) return this.bad(column, `must not be negative (${p.value})`, o);
    if (o.range && (Number(p.value) < o.range[0] || Number(p.value) > o.range[1])) {
      return this.bad(column, `must be between ${o.range[0]} and ${o.range[1]} (${p.value})`, o);
    }
    return { value: p.value, unit: p.kind === 'with-unit' ? p.unit : null };
  }

  /** A whole number that fits PostgreSQL integer. */
  int(column: string, o: ReadOptions & { min?: number } = {}): number | null {
    const v = this.raw(column);
    if (v === null || (typeof v === 'string' && v.trim() === '')) return this.missing(column, o);
    const p = parseLegacyNumber(v);
    if (p.kind !== 'number' || !p.integer) {
      return this.bad(column, `is not a whole number (${showValue(v)})`, o);
    }
    const n = BigInt(p.value);
    if (n < BigInt(o.min ?? -2147483648) || n > INT4_MAX) {
      return this.bad(column, `is out of range (${p.value})`, o);
    }
    return Number(n);
  }

  bool(column: string, whenNull: boolean, whenBad: boolean): boolean {
    const p = parseLegacyBool(this.raw(column));
    if (p.kind === 'bool') return p.value;
    if (p.kind === 'null') return whenNull;
    this.change(column, `${p.reason}: read as ${whenBad ? 'yes' : 'no'}`);
    return whenBad;
  }

  /** Maps through an enum; an unknown value's fallback is recorded. */
  enumValue(column: string, mapping: EnumMapping): string | null {
    const v = this.raw(column);
    const out = mapLegacyEnum(mapping, v);
    switch (out.kind) {
      case 'same':
      case 'alias':
      case 'null-default':
        return out.value;
      case 'unknown-fallback':
        this.change(column, `${showValue(v)} became '${out.value}' (${out.why})`);
        return out.value;
      case 'null':
        return null;
      case 'quarantine':
        this.problems.push(out.reason);
        return null;
    }
  }

  /**
   * A reference to check in PostgreSQL. A missing parent quarantines the row or clears the
   * column (recorded), per the catalog (a required column always quarantines).
   */
  ref(
    column: string,
    sourceColumn: string,
    table: RefTable,
    o: ReadOptions & { fetch?: readonly string[] } = {},
  ): number | null {
    const v = this.raw(sourceColumn);
    if (v === null || (typeof v === 'string' && v.trim() === '')) return this.missing(sourceColumn, o);
    const p = parseLegacyNumber(v);
    const n = p.kind === 'number' && p.integer ? BigInt(p.value) : null;
    const rules = this.rules(sourceColumn, o);
    const onMissing = rules.required ? 'quarantine' : this.ctx.orphanPolicy(this.table, sourceColumn);
    if (n === null || n < 1n || n > INT4_MAX) {
      const what = `${showValue(v)} is not an id of ${table}`;
      if (onMissing === 'quarantine') this.problems.push(`${sourceColumn} ${what}`);
      else this.change(sourceColumn, `${what}: cleared`, true);
      return null;
    }
    const id = Number(n);
    this.refs.push({ column, sourceColumn, table, id, onMissing, fetch: o.fetch });
    return id;
  }

  /** The draft, or the row's quarantine naming every problem. */
  result(id: bigint | null, values: Draft['values'], more: Partial<Draft> = {}): Prepared {
    if (this.problems.length > 0) {
      return { kind: 'quarantine', reason: this.problems.join('; ') };
    }
    return {
      kind: 'draft',
      draft: {
        id,
        values,
        refs: this.refs,
        ensures: more.ensures ?? [],
        changes: this.changes,
        self: more.self,
      },
    };
  }
}
