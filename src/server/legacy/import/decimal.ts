/**
 * Decimal text exactly as PostgreSQL's numeric prints it, without going through binary floating
 * point: a number literal keeps its digits, and its display scale follows numeric_in (digits after
 * the point minus the exponent, at least 0).
 */

const LITERAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** numeric_out(numeric_in(literal)), or null when the text is not a plain decimal literal. */
export function numericText(literal: string): string | null {
  const m = LITERAL.exec(literal.trim());
  if (!m) return null;
  const [, sign = '', int = '', frac = ''] = m;
  if (int === '' && frac === '') return null;
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 100_000) return null;
  const digits = int + frac;
  const shift = exp - frac.length; // value = digits × 10^shift
  let intPart: string;
  let fracPart: string;
  if (shift >= 0) {
    intPart = digits + '0'.repeat(shift);
    fracPart = '';
  } else {
    const scale = -shift;
    const padded = digits.padStart(scale + 1, '0');
    intPart = padded.slice(0, padded.length - scale);
    fracPart = padded.slice(padded.length - scale);
  }
  intPart = intPart.replace(/^0+(?=\d)/, '');
  const zero = /^0*$/.test(intPart + fracPart);
  return `${sign === '-' && !zero ? '-' : ''}${intPart}${fracPart === '' ? '' : `.${fracPart}`}`;
}

/** trim_scale(): trailing fractional zeros (and a bare point) removed. */
export function trimScale(decimal: string): string {
  if (!decimal.includes('.')) return decimal;
  const t = decimal.replace(/0+$/, '').replace(/\.$/, '');
  return t === '-0' ? '0' : t;
}

/** The decimal text of a JS number (its shortest round-trip form), or null if not finite. */
export function numberText(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  return numericText(String(n));
}

/** Exact decimal text of an integer or float source value. */
export function decimalOf(v: number | bigint): string | null {
  return typeof v === 'bigint' ? v.toString() : numberText(v);
}
