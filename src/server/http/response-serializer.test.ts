import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSerializer } from './response-serializer.js';

const Thing = z.object({
  id: z.number().int(),
  name: z.string(),
  note: z.string().nullable(),
  secretFree: z.boolean(),
  owner: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  tags: z.array(z.string()),
  data: z.record(z.string(), z.unknown()),
  email: z.string().nullable().optional(),
  status: z.enum(['pending', 'done']),
});

async function serve(check: boolean, body: unknown) {
  const app = Fastify();
  app.setSerializerCompiler(responseSerializer(check));
  app.get('/thing', { schema: { response: { 200: Thing } } }, async () => body);
  const res = await app.inject({ url: '/thing' });
  await app.close();
  return res;
}

const thing = {
  id: 7,
  name: 'Line "A" \\ \u2028 naïve',
  note: null,
  secretFree: true,
  owner: { id: 1, displayName: 'Thandi', passwordHash: '$argon2id$…' },
  tags: ['a', 'b'],
  data: { nested: { x: [1, null, 'y'] }, n: 1.5 },
  status: 'pending',
  passwordHash: '$argon2id$…',
};

describe('response serializer', () => {
  for (const check of [true, false]) {
    it(`writes the schema's fields and drops the rest (check ${check})`, async () => {
      const res = await serve(check, thing);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('passwordHash');
      expect(res.body).not.toContain('argon2');
      const expected: Record<string, unknown> = {
        ...thing,
        owner: { id: 1, displayName: 'Thandi' },
      };
      delete expected.passwordHash;
      expect(res.json()).toEqual(expected);
    });

    it(`writes nulls, present optionals and empty arrays (check ${check})`, async () => {
      const res = await serve(check, { ...thing, owner: null, tags: [], email: null, data: {} });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ owner: null, tags: [], email: null, data: {} });
    });
  }

  it('with check on, a response that breaks its schema is an error, not a shipped body', async () => {
    const res = await serve(true, { ...thing, id: 'seven' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('seven');
    const missing = await serve(true, { ...thing, name: undefined });
    expect(missing.statusCode).toBe(500);
  });

  it('without check, a missing required field is still refused', async () => {
    const res = await serve(false, { ...thing, name: undefined });
    expect(res.statusCode).toBe(500);
  });
});
