import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const fails = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('has working defaults for development', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '0.0.0.0',
      PLANT_TIME_ZONE: 'Africa/Johannesburg',
      LOG_LEVEL: 'info',
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.SESSION_SECRET).toBeUndefined();
    expect(c.DATA_DIR).toBe(path.resolve('./data'));
  });

  it('reads every variable', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u:p@db.example:5433/shop',
      HOST: '127.0.0.1',
      PORT: '8080',
      PLANT_TIME_ZONE: 'Europe/Berlin',
      DATA_DIR: '/var/lib/shopfloor',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      DATABASE_POOL_SIZE: '24',
    });
    expect(c).toMatchObject({
      PORT: 8080,
      DATABASE_POOL_SIZE: 24,
      PLANT_TIME_ZONE: 'Europe/Berlin',
      DATA_DIR: '/var/lib/shopfloor',
    });
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT must be a number \(got "abc"\)$/],
    [{ PORT: '70000' }, /PORT must be between 0 and 65535/],
    [{ PORT: '30.5' }, /PORT must be a whole number/],
    [{ PLANT_TIME_ZONE: 'Mars/Olympus' }, /PLANT_TIME_ZONE must be an IANA time zone/],
    [{ PLANT_TIME_ZONE: '+02:00' }, /PLANT_TIME_ZONE must be an IANA time zone/],
    [{ PLANT_TIME_ZONE: 'Etc/GMT-2' }, /PLANT_TIME_ZONE must be an IANA time zone/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ TRUST_PROXY: 'yes' }, /TRUST_PROXY must be true or false/],
    [{ SESSION_IDLE_MINUTES: '1' }, /SESSION_IDLE_MINUTES must be at least 5/],
    [{ DATABASE_POOL_SIZE: '1' }, /DATABASE_POOL_SIZE must be between 2 and 200/],
    [{ DATABASE_POOL_SIZE: 'many' }, /DATABASE_POOL_SIZE must be a number/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres/],
    [{ NODE_ENV: 'production' }, /SESSION_SECRET is required when NODE_ENV=production/],
    [{ NODE_ENV: 'production', SESSION_SECRET: 'short' }, /SESSION_SECRET must be at least 32/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(fails(env)).toMatch(message);
  });

  it('never echoes secrets or database URLs back', () => {
    const m = fails({ SESSION_SECRET: 'hunter2', DATABASE_URL: 'mysql://root:topsecret@x' });
    expect(m).not.toContain('hunter2');
    expect(m).not.toContain('topsecret');
  });

  it('reads TRUST_PROXY as a boolean', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', PLANT_TIME_ZONE: ' ' }).PORT).toBe(3000);
  });
});
