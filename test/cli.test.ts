import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { runCli } from './support/cli.js';
import { verifyPassword } from '../src/server/auth/passwords.js';

let database: TestDatabase;
let env: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  env = { DATABASE_URL: database.url };
});
afterAll(async () => {
  await database.drop();
});

const oneLine = (s: string) => s.trim().split('\n').length === 1;

describe('shopfloor CLI', () => {
  it('prints help for the program and each command, exit 0', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/serve[\s\S]*db[\s\S]*user/);
    for (const args of [
      ['serve', '--help'],
      ['db', 'migrate', '--help'],
      ['db', 'seed', '--help'],
      ['user', 'add', '--help'],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage: shopfloor');
    }
  });

  it('exits 2 on usage errors', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['user', 'add', '--username', 'x'])).code).toBe(2);
    const role = await runCli(['user', 'add', '--username', 'x', '--role', 'god']);
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/Allowed choices are viewer, operator, supervisor, admin/);
  });

  it('exits 2 with one clear line on bad configuration', async () => {
    const r = await runCli(['db', 'status'], { env: { ...env, PLANT_TIME_ZONE: 'Moon/Base' } });
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/PLANT_TIME_ZONE must be an IANA time zone/);
    const prod = await runCli(['serve'], { env: { ...env, NODE_ENV: 'production' } });
    expect(prod.code).toBe(2);
    expect(prod.stderr).toMatch(/SESSION_SECRET is required/);
  });

  it('exits 1 with one clear line when the database is unreachable', async () => {
    const r = await runCli(['db', 'status'], {
      env: { DATABASE_URL: 'postgres://shop:pw@127.0.0.1:1/shop' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      'shopfloor: Cannot reach the database at 127.0.0.1:1/shop (ECONNREFUSED)',
    );
    expect(r.stderr).not.toContain('pw');
  });

  it('shows migration status and migrates', async () => {
    const status = await runCli(['db', 'status'], { env });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/applied\s+0001_domain/);
    expect(status.stdout).toMatch(/Up to date/);
    const migrate = await runCli(['db', 'migrate'], { env });
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain('Already up to date');
  });

  it('adds a user with the password from stdin, hashed with argon2id', async () => {
    const r = await runCli(['user', 'add', '--username', 'Nomsa', '--role', 'supervisor'], {
      env,
      input: 'correct horse battery\n',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Created supervisor Nomsa/);
    const row = await database.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'Nomsa')
      .executeTakeFirstOrThrow();
    expect(row.role).toBe('supervisor');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.password_hash, 'correct horse battery')).toBe(true);

    const again = await runCli(['user', 'add', '--username', 'nomsa', '--role', 'viewer'], {
      env,
      input: 'another password\n',
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);

    const short = await runCli(['user', 'add', '--username', 'sam', '--role', 'viewer'], {
      env,
      input: 'short\n',
    });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/password must be at least 10 characters/);
  });

  it('refuses a database migrated by a newer Shopfloor and changes nothing', async () => {
    const newer = await createTestDatabase();
    await sql`insert into kysely_migration (name, timestamp) values ('9999_future', now())`.execute(
      newer.db,
    );
    for (const cmd of [['db', 'migrate'], ['serve']]) {
      const r = await runCli(cmd, { env: { DATABASE_URL: newer.url, PORT: '0' } });
      expect(r.code, cmd.join(' ')).toBe(1);
      expect(r.stderr).toMatch(
        /migrated by a newer version of Shopfloor \(unknown migrations: 9999_future\)/,
      );
    }
    const st = await runCli(['db', 'status'], { env: { DATABASE_URL: newer.url } });
    expect(st.stdout).toMatch(/unknown\s+9999_future/);
    await newer.drop();
  });

  it('seeds the demo plant once, and refuses to seed over data', async () => {
    const fresh = await createTestDatabase();
    const r = await runCli(['db', 'seed', '--demo'], { env: { DATABASE_URL: fresh.url } });
    expect(r.code, r.stderr).toBe(0);
    for (const role of ['admin', 'supervisor', 'operator', 'viewer']) {
      expect(r.stdout).toMatch(new RegExp(`${role}\\s+${role}\\s+\\S{16}`));
    }
    const machines = await fresh.db.selectFrom('machines').select('code').execute();
    expect(machines.length).toBeGreaterThanOrEqual(10);
    const again = await runCli(['db', 'seed', '--demo'], { env: { DATABASE_URL: fresh.url } });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has machines or users/);
    await fresh.drop();
  });
});
