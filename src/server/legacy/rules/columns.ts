/** The rules every column of a known table follows, by its role in the catalog. */
import type { ColumnSpec, Disposition } from '../catalog/types.js';
import { parseLegacyBool } from '../values/bool.js';
import { mapLegacyEnum } from '../values/enums.js';
import { parseLegacyNumber } from '../values/number.js';
import { showValue } from '../values/storage.js';
import { legacyDay, parseLegacyTime } from '../values/time.js';
import type { AssessContext } from './context.js';
import type { IssueCode } from './issues.js';
import { refFlag, refKey, truthy, type RowBuilder } from './row.js';
import { slugify } from './slug.js';

const INT4_MAX = 2_147_483_647n;
const INT4_MIN = -2_147_483_648n;
const INT8_MAX = 9_223_372_036_854_775_807n;

function badValue(spec: ColumnSpec): Disposition {
  return spec.required ? 'quarantine-row' : (spec.onBad ?? 'clear-and-record');
}

function fail(b: RowBuilder, spec: ColumnSpec, code: IssueCode, detail: string) {
  b.add(code, spec.name, badValue(spec), detail);
  b.values[spec.name] = null;
}

function missing(b: RowBuilder, spec: ColumnSpec) {
  if (spec.required)
    b.add('required-missing', spec.name, 'quarantine-row', `${spec.name} is missing`);
  b.values[spec.name] = null;
}

/** Assesses `spec.name` of the row (the raw value may be absent when the file lacks the column). */
export function assessColumn(
  spec: ColumnSpec,
  table: string,
  idOffset: number,
  b: RowBuilder,
  ctx: AssessContext,
): void {
  const raw = b.row[spec.name] ?? null;
  const role = spec.role;
  if (spec.target === null && role.kind !== 'ref' && role.kind !== 'key') {
    b.values[spec.name] = raw;
    return;
  }
  switch (role.kind) {
    case 'key': {
      const id = typeof raw === 'bigint' ? raw : null;
      b.values[spec.name] = id === null ? refKey(raw) : id.toString();
      if (spec.target === null) return;
      const shifted = id === null ? null : id + BigInt(idOffset);
      const [min, max] = role.range === 'int4' ? [INT4_MIN, INT4_MAX] : [-INT8_MAX - 1n, INT8_MAX];
      if (shifted === null || shifted < min || shifted > max) {
        b.add(
          'id-out-of-range',
          spec.name,
          'quarantine-row',
          `id ${showValue(raw)} does not fit ${role.range}`,
        );
      }
      return;
    }
    case 'ref': {
      const key = refKey(raw);
      if (key === null || key === '') return missing(b, spec);
      b.values[spec.name] = key;
      const exists = truthy(b.row[refFlag(spec.name)]);
      const parentOut = exists && (ctx.quarantined.get(role.parent)?.has(key) ?? false);
      if (exists && !parentOut) return;
      const code = exists ? 'parent-quarantined' : 'orphan';
      const detail = `${role.parent} ${key} ${exists ? 'is quarantined' : 'does not exist'}`;
      if (role.onOrphan === 'keep' || spec.target === null) {
        b.add(code, spec.name, 'report-only', detail);
      } else {
        b.add(code, spec.name, spec.required ? 'quarantine-row' : role.onOrphan, detail);
        b.values[spec.name] = null;
      }
      return;
    }
    case 'time': {
      if (raw === null) return missing(b, spec);
      const parsed = parseLegacyTime(raw, ctx.timeBase(table, spec.name), ctx.zone);
      if (parsed.kind === 'unparseable') {
        return fail(b, spec, 'time-unparseable', parsed.reason);
      }
      if (role.as === 'date') {
        b.values[spec.name] = legacyDay(parsed, ctx.zone);
        return;
      }
      if (parsed.kind === 'date') {
        return fail(b, spec, 'time-date-only', `${showValue(raw)} has no time of day`);
      }
      b.values[spec.name] = parsed.at;
      return;
    }
    case 'bool': {
      const parsed = parseLegacyBool(raw);
      if (parsed.kind === 'bool') b.values[spec.name] = parsed.value;
      else if (parsed.kind === 'null') b.values[spec.name] = role.whenNull;
      else {
        b.values[spec.name] = role.whenUnrecognised;
        b.add(
          'bool-unrecognised',
          spec.name,
          'replace-and-record',
          `${parsed.reason} → ${role.whenUnrecognised}`,
        );
      }
      return;
    }
    case 'number': {
      const parsed = parseLegacyNumber(raw);
      if (parsed.kind === 'null') return missing(b, spec);
      if (parsed.kind === 'not-a-number' || (parsed.kind === 'with-unit' && !role.withUnit)) {
        const why =
          parsed.kind === 'not-a-number' ? parsed.reason : `${showValue(raw)} is not a number`;
        return fail(b, spec, 'number-not-a-number', why);
      }
      if (role.integer && !parsed.integer) {
        return fail(b, spec, 'number-not-integer', `${showValue(raw)} is not a whole number`);
      }
      const outOfRange =
        (role.sign === 'positive' && parsed.sign <= 0) ||
        (role.sign === 'non-negative' && parsed.sign < 0) ||
        (role.range !== undefined &&
          (Number(parsed.value) < role.range[0] || Number(parsed.value) > role.range[1])) ||
        (role.integer === true && BigInt(parsed.value) > INT4_MAX);
      if (outOfRange) {
        return fail(b, spec, 'number-out-of-range', `${showValue(raw)} is not allowed`);
      }
      b.values[spec.name] = parsed.value;
      if (parsed.kind === 'with-unit') b.derived.unit = parsed.unit;
      return;
    }
    case 'enum': {
      const out = mapLegacyEnum(role.mapping, raw);
      if (out.kind === 'quarantine') {
        const code = raw === null ? 'required-missing' : 'enum-unknown';
        b.add(code, spec.name, 'quarantine-row', out.reason);
        b.values[spec.name] = null;
      } else if (out.kind === 'null') {
        b.values[spec.name] = null;
      } else {
        b.values[spec.name] = out.value;
        if (out.kind === 'unknown-fallback') {
          b.add(
            'enum-unknown',
            spec.name,
            'replace-and-record',
            `${showValue(raw)} → ${out.value} (${out.why})`,
          );
        }
      }
      return;
    }
    case 'environment': {
      const slug = slugify(raw);
      if (slug === null) return missing(b, spec);
      b.values[spec.name] = slug;
      return;
    }
    case 'text': {
      if (raw !== null && typeof raw === 'object') {
        return fail(b, spec, 'text-not-text', `${showValue(raw)} is not text`);
      }
      const text = raw === null ? null : String(raw);
      const value = text !== null && role.trim ? text.trim() : text;
      if (value === null || value.trim() === '') {
        if (role.whenBlank !== undefined) b.values[spec.name] = role.whenBlank;
        else if (spec.required) missing(b, spec);
        else b.values[spec.name] = value;
        return;
      }
      if (role.maxLength !== undefined && [...value].length > role.maxLength) {
        return fail(
          b,
          spec,
          'text-too-long',
          `${[...value].length} characters, at most ${role.maxLength}`,
        );
      }
      b.values[spec.name] = value;
      return;
    }
    case 'json': {
      if (raw === null) {
        b.values[spec.name] = null;
        return;
      }
      const text = typeof raw === 'string' ? raw : String(raw);
      try {
        b.values[spec.name] = { json: JSON.parse(text) as unknown };
      } catch {
        b.values[spec.name] = { json: text };
        b.add('json-invalid', spec.name, 'report-only', `${showValue(raw)} is not JSON`);
      }
      return;
    }
  }
}
