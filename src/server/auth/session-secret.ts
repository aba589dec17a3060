import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import type { SessionPolicy } from './auth.service.js';

/**
 * SESSION_SECRET when set (required in production, see config.ts). Outside production a
 * random secret is created once in DATA_DIR so sessions survive restarts.
 */
export async function sessionPolicy(config: Config): Promise<SessionPolicy> {
  return {
    secret: config.SESSION_SECRET ?? (await devSecret(config.DATA_DIR)),
    idleMinutes: config.SESSION_IDLE_MINUTES,
    maxAgeMinutes: config.SESSION_MAX_HOURS * 60,
  };
}

async function devSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'session.secret');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    await fs.mkdir(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    await fs.writeFile(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  }
}
