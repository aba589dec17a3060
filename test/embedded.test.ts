import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from './support/cli.js';

/** `shopfloor serve` on the embedded database: first start, restart, kill -9, stale pid. */

let dataDir: string;

/**
 * A free port below Linux's ephemeral range (32768–60999). The embedded PostgreSQL takes its
 * port from that range (listen(0)), and a port this test had picked there and released could be
 * handed to it before Shopfloor bound it ("Port … is already in use", seen once in CI).
 */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

interface Serving {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();

async function serve(extraEnv: Record<string, string> = {}): Promise<Serving> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const deadline = Date.now() + 60_000;
  while (!out.includes('Shopfloor is ready at')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`serve did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port, output: () => out, exited };
}

async function ready(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/api/ready`);
  return { status: res.status, body: (await res.json()) as { status: string } };
}

async function postmasterPid(): Promise<number> {
  const text = await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8');
  return Number(text.split('\n')[0]);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'shopfloor-embedded-'));
  await fs.chmod(dataDir, 0o755);
});
afterEach(async () => {
  // A failed assertion must not leave a server (and its PostgreSQL) for the next test.
  for (const child of running) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
});
afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('serve with the embedded database', () => {
  it('creates, migrates and seeds a fresh data directory, prints the logins, stops on SIGTERM', async () => {
    const s = await serve();
    expect(s.output()).toMatch(/Demo logins/);
    expect(s.output()).toMatch(/admin\s+admin\s+\S{16}/);
    expect(s.output()).toContain(`http://127.0.0.1:${s.port}`);
    expect(await ready(s.port)).toMatchObject({ status: 200, body: { status: 'ready' } });
    const html = await (await fetch(`http://127.0.0.1:${s.port}/`)).text();
    expect(html).toContain('<div id="root">');
    const pgPid = await postmasterPid();
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(alive(pgPid)).toBe(false);
  });

  it('restarts on the existing data without seeding again', async () => {
    const s = await serve();
    expect(s.output()).not.toMatch(/Demo logins/);
    expect((await ready(s.port)).status).toBe(200);
    s.child.kill('SIGINT');
    expect(await s.exited).toBe(0);
  });

  it('refuses a second server on the same data directory, while CLI commands attach to it', async () => {
    const s = await serve();
    const second = await runCli(['serve'], {
      env: { DATA_DIR: dataDir, PORT: String(await freePort()) },
    });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/is in use by Shopfloor process \d+; stop it first/);
    const status = await runCli(['db', 'status'], { env: { DATA_DIR: dataDir } });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/Up to date/);
    expect((await ready(s.port)).status).toBe(200);
    s.child.kill('SIGTERM');
    await s.exited;
  });

  it('recovers after kill -9 (orphaned PostgreSQL) and after a stale postmaster.pid', async () => {
    const s = await serve();
    const orphan = await postmasterPid();
    s.child.kill('SIGKILL');
    await s.exited;
    expect(alive(orphan)).toBe(true);
    const again = await serve();
    expect(again.output()).toMatch(/left running by a killed Shopfloor/);
    expect(alive(orphan)).toBe(false);
    expect((await ready(again.port)).status).toBe(200);
    again.child.kill('SIGTERM');
    await again.exited;

    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    await fs.writeFile(pidFile, `999999\n${dataDir}/postgres\n0\n5999\n\n127.0.0.1\n`);
    const third = await serve();
    expect(third.output()).toMatch(/Removed a stale postmaster.pid/);
    expect((await ready(third.port)).status).toBe(200);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  });

  it('says clearly when the port is taken or the data directory cannot be written', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const a = blocker.address();
    const port = typeof a === 'object' && a ? a.port : 0;
    const taken = await runCli(['serve'], {
      env: { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
    });
    blocker.close();
    expect(taken.code).toBe(1);
    expect(taken.stderr.trim().split('\n').at(-1)).toBe(
      `shopfloor: Port ${port} on 127.0.0.1 is already in use; stop the other program or set PORT`,
    );

    const file = path.join(dataDir, 'not-a-dir');
    await fs.writeFile(file, '');
    const bad = await runCli(['serve'], { env: { DATA_DIR: path.join(file, 'sub') } });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toMatch(
      /^shopfloor: DATA_DIR .*not-a-dir\/sub is not a writable directory \(ENOTDIR\)$/,
    );
  });
});
