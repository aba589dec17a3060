#!/usr/bin/env node
// npm run bench:api — loads 200,000 orders with their events into a fresh database, starts the
// real server, and drives 100 concurrent connections for BENCH_SECONDS (default 30) each:
// 70 readers (order lists with filters, order detail) and 30 writers (start → count → pause →
// resume → count → complete on their own machine), after a warm-up, paced at BENCH_RATES req/s (open loop,
// bench/api/paced.mjs), then as fast as the server answers. Then times the same list query
// alone through the API (autocannon) and with pgbench, and prints API req/s ÷ PostgreSQL tps.
// Results go to bench/results/api.md.
import { execSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchPostgres } from './support/database.mjs';
import { benchQueues, loadOrders } from './api/load.mjs';
import { closedRun, pacedRun } from './api/paced.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist/server', p)).href);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
// Requests per second of the whole mix in the paced runs: 100 (each connection once a second —
// tablets and boards that poll every 10–15 s send far less) and 200; the saturation run sends as
// fast as the server answers.
const RATES = (process.env.BENCH_RATES ?? '100,200').split(',').map(Number);
const LOAD_BEFORE = os.loadavg()[0].toFixed(1);
const say = (m) => process.stderr.write(`[bench:api] ${m}\n`);

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

// ---- database: BENCH_DATABASE_URL (superuser) or a throw-away embedded cluster
const database = await benchPostgres(ROOT, 'api');
const adminUrl = database.adminUrl;
const dbName = `shopfloor_bench_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const url = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();

const { createDb } = await dist('db/connection.js');
const { migrateToLatest } = await dist('db/migrate.js');
const { seedDemoPlant } = await dist('seed/demo.js');
const { createUser } = await dist('users/user.service.js');
const setup = createDb({ url, timeZone: 'Africa/Johannesburg' });
await migrateToLatest(setup.db);
await seedDemoPlant(setup.db);
const password = 'bench-password-1';
for (const role of ['supervisor', 'operator']) {
  await createUser(setup.db, { username: `bench-${role}`, displayName: role, role, password });
}
let t0 = performance.now();
const loaded = await setup.pool.connect().then(async (c) => {
  try {
    return await loadOrders(c);
  } finally {
    c.release();
  }
});
say(
  `loaded ${loaded.orders} orders and ${loaded.events} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
const queues = await benchQueues(setup.pool);
const reason = (await setup.pool.query(`select id from stop_reasons where code = 'MINOR'`)).rows[0]
  .id;
const benchEnv = (await setup.pool.query(`select id from environments where code = 'bench'`))
  .rows[0].id;
const sampleIds = (
  await setup.pool.query(`select id from production_orders order by random() limit 2000`)
).rows.map((r) => r.id);
await setup.close();

// ---- the real server, in its own process
const port = await freePort();
const server = spawn(process.execPath, [path.join(ROOT, 'dist/server/cli/run.js'), 'serve'], {
  cwd: ROOT,
  env: {
    ...process.env,
    DATABASE_URL: url,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (;;) {
  try {
    if ((await fetch(`${base}/api/ready`)).status === 200) break;
  } catch {
    // starting
  }
  await new Promise((r) => setTimeout(r, 100));
}
async function cookieFor(username) {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  return r.headers.get('set-cookie').split(';')[0];
}
const readCookie = await cookieFor('bench-supervisor');
const writeCookie = await cookieFor('bench-operator');

// ---- the mix
const LISTS = [
  `/api/orders?status=pending&environmentId=${benchEnv}&sort=dueDate&limit=50`,
  '/api/orders?status=completed&sort=dueDate&dir=desc&limit=50',
  '/api/orders?priority=urgent,high&sort=priority&dir=desc&limit=50',
  '/api/orders?q=ORD-01234&limit=20',
  '/api/orders?q=curry&limit=50',
  '/api/orders?archived=true&dueFrom=2024-06-01&dueTo=2024-09-30&limit=50',
];
let pick = 0;
let list = 0;
// Of every 10 reads: the six lists once, and four order details (random sample ids).
const reads = () =>
  pick++ % 10 < 6
    ? LISTS[list++ % LISTS.length]
    : `/api/orders/${sampleIds[pick % sampleIds.length]}`;
const writeSteps = [
  { action: 'start', body: (q) => ({ machineId: q.machineId }) },
  { action: 'count', body: () => ({ add: 250 }) },
  { action: 'pause', body: () => ({ reasonId: reason }) },
  { action: 'resume', body: () => ({}) },
  { action: 'count', body: () => ({ add: 250 }) },
  { action: 'complete', body: () => ({ rejectedQuantity: 3 }) },
];
const common = {
  base,
  seconds: SECONDS,
  reads,
  writeSteps,
  readCookie,
  writeCookie,
  readConnections: 70,
  writeConnections: 30,
};
say('warm-up: 10 s at 100 req/s (not recorded)…');
await pacedRun({
  ...common,
  seconds: 10,
  rate: 100,
  readShare: 0.7,
  writeConnections: 10,
  queues: queues.slice(90, 100),
});
const paced = [];
for (const [i, rate] of RATES.entries()) {
  say(`paced: 100 connections, ${rate} req/s in all, ${SECONDS} s (70 readers, 30 writers)…`);
  paced.push({
    rate,
    ...(await pacedRun({
      ...common,
      rate,
      readShare: 0.7,
      queues: queues.slice(30 * i, 30 * i + 30),
    })),
  });
}
say(`saturation: 100 connections as fast as answered, ${SECONDS} s…`);
const sat = await closedRun({
  ...common,
  queues: queues.slice(30 * RATES.length, 30 * RATES.length + 30),
});

function run(opts) {
  return new Promise((resolve, reject) => {
    const inst = autocannon({ url: base, duration: SECONDS, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    autocannon.track(inst, { renderProgressBar: false, renderResultsTable: false });
  });
}

// ---- the same list query: API alone vs pgbench
const LIST = LISTS[0];
say('list query alone: API…');
const apiList = await run({
  connections: 16,
  duration: 15,
  headers: { cookie: readCookie },
  requests: [{ method: 'GET', path: LIST }],
});
const sqlFile = path.join(os.tmpdir(), `bench-list-${process.pid}.sql`);
fs.writeFileSync(
  sqlFile,
  // The API's query for LISTS[0]: same filters, same sort expression (migrations 0003/0005).
  `select * from production_orders where status in ('pending') and environment_id = ${benchEnv} ` +
    `and archived_at is null order by coalesce(due_date, 'infinity'::date), id limit 51;\n`,
);
const pgbenchBin = [
  'pgbench',
  ...fs.readdirSync('/usr/lib/postgresql').map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`),
].find((b) => spawnSync(b, ['--version']).status === 0);
let tps = null;
if (pgbenchBin) {
  say('list query alone: pgbench…');
  const out = spawnSync(pgbenchBin, ['-n', '-c', '16', '-j', '2', '-T', '15', '-f', sqlFile, url], {
    encoding: 'utf8',
  });
  tps = Number(/tps = ([\d.]+)/.exec(out.stdout)?.[1]);
}
server.kill('SIGTERM');
await new Promise((r) => server.on('exit', r));
await admin.query(`drop database ${dbName} with (force)`);
await admin.end();
await database.close();

// ---- report
const errs = (r) => r.errors + r.timeouts + r.non2xx;
const commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, PostgreSQL on the same machine (${database.kind}), load average before the run ${LOAD_BEFORE}`;
const line = (label, r, target) =>
  `${label} ${Math.round(r.rate)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${target ? ` (target < ${target})` : ''}, max ${r.max} ms, errors ${r.errors}` +
  (r.firstErrors.length ? ` — first: ${r.firstErrors.join(' | ')}` : '');
const lines = [
  `## ${new Date().toISOString()} commit ${commit}`,
  `machine: ${machine}`,
  `data: ${loaded.orders} orders, ${loaded.events} events; ${SECONDS} s, 100 connections (70 read, 30 write)`,
  ...paced.flatMap((p) => [
    line(`paced at ${p.rate} req/s (open loop) — reads: `, p.reads, 50),
    line(`paced at ${p.rate} req/s (open loop) — writes:`, p.writes, 100),
  ]),
  line('saturation (closed loop) — reads: ', sat.reads),
  line('saturation (closed loop) — writes:', sat.writes),
  ...paced.map(
    (p) =>
      `paced at ${p.rate} req/s, p99 by kind: ${[...p.reads.byKind, ...p.writes.byKind].map((k) => `${k.kind} ${k.p99} ms`).join('; ')}`,
  ),
  `list query alone: API ${Math.round(apiList.requests.average)} req/s (p99 ${apiList.latency.p99} ms, errors ${errs(apiList)}); pgbench ${tps ? Math.round(tps) : 'n/a'} tps; ratio API/PostgreSQL ${tps ? (apiList.requests.average / tps).toFixed(2) : 'n/a'}`,
  '',
];
console.log(lines.join('\n'));
fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
fs.appendFileSync(path.join(ROOT, 'bench/results/api.md'), lines.join('\n') + '\n');
if (
  [...paced.flatMap((p) => [p.reads, p.writes]), sat.reads, sat.writes].some((r) => r.errors > 0) ||
  errs(apiList) > 0
) {
  process.exitCode = 1;
}
