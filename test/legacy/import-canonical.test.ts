import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { copyRows } from '../../src/server/legacy/import/copy.js';
import { numericText, trimScale } from '../../src/server/legacy/import/decimal.js';
import { jsonbText, parseJsonExact, type Json } from '../../src/server/legacy/import/json.js';
import {
  canonical,
  canonicalSql,
  type PgType,
  type PgValue,
} from '../../src/server/legacy/import/pg-text.js';

/**
 * verify compares checksums computed in JavaScript (from the source) with checksums computed in
 * PostgreSQL (from the stored rows): both sides must print every value identically.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const CASES: [PgType, PgValue][] = [
  ['int', 0],
  ['int', -2147483648],
  ['bigint', 9007199254740993n],
  ['bigint', -9223372036854775808n],
  ['text', ''],
  ['text', 'tab\there\nnewline \\ back\rslash'],
  ['text', 'quote \' and " and ünïcödé 🎉 \u0001'],
  ['bool', true],
  ['bool', false],
  ['numeric', '0'],
  ['numeric', '12.5'],
  ['numeric', '-0.000001'],
  ['numeric', '123456789012345678901234567890.123456789'],
  ['numeric', '1.50'],
  ['timestamptz', '2024-04-30T06:10:00.000000Z'],
  ['timestamptz', '1999-12-31T23:59:59.999000Z'],
  ['date', '2024-02-29'],
  ['date', '0001-01-01'],
  ['jsonb', { b: [1, 2.5, 'x'], a: null, aa: { z: true }, é: 'ü', '': 0 }],
  ['jsonb', 'just a string with "quotes" \n and \u0007 bell'],
  ['jsonb', 12345678901234567890n],
  ['jsonb', [1e21, 1e-7, -0, 0.1]],
  ['jsonb', parseJsonExact('{"a": 1.10, "b": 1e2, "c": -0.0, "d": 2E-3, "a": 3}')!],
  ['jsonb', { nul: 'a\u0000b' } as Json],
  ['text[]', ['machine_id', 'created by', '', 'NULL', 'a"b', 'x,y', '{}']],
  ['text[]', []],
];

describe('canonical text (JavaScript) = canonical text (PostgreSQL)', () => {
  it('prints every type the same way on both sides', async () => {
    const client = await db.pool.connect();
    try {
      await client.query(
        'create temp table c (n int, t text, v_int int, v_bigint bigint, v_text text, v_bool boolean, v_numeric numeric, v_timestamptz timestamptz, v_date date, v_jsonb jsonb, "v_text[]" text[])',
      );
      for (const [i, [type, value]] of CASES.entries()) {
        await copyRows(
          client,
          'c',
          [
            { name: 'n', type: 'int' },
            { name: 't', type: 'text' },
            { name: `v_${type}`, type },
          ],
          [[i, type, value]],
        );
      }
      for (const [i, [type, value]] of CASES.entries()) {
        const r = await client.query<{ x: string }>(
          `select ${canonicalSql(type, `"v_${type}"`)} as x from c where n = $1`,
          [i],
        );
        expect(r.rows[0]?.x, `${type} ${String(value)}`).toBe(canonical(type, value));
      }
      const nulls = await client.query<{ x: string }>(
        `select ${canonicalSql('jsonb', 'null::jsonb')} as x`,
      );
      expect(nulls.rows[0]?.x).toBe(canonical('jsonb', null));
    } finally {
      client.release();
    }
  });
});

describe('decimal text', () => {
  it('follows numeric_in/numeric_out', () => {
    expect(numericText('1.10')).toBe('1.10');
    expect(numericText('1e2')).toBe('100');
    expect(numericText('1.5E-3')).toBe('0.0015');
    expect(numericText('-0.0')).toBe('0.0');
    expect(numericText('00012')).toBe('12');
    expect(numericText('abc')).toBeNull();
    expect(trimScale('1.500')).toBe('1.5');
    expect(trimScale('2.000')).toBe('2');
  });

  it('keeps JSON numbers exact and the last of duplicate keys', () => {
    expect(jsonbText(parseJsonExact('{"x": 0.1000, "x": 9007199254740993}')!)).toBe(
      '{"x": 9007199254740993}',
    );
    expect(parseJsonExact('{"a": }')).toBeUndefined();
    expect(parseJsonExact('[1, 2] x')).toBeUndefined();
  });
});
