/**
 * Legacy numbers: INTEGER (bigint, exact past 2^53), REAL, and text that is a number ('12'),
 * a number with a unit ('12 kg') or not a number at all ('n/a', a waste reason of "2" is text
 * that happens to look like one). Values come back as canonical decimal strings so nothing is
 * rounded on the way to PostgreSQL `numeric`.
 */

export type NumberSource = 'integer' | 'real' | 'text';

export interface LegacyNumber {
  kind: 'number';
  /** Canonical decimal: no exponent, no leading '+', no superfluous zeros ('-0' → '0'). */
  value: string;
  source: NumberSource;
  sign: -1 | 0 | 1;
  integer: boolean;
  /** An integer whose magnitude exceeds Number.MAX_SAFE_INTEGER (kept exact in `value`). */
  beyondSafeInteger: boolean;
}

export type ParsedNumber =
  | LegacyNumber
  | (Omit<LegacyNumber, 'kind' | 'source'> & { kind: 'with-unit'; unit: string; source: 'text' })
  | { kind: 'null' }
  | { kind: 'not-a-number'; reason: string };

const NUMBER_RE = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const WITH_UNIT_RE =
  /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-z%µ°][A-Za-z%µ°/.²³]*(?: [A-Za-z]+)?)$/;
const MAX_EXPONENT = 400;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Canonical decimal string of a numeric literal, or null when `text` is not one. */
export function canonicalDecimal(text: string): string | null {
  const m = NUMBER_RE.exec(text.trim());
  if (!m) return null;
  const [, signPart, intPart = '', fracPart = '', expPart] = m;
  if (intPart === '' && fracPart === '') return null;
  const exp = expPart === undefined ? 0 : Number(expPart);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > MAX_EXPONENT) return null;
  let digits = `${intPart}${fracPart}`;
  let point = intPart.length + exp;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits + '0'.repeat(point - digits.length);
  const int = digits.slice(0, point).replace(/^0+/, '') || '0';
  const frac = digits.slice(point).replace(/0+$/, '');
  const body = frac === '' ? int : `${int}.${frac}`;
  return signPart === '-' && body !== '0' ? `-${body}` : body;
}

function describe(value: string, source: NumberSource): LegacyNumber {
  const negative = value.startsWith('-');
  const integer = !value.includes('.');
  const sign = value === '0' ? 0 : negative ? -1 : 1;
  const magnitude = negative ? value.slice(1) : value;
  const beyondSafeInteger = integer && magnitude.length >= 16 && BigInt(magnitude) > SAFE;
  return { kind: 'number', value, source, sign, integer, beyondSafeInteger };
}

/** Reads a legacy number; see {@link ParsedNumber}. Text like '1,5' or '1,000' is not guessed. */
export function parseLegacyNumber(value: unknown): ParsedNumber {
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'bigint') return describe(value.toString(), 'integer');
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { kind: 'not-a-number', reason: `${value} is not finite` };
    const canonical = canonicalDecimal(String(value));
    return canonical === null
      ? { kind: 'not-a-number', reason: `${value} cannot be written as a decimal` }
      : describe(canonical, 'real');
  }
  if (typeof value === 'string') {
    const text = value.trim();
    const canonical = canonicalDecimal(text);
    if (canonical !== null) return describe(canonical, 'text');
    const m = WITH_UNIT_RE.exec(text);
    const number = m ? canonicalDecimal(m[1] ?? '') : null;
    if (m && number !== null) {
      const d = describe(number, 'text');
      const unit = (m[2] ?? '').trim();
      return { ...d, kind: 'with-unit', unit, source: 'text' };
    }
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    return { kind: 'not-a-number', reason: `${JSON.stringify(shown)} is not a number` };
  }
  return { kind: 'not-a-number', reason: 'a blob is not a number' };
}
