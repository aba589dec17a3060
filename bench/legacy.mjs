#!/usr/bin/env node
// npm run bench:legacy — generates legacy production.db files (BENCH_LEGACY_ORDERS, default
// 200,000 and 1,000,000 orders: about 5 events, 1 stop, 0.3 downtime and 0.2 waste rows per
// order), then, per file, times (each in its own process, peak RSS read from /proc, into a fresh
// database) `shopfloor legacy import`, `verify`, and two `sync`s — the file unchanged, then a copy
// with a day's worth of legacy writes — and, when pgloader is on the PATH (Debian package
// `pgloader`), pgloader's plain copy of the same file into another database, and prints rows/s,
// peak memory and the ratio. Then the floor: PostgreSQL alone loading the rows the import
// produced for the new model (pg_dump → pg_restore -j 2 of its tables, no reading of the file, no
// mapping, no row map) and building the model's indexes and keys, which any loader into the new
// model has to pay, and reading the file alone (every row, nothing done with it). Each step's
// machine CPU time (every core: the command and the PostgreSQL work it causes) is printed too,
// and the CPU budget: what an import may spend to beat pgloader on these cores, against what
// reading plus the floor already take. Results go to bench/results/legacy.md.
// Generated files are kept in .tmp-bench/ (reused by the next run; delete them to regenerate).
import { execSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { machineCpuSeconds } from './support/cpu.mjs';
import { benchPostgres } from './support/database.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin/shopfloor.js');
const SIZES = (process.env.BENCH_LEGACY_ORDERS ?? '200000,1000000').split(',').map(Number);
const WORK = path.join(ROOT, '.tmp-bench');
const say = (m) => process.stderr.write(`[bench:legacy] ${m}\n`);
const LOAD_BEFORE = os.loadavg()[0].toFixed(1);

/**
 * Runs a command to its end; wall time, peak resident memory (VmHWM, polled) and the machine's
 * CPU time meanwhile (the command and the PostgreSQL work it causes).
 */
function timed(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const cpu0 = machineCpuSeconds();
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const s = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0));
      } catch {
        // exited
      }
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const cpu1 = machineCpuSeconds();
      const cpu = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
      const seconds = (performance.now() - t0) / 1000;
      resolve({ code, seconds, cpu, peakMb: peakKb / 1024, out, err });
    });
  });
}

function sourceRows(file) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
      .all()
      .map((r) => r.name);
    const counts = Object.fromEntries(
      tables.map((t) => [t, db.prepare(`select count(*) as n from "${t}"`).get().n]),
    );
    return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
  } finally {
    db.close();
  }
}

/**
 * A copy of `file` with what the legacy app might write in a day at this size: one order in a
 * thousand updated, one event in a thousand added (copies with new ids) and one deleted.
 */
function writeChanges(file, out) {
  fs.copyFileSync(file, out);
  const db = new Database(out);
  try {
    const run = (sql) => db.prepare(sql).run().changes;
    const maxEvent = db.prepare('select max(id) as m from production_events').get().m;
    const updated = run(
      `update production_orders set notes = 'changed at cutover' where id % 1000 = 0`,
    );
    db.exec(
      `create temp table fresh as select * from production_events where id % 1000 = 1;
       update fresh set id = id + ${maxEvent}`,
    );
    const added = run('insert into production_events select * from fresh');
    const deleted = run('delete from production_events where id % 1000 = 2');
    return {
      total: updated + added + deleted,
      detail: `${updated} orders updated, ${added} events added, ${deleted} deleted in the file`,
    };
  } finally {
    db.close();
  }
}

// ---- database: BENCH_DATABASE_URL (superuser) or a throw-away embedded cluster
const database = await benchPostgres(ROOT, 'legacy');
const adminUrl = database.adminUrl;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const scratch = async (name) => {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  return Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
};
const pgloader = spawnSync('pgloader', ['--version'], { encoding: 'utf8' }).status === 0;
const env = (url) => ({ PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: url });

/**
 * PostgreSQL's own share of an import into the new model: the imported database's model tables
 * (not the legacy_* bookkeeping, not the legacy schema) dumped, then restored into an empty
 * database — rows (COPY), then indexes and keys, two jobs each — timed.
 */
async function floorOf(url) {
  const version = (cmd) =>
    Number(
      /(\d+)\.\d+/.exec(spawnSync(cmd, ['--version'], { encoding: 'utf8' }).stdout ?? '')?.[1] ?? 0,
    );
  const server =
    Number((await admin.query('show server_version_num')).rows[0].server_version_num) / 10000;
  if (version('pg_dump') < Math.floor(server))
    return { detail: `needs pg_dump ${Math.floor(server)} or later` };
  const dump = path.join(WORK, 'floor-dump');
  fs.rmSync(dump, { recursive: true, force: true });
  const excluded = ['legacy_*', 'legacy.*'].flatMap((t) => ['--exclude-table', t]);
  const d = spawnSync('pg_dump', ['-Fd', '-j', '2', '-Z', '0', '-f', dump, ...excluded, url], {
    encoding: 'utf8',
  });
  if (d.status !== 0) return { detail: `pg_dump failed: ${d.stderr.slice(-300)}` };
  const furl = await scratch('shopfloor_bench_floor');
  const restore = (section) =>
    timed(
      'pg_restore',
      ['-d', furl, '--section', section, '-j', '2', '--no-owner', dump],
      process.env,
    );
  const pre = await restore('pre-data');
  const data = await restore('data');
  const post = await restore('post-data');
  await admin.query('drop database shopfloor_bench_floor with (force)');
  fs.rmSync(dump, { recursive: true, force: true });
  const failed = [pre, data, post].find((r) => r.code !== 0);
  if (failed) return { detail: `pg_restore failed: ${failed.err.slice(-300)}` };
  return {
    seconds: data.seconds + post.seconds,
    cpu: data.cpu === null || post.cpu === null ? null : data.cpu + post.cpu,
    detail: `rows ${data.seconds.toFixed(1)} s + indexes and keys ${post.seconds.toFixed(1)} s`,
  };
}

/** " (N CPU-s)": the machine's CPU time a step took, when it could be read. */
const hasCpu = (r) => typeof r?.cpu === 'number';
const cpuOf = (r) => (hasCpu(r) ? ` (${r.cpu.toFixed(1)} CPU-s)` : '');

/**
 * What any importer into the new model must spend, before mapping a single row: reading the file
 * (every row, nothing done with it) plus PostgreSQL storing the model's rows with its indexes and
 * keys (the floor); set against the machine time pgloader took (its wall time × the cores).
 */
function budgetLine(imp, read, floor, loader) {
  if (![imp, read, floor, loader].every(hasCpu)) return null;
  const cores = os.cpus().length;
  const least = read.cpu + floor.cpu;
  return (
    `  CPU budget: to beat pgloader on ${cores} cores an import may use at most ` +
    `${(loader.seconds * cores).toFixed(1)} CPU-s (pgloader's ${loader.seconds.toFixed(1)} s × ${cores}; ` +
    `pgloader itself used ${loader.cpu.toFixed(1)}); reading the file (${read.cpu.toFixed(1)}) and ` +
    `the floor (${floor.cpu.toFixed(1)}) take ${least.toFixed(1)} of it before any mapping, ` +
    `hashing, row map or check; the import used ${imp.cpu.toFixed(1)}`
  );
}

fs.mkdirSync(WORK, { recursive: true });
const dirty = execSync('git status --porcelain -- src bin', { cwd: ROOT }).toString().trim();
// Uncommitted changes to the code measured are said: the figures are then not the commit's.
const commit = `${execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim()}${dirty ? ' (with uncommitted changes)' : ''}`;
const lines = [
  `## ${new Date().toISOString()} commit ${commit}`,
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, PostgreSQL on the same machine (${database.kind}), load average before the run ${LOAD_BEFORE}`,
];
let failed = false;
for (const orders of SIZES) {
  const file = path.join(WORK, `legacy-${orders}.db`);
  if (!fs.existsSync(file)) {
    say(`generating ${orders} orders…`);
    const g = await timed(
      process.execPath,
      [CLI, 'legacy', 'generate', '--out', file, '--orders', String(orders)],
      process.env,
    );
    if (g.code !== 0) throw new Error(`generate failed: ${g.err}`);
  }
  const { counts, total } = sourceRows(file);
  const mb = (fs.statSync(file).size / 2 ** 20).toFixed(0);
  say(`${orders} orders: ${total} rows (${mb} MB); import…`);
  const url = await scratch('shopfloor_bench_legacy');
  const imp = await timed(process.execPath, [CLI, 'legacy', 'import', '--from', file], env(url));
  if (imp.code !== 0) failed = true;
  say(`verify…`);
  const ver = await timed(process.execPath, [CLI, 'legacy', 'verify', '--from', file], env(url));
  if (ver.code !== 0) failed = true;
  // The cutover's final sync: once against the unchanged file, once after a day's worth of
  // legacy writes on a copy (updated orders, new and deleted events).
  say(`sync, file unchanged…`);
  const same = await timed(process.execPath, [CLI, 'legacy', 'sync', '--from', file], env(url));
  if (same.code !== 0) failed = true;
  const changed = path.join(WORK, `legacy-${orders}-changed.db`);
  const edits = writeChanges(file, changed);
  say(`sync after ${edits.total} changed rows…`);
  const after = await timed(process.execPath, [CLI, 'legacy', 'sync', '--from', changed], env(url));
  fs.rmSync(changed, { force: true });
  const applied = Number(/(\d+) rows changed/.exec(after.out)?.[1] ?? 0);
  if (after.code !== 0 || applied !== edits.total) failed = true;
  let loader = null;
  if (pgloader) {
    say(`pgloader…`);
    const purl = await scratch('shopfloor_bench_pgloader');
    loader = await timed('pgloader', ['--no-ssl-cert-verification', file, purl], process.env);
    if (loader.code !== 0) say(`pgloader failed: ${loader.err.slice(-500)}`);
    await admin.query('drop database shopfloor_bench_pgloader with (force)');
  }
  const floor = await floorOf(url);
  say('reading the file alone…');
  const read = await timed(
    process.execPath,
    [path.join(ROOT, 'bench/support/read-file.mjs'), file],
    process.env,
  );
  if (read.code !== 0) say(`reading the file failed: ${read.err.slice(-300)}`);
  await admin.query('drop database shopfloor_bench_legacy with (force)');
  const rate = (r) => Math.round(total / r.seconds).toLocaleString('en');
  lines.push(
    `file: ${orders.toLocaleString('en')} orders, ${counts.production_events.toLocaleString('en')} events, ${counts.production_stops.toLocaleString('en')} stops, ${total.toLocaleString('en')} rows in all (${mb} MB)`,
    `  import: ${imp.seconds.toFixed(1)} s${cpuOf(imp)}, ${rate(imp)} rows/s, peak ${imp.peakMb.toFixed(0)} MB (target < 300), exit ${imp.code}`,
    `  verify: ${ver.seconds.toFixed(1)} s${cpuOf(ver)}, ${rate(ver)} rows/s, peak ${ver.peakMb.toFixed(0)} MB, exit ${ver.code}`,
    `  sync, file unchanged: ${same.seconds.toFixed(1)} s, peak ${same.peakMb.toFixed(0)} MB, exit ${same.code}`,
    `  sync after ${edits.detail}: ${after.seconds.toFixed(1)} s, ${applied} rows applied, peak ${after.peakMb.toFixed(0)} MB, exit ${after.code}`,
    loader
      ? `  pgloader (plain copy, no mapping or checks): ${loader.seconds.toFixed(1)} s${cpuOf(loader)}, ${rate(loader)} rows/s, peak ${loader.peakMb.toFixed(0)} MB, exit ${loader.code}; import ÷ pgloader time ${(imp.seconds / loader.seconds).toFixed(2)} (target < 1)`
      : '  pgloader: not installed (apt-get install pgloader), no comparison',
    floor.seconds
      ? `  floor (PostgreSQL alone restoring the new model's rows from a dump, pg_restore -j 2: ${floor.detail}): ${floor.seconds.toFixed(1)} s${cpuOf(floor)}${loader ? `; floor ÷ pgloader time ${(floor.seconds / loader.seconds).toFixed(2)}` : ''}; import ÷ floor ${(imp.seconds / floor.seconds).toFixed(2)}`
      : `  floor: not measured (${floor.detail})`,
    read.code === 0
      ? `  reading the file alone (better-sqlite3, every row, nothing done with it): ${read.seconds.toFixed(1)} s${cpuOf(read)}`
      : `  reading the file alone: failed (exit ${read.code})`,
  );
  const budget = budgetLine(
    imp,
    read.code === 0 ? read : null,
    floor.seconds ? floor : null,
    loader,
  );
  if (budget) lines.push(budget);
}
lines.push('');
await admin.end();
await database.close();
console.log(lines.join('\n'));
fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
fs.appendFileSync(path.join(ROOT, 'bench/results/legacy.md'), lines.join('\n') + '\n');
if (failed) process.exitCode = 1;
