#!/usr/bin/env node
// bench/startup: time from `npm start` (dependencies installed, build current) to
// GET /api/ready = 200, with a fresh data directory and with an existing one.
// Prints the figures and appends them, with date, commit and machine, to bench/results/.
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function startOnce(dataDir) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  let ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited: ${err}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/ready`);
      if (r.status === 200) {
        ms = performance.now() - t0;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const exited = new Promise((r) => child.on('exit', r));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const fresh = [];
const warm = [];
for (let i = 0; i < RUNS; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shopfloor-bench-'));
  fs.chmodSync(dir, 0o755);
  fresh.push(await startOnce(dir));
  warm.push(await startOnce(dir));
  fs.rmSync(dir, { recursive: true, force: true });
}

const commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, node ${process.version}`;
const fmt = (xs) =>
  `median ${(median(xs) / 1000).toFixed(2)} s (min ${(Math.min(...xs) / 1000).toFixed(2)}, max ${(Math.max(...xs) / 1000).toFixed(2)}, n=${xs.length})`;
const lines = [
  `## ${new Date().toISOString()} commit ${commit}`,
  `machine: ${machine}`,
  `npm start → /api/ready 200, fresh data directory: ${fmt(fresh)}  (target < 5 s)`,
  `npm start → /api/ready 200, existing data directory: ${fmt(warm)}  (target < 2 s)`,
  '',
];
console.log(lines.join('\n'));
fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
fs.appendFileSync(path.join(ROOT, 'bench', 'results', 'startup.md'), lines.join('\n') + '\n');
