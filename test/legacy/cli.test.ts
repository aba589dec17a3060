/**
 * `shopfloor legacy plan` / `import --dry-run` / `generate`: output and exit codes
 * (0 ok, 1 failed, 2 usage), in-process through the CLI's run() and once through the built CLI.
 */
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/server/cli/main.js';
import type { ImportPlan } from '../../src/server/legacy/plan/types.js';
import { runCli } from '../support/cli.js';
import { generateLegacyDb, type GenerateResult } from './generate.js';
import { scratchDir } from './helpers.js';

const tmp = scratchDir();
let gen: GenerateResult;
beforeAll(() => {
  gen = generateLegacyDb(tmp.file('legacy.db'), {
    orders: 40,
    quirks: 'all',
    appTimeBase: 'plant',
  });
  fs.writeFileSync(
    tmp.file('notes.txt'),
    'these are not the rows you are looking for\n'.repeat(10),
  );
  fs.writeFileSync(tmp.file('empty.db'), '');
});
afterAll(() => tmp.remove());
afterEach(() => vi.restoreAllMocks());

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
  const code = await run(args);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('shopfloor:'));

describe('shopfloor legacy plan', () => {
  it('prints a readable report: tables, time bases with evidence, mappings, quarantine', async () => {
    const r = await cli('legacy', 'plan', '--from', gen.path);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Summary +\d+ tables \(\d+ known, 2 unknown\)/);
    expect(r.stdout).toMatch(/production_orders +64 +59 +5 +13 +production_orders; ids: preserved/);
    expect(r.stdout).toMatch(
      /production_orders\.start_time +plant +paired +\d+ pairs with the first 'start' event .*median difference \+120 min/,
    );
    expect(r.stdout).toMatch(/production_events\.timestamp +UTC +default-utc/);
    expect(r.stdout).toContain("production_orders.priority 'medium' ×1 → normal (alias)");
    expect(r.stdout).toContain("users.role 'superhero' ×1 → viewer (unknown-fallback)");
    expect(r.stdout).toMatch(/quarantine-row +quantity +number-out-of-range +×2/);
    expect(r.stdout).toMatch(/clear-and-record +machine_id +orphan +×1/);
    expect(r.stdout).toMatch(/reason_codes\.code \(merge\): 3 groups, 5 later rows/);
    expect(r.stdout).toContain('Warnings');
    expect(r.stderr).toMatch(/\[shopfloor\] reading production_orders: \d+ rows/);
  });

  it('prints the ImportPlan as JSON with --json; import --dry-run is the same plan', async () => {
    const a = await cli('legacy', 'plan', '--from', gen.path, '--json');
    expect(a.code).toBe(0);
    const plan = JSON.parse(a.stdout) as ImportPlan;
    expect(plan.planVersion).toBe(1);
    expect(plan.source.path).toBe(gen.path);
    expect(plan.tables.find((t) => t.name === 'production_events')?.maxRowid).toBe(
      '9007199254740993',
    );
    const b = await cli('legacy', 'import', '--dry-run', '--from', gen.path, '--json');
    expect(b.code).toBe(0);
    const again = JSON.parse(b.stdout) as ImportPlan;
    expect({ ...again, createdAt: 0, source: { ...again.source, snapshotAt: 0 } }).toEqual({
      ...plan,
      createdAt: 0,
      source: { ...plan.source, snapshotAt: 0 },
    });
  });

  it('takes --time-base overrides and --plant-zone', async () => {
    const r = await cli(
      'legacy',
      'plan',
      '--from',
      gen.path,
      '--json',
      '--time-base',
      'production_orders.start_time=utc',
      '--time-base',
      'users.last_login=UTC',
      '--plant-zone',
      'Europe/Berlin',
    );
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as ImportPlan;
    expect(plan.options).toEqual({
      plantZone: 'Europe/Berlin',
      timeBaseOverrides: { 'production_orders.start_time': 'utc', 'users.last_login': 'utc' },
    });
    expect(plan.timeBases.find((d) => d.name === 'production_orders.start_time')).toMatchObject({
      base: 'utc',
      source: 'override',
    });
  });

  it('exits 2 with one clear line on usage errors', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['legacy', 'plan', '--from', tmp.file('missing.db')],
        /^shopfloor: no such file: .*missing\.db$/,
      ],
      [['legacy', 'plan', '--from', tmp.dir], /is a directory/],
      [
        ['legacy', 'plan', '--from', gen.path, '--time-base', 'start_time=utc'],
        /--time-base must look like table.column=utc/,
      ],
      [
        ['legacy', 'plan', '--from', gen.path, '--time-base', 'production_orders.start_time=local'],
        /--time-base must look like/,
      ],
      [
        ['legacy', 'plan', '--from', gen.path, '--time-base', 'production_orders.notes=utc'],
        /no time column production_orders.notes/,
      ],
      [
        ['legacy', 'plan', '--from', gen.path, '--plant-zone', '+02:00'],
        /--plant-zone must be an IANA time zone/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(errorLines(r.stderr), args.join(' ')).toHaveLength(1);
      expect(errorLines(r.stderr)[0]).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect((await cli('legacy', 'plan')).code).toBe(2);
    expect((await cli('legacy', 'frobnicate')).code).toBe(2);
    expect((await cli('legacy', 'plan', '--from', gen.path, '--bogus')).code).toBe(2);
  });

  it('exits 1 with one clear line when the file is not a SQLite database', async () => {
    for (const name of ['notes.txt', 'empty.db']) {
      const r = await cli('legacy', 'plan', '--from', tmp.file(name));
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(`shopfloor: ${tmp.file(name)} is not a SQLite database`);
    }
  });

  it('shows help (exit 0); generate stays hidden', async () => {
    const help = await cli('legacy', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/plan \[options\][\s\S]*import \[options\]/);
    expect(help.stdout).not.toMatch(/generate/);
    expect((await cli('legacy', 'plan', '--help')).stdout).toMatch(
      /--time-base <table.column=utc\|plant>/,
    );
  });
});

describe('shopfloor legacy generate (hidden)', () => {
  it('writes a file and prints its counts and logins', async () => {
    const out = tmp.file('generated.db');
    const r = await cli(
      'legacy',
      'generate',
      '--out',
      out,
      '--orders',
      '30',
      '--quirks',
      'orphans,legacyEnums',
      '--journal',
      'wal',
    );
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as {
      counts: Record<string, number>;
      users: { username: string; password: string }[];
    };
    expect(printed.counts.production_orders).toBe(30 + 9);
    expect(printed.users.find((u) => u.username === 'admin')?.password).toMatch(/^admin-\d{4}$/);
    expect((await cli('legacy', 'generate', '--out', out, '--orders', '30')).code).toBe(2);
    expect(
      (await cli('legacy', 'generate', '--out', tmp.file('x.db'), '--orders', 'many')).code,
    ).toBe(2);
    expect(
      (
        await cli(
          'legacy',
          'generate',
          '--out',
          tmp.file('y.db'),
          '--orders',
          '30',
          '--quirks',
          'gremlins',
        )
      ).code,
    ).toBe(2);
  });
});

describe('the built CLI', () => {
  it('exits 0 / 1 / 2 as a user would see it', async () => {
    const ok = await runCli(['legacy', 'plan', '--from', gen.path, '--json']);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as ImportPlan).summary.sourceRows).toBeGreaterThan(0);
    const missing = await runCli(['legacy', 'plan', '--from', tmp.file('nope.db')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`shopfloor: no such file: ${tmp.file('nope.db')}`);
    const bad = await runCli(['legacy', 'import', '--dry-run', '--from', tmp.file('notes.txt')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(`shopfloor: ${tmp.file('notes.txt')} is not a SQLite database`);
    const workers = await runCli(['legacy', 'sync', '--from', gen.path, '--workers', 'many']);
    expect(workers.code).toBe(2);
    expect(workers.stderr.trim()).toBe(
      'shopfloor: --workers must be a whole number between 0 and 16',
    );
  });
});
