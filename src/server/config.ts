import path from 'node:path';
import { z } from 'zod';
import { isValidTimeZone } from '../common/plant-time/zone.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const ConfigSchema = z
  .object({
    NODE_ENV: z.preprocess(
      emptyToUndefined,
      z.enum(['development', 'production', 'test']).default('development'),
    ),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(
          (v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v),
          'must be a postgres:// or postgresql:// URL',
        )
        .optional(),
    ),
    DATABASE_POOL_SIZE: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: 'must be a number' })
        .int('must be a whole number')
        .min(2, 'must be between 2 and 200')
        .max(200, 'must be between 2 and 200')
        .default(10),
    ),
    HOST: z.preprocess(emptyToUndefined, z.string().min(1).default('0.0.0.0')),
    PORT: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: 'must be a number' })
        .int('must be a whole number')
        .min(0, 'must be between 0 and 65535')
        .max(65535, 'must be between 0 and 65535')
        .default(3000),
    ),
    PLANT_TIME_ZONE: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(isValidTimeZone, 'must be an IANA time zone such as Africa/Johannesburg')
        .default('Africa/Johannesburg'),
    ),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).default('info')),
    TRUST_PROXY: z.preprocess(
      emptyToUndefined,
      z
        .enum(['true', 'false'], { message: 'must be true or false' })
        .default('false')
        .transform((v) => v === 'true'),
    ),
    SESSION_IDLE_MINUTES: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: 'must be a number' })
        .int('must be a whole number')
        .min(5, 'must be at least 5')
        .max(7 * 24 * 60, 'must be at most a week')
        .default(240),
    ),
    SESSION_MAX_HOURS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: 'must be a number' })
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(24 * 30, 'must be at most 30 days')
        .default(14),
    ),
    SESSION_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().min(32, 'must be at least 32 characters').optional(),
    ),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && c.SESSION_SECRET === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'is required when NODE_ENV=production (at least 32 random characters)',
      });
    }
  });

export type Config = Readonly<
  Omit<z.infer<typeof ConfigSchema>, 'DATA_DIR'> & {
    DATA_DIR: string;
  }
>;

/** A configuration problem the operator must fix; the CLI prints `message` and exits with 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the environment. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'environment');
      const raw = env[name];
      const shown = name === 'SESSION_SECRET' || name === 'DATABASE_URL' ? '' : ` (got "${raw}")`;
      return `${name} ${i.message}${raw === undefined ? '' : shown}`;
    });
    throw new ConfigError(`Invalid configuration: ${issues.join('; ')}`);
  }
  return { ...parsed.data, DATA_DIR: path.resolve(parsed.data.DATA_DIR) };
}
