import { numberText, numericText } from './decimal.js';

/** A number kept as the literal text it was written with (no binary rounding). */
export class JsonNumber {
  constructor(readonly literal: string) {}
}

export type Json =
  null | boolean | number | bigint | string | JsonNumber | Json[] | { [key: string]: Json };

/**
 * The text PostgreSQL prints for `value::jsonb` (`jsonb::text`): keys sorted shortest first then
 * bytewise, `", "` and `": "` separators, numbers as numeric prints them, escapes as escape_json.
 * NUL (which jsonb refuses) becomes U+FFFD; a non-finite number becomes its name as a string.
 */
export function jsonbText(value: Json): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return numberText(value) ?? quote(String(value));
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return quote(value);
  if (value instanceof JsonNumber) return numericText(value.literal) ?? quote(value.literal);
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  const keys = Object.keys(value).sort(compareKeys);
  return `{${keys.map((k) => `${quote(k)}: ${jsonbText(value[k]!)}`).join(', ')}}`;
}

const isAscii = (s: string) => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
};

function compareKeys(a: string, b: string): number {
  if (isAscii(a) && isAscii(b)) {
    if (a.length !== b.length) return a.length - b.length;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length !== bb.length ? ba.length - bb.length : Buffer.compare(ba, bb);
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function quote(s: string): string {
  // eslint-disable-next-line no-control-regex
  const escaped = s.replace(/["\\\x00-\x1f]/g, (c) => {
    if (c === '\0') return '\uFFFD';
    return ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}

/**
 * Parses JSON text keeping numbers as their literals (so '1.10' stays 1.10 as in jsonb);
 * duplicate keys: the last one wins, as in jsonb. Returns undefined when the text is not JSON.
 */
export function parseJsonExact(text: string): Json | undefined {
  const p = { s: text, i: 0 };
  try {
    const v = parseValue(p);
    skipWs(p);
    return p.i === p.s.length ? v : undefined;
  } catch {
    return undefined;
  }
}

interface Cursor {
  s: string;
  i: number;
}

function skipWs(p: Cursor): void {
  while (p.i < p.s.length && ' \t\n\r'.includes(p.s[p.i]!)) p.i++;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings
const STRING = /"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

function parseValue(p: Cursor): Json {
  skipWs(p);
  const c = p.s[p.i];
  if (c === '{') {
    p.i++;
    const out: { [key: string]: Json } = {};
    skipWs(p);
    if (p.s[p.i] === '}') {
      p.i++;
      return out;
    }
    for (;;) {
      skipWs(p);
      const key = parseString(p);
      skipWs(p);
      if (p.s[p.i++] !== ':') throw new Error('colon');
      const v = parseValue(p);
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true });
      skipWs(p);
      const sep = p.s[p.i++];
      if (sep === '}') return out;
      if (sep !== ',') throw new Error('comma');
    }
  }
  if (c === '[') {
    p.i++;
    const out: Json[] = [];
    skipWs(p);
    if (p.s[p.i] === ']') {
      p.i++;
      return out;
    }
    for (;;) {
      out.push(parseValue(p));
      skipWs(p);
      const sep = p.s[p.i++];
      if (sep === ']') return out;
      if (sep !== ',') throw new Error('comma');
    }
  }
  if (c === '"') return parseString(p);
  for (const [word, v] of [
    ['true', true],
    ['false', false],
    ['null', null],
  ] as const) {
    if (p.s.startsWith(word, p.i)) {
      p.i += word.length;
      return v;
    }
  }
  NUMBER.lastIndex = p.i;
  const m = NUMBER.exec(p.s);
  if (!m) throw new Error('value');
  p.i += m[0].length;
  return new JsonNumber(m[0]);
}

function parseString(p: Cursor): string {
  STRING.lastIndex = p.i;
  const m = STRING.exec(p.s);
  if (!m) throw new Error('string');
  p.i += m[0].length;
  return JSON.parse(m[0]) as string;
}
