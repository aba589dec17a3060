import { isDeepStrictEqual } from 'node:util';
import type FastJson from 'fast-json-stringify';
import type { Schema } from 'fast-json-stringify';
import { createRequire } from 'node:module';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { z } from 'zod';

/**
 * Responses are written by fast-json-stringify from the JSON Schema of each route's Zod response
 * schema: only the properties the schema names leave the server (as with Zod's parse, an extra
 * field on a row never leaks), and without Zod building a checked copy of every response first —
 * that copy and its garbage were a fifth of the server's CPU on an order list.
 *
 * With `check` (tests, development) every response is also encoded by Zod and the two texts
 * must hold the same values, so a presenter that drifts from its schema, or a schema this writer
 * renders differently, fails loudly instead of shipping. Production writes with the same
 * function, unchecked.
 */
export function responseSerializer(check: boolean): FastifySerializerCompiler<z.ZodType> {
  return ({ schema, method, url }) => {
    // Compiled at a route's first response, not at start-up (all routes: 160 ms).
    let compiled: ((data: unknown) => string) | undefined;
    const write = (data: unknown) =>
      (compiled ??= loadFastJson()(
        simplify(z.toJSONSchema(schema, { target: 'draft-7', io: 'output' })) as Schema,
      ))(data);
    if (!check) return write;
    return (data) => {
      const encoded = z.safeEncode(schema, data);
      if (!encoded.success) {
        throw new Error(`Response of ${method} ${url} does not match its schema`, {
          cause: encoded.error,
        });
      }
      const text = write(data);
      const expected = JSON.stringify(encoded.data);
      // Same values; the order of keys may differ (optional properties come last here).
      if (!isDeepStrictEqual(JSON.parse(text), JSON.parse(expected))) {
        throw new Error(
          `Response of ${method} ${url} written as ${text.slice(0, 300)}, Zod gives ${expected.slice(0, 300)}`,
        );
      }
      return text;
    };
  };
}

type Json = Record<string, unknown>;

let fastJson: typeof FastJson | undefined;
/** Loaded with the first response rather than at start-up (it brings Ajv: 45 ms). */
const loadFastJson = () =>
  (fastJson ??= createRequire(import.meta.url)('fast-json-stringify') as typeof FastJson);

/**
 * `anyOf: [X, {type: 'null'}]` (Zod's `.nullable()`) → X with `type: [X.type, 'null']`: the
 * writer then picks the branch by a typeof check instead of validating every value against each
 * alternative.
 */
function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = simplify(v);
  const any = out.anyOf as Json[] | undefined;
  if (any?.length === 2) {
    const nullAt = any.findIndex((s) => s.type === 'null' && Object.keys(s).length === 1);
    const other = any[1 - nullAt];
    if (nullAt >= 0 && other && typeof other.type === 'string') {
      const rest = { ...out };
      delete rest.anyOf;
      return { ...rest, ...other, type: [other.type, 'null'] };
    }
  }
  return out;
}
