#!/usr/bin/env node
// Bootstrap for `npm start` / `npm test` on a fresh clone: plain Node, no dependencies.
// Installs npm dependencies when missing or stale, builds the server (tsc) and the web
// app (vite) when their sources changed, then runs the command. Says what it does.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMPS = path.join(ROOT, 'dist', '.stamps');
const say = (msg) => process.stderr.write(`[bootstrap] ${msg}\n`);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    say(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

function filesUnder(p) {
  const full = path.join(ROOT, p);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [p];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((e) => filesUnder(path.join(p, e.name)))
    .sort();
}

function hashOf(paths, skip = () => false) {
  const h = createHash('sha256');
  for (const f of paths.flatMap(filesUnder)) {
    if (skip(f)) continue;
    h.update(f)
      .update('\0')
      .update(fs.readFileSync(path.join(ROOT, f)))
      .update('\0');
  }
  return h.digest('hex');
}

function stamp(name, value) {
  const file = path.join(STAMPS, name);
  if (value === undefined) return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  fs.mkdirSync(STAMPS, { recursive: true });
  fs.writeFileSync(file, value);
  return value;
}

export function ensureDependencies() {
  const marker = path.join(ROOT, 'node_modules', '.shopfloor-deps');
  const want = hashOf(['package.json', 'package-lock.json']);
  const have = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : null;
  if (have === want) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const fresh = !fs.existsSync(path.join(ROOT, 'node_modules'));
  say(fresh ? 'Installing dependencies (npm ci)…' : 'Dependencies changed: npm install…');
  run(npm, fresh ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund']);
  fs.writeFileSync(marker, want);
}

const isTest = (f) => /\.test\.tsx?$/.test(f);
const SERVER_INPUTS = [
  'src/server',
  'src/common',
  'tsconfig.base.json',
  'tsconfig.server.json',
  'package-lock.json',
];
const WEB_INPUTS = [
  'src/web',
  'src/common',
  'vite.config.ts',
  'tsconfig.base.json',
  'package-lock.json',
];

export function ensureBuilt({ force = false } = {}) {
  const server = hashOf(SERVER_INPUTS, isTest);
  if (
    force ||
    stamp('server') !== server ||
    !fs.existsSync(path.join(ROOT, 'dist/server/cli/main.js'))
  ) {
    say('Building the server (tsc)…');
    fs.rmSync(path.join(ROOT, 'dist', 'server'), { recursive: true, force: true });
    fs.rmSync(path.join(ROOT, 'dist', 'common'), { recursive: true, force: true });
    run(process.execPath, [
      path.join(ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      'tsconfig.server.json',
    ]);
    stamp('server', server);
  }
  const web = hashOf(WEB_INPUTS, isTest);
  if (force || stamp('web') !== web || !fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) {
    say('Building the web app (vite)…');
    run(process.execPath, [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--logLevel',
      'warn',
    ]);
    stamp('web', web);
  }
}

async function main(command, args) {
  ensureDependencies();
  switch (command) {
    case 'start': {
      ensureBuilt();
      const cli = await import(pathToFileURL(path.join(ROOT, 'dist/server/cli/main.js')).href);
      await cli.main(['serve', ...args]);
      return;
    }
    case 'test': {
      ensureBuilt();
      const vitest = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
      const r = spawnSync(process.execPath, [vitest, 'run', ...args], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      process.exit(r.status ?? 1);
      return;
    }
    case 'build':
      ensureBuilt({ force: true });
      return;
    case 'ensure':
      ensureBuilt();
      return;
    default:
      say(`unknown command "${command}"; use start, test, build or ensure`);
      process.exit(2);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv[2] ?? 'start', process.argv.slice(3));
}
