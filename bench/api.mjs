#!/usr/bin/env node
// npm run bench:api — loads 200,000 orders with their events into a fresh database, starts the
// real server, and drives 100 concurrent connections (autocannon) for BENCH_SECONDS (default 30):
// 70 readers (order lists with filters, order detail) and 30 writers (start → count → pause →
// resume → count → complete on their own machine). Then times the same list query with
// pgbench and prints API req/s ÷ PostgreSQL tps. Results go to bench/results/api.md.
import { execSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchQueues, loadOrders } from './api/load.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist/server', p)).href);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
// Requests per second of the whole mix in the paced run (100 tablets and boards polling every
// few seconds is well under this); the saturation run sends as fast as the server answers.
const RATE = Number(process.env.BENCH_RATE ?? 200);
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
let adminUrl = process.env.BENCH_DATABASE_URL;
let embedded = null;
let tmp = null;
if (!adminUrl) {
  const { startEmbeddedPostgres } = await dist('db/embedded.js');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shopfloor-bench-api-'));
  fs.chmodSync(tmp, 0o755);
  embedded = await startEmbeddedPostgres({ dataDir: tmp });
  adminUrl = embedded.adminUrl;
}
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
const readRequests = [
  ...LISTS.map((p) => ({ method: 'GET', path: p })),
  ...[0, 1, 2, 3].map(() => ({
    method: 'GET',
    setupRequest: (req) => ({
      ...req,
      path: `/api/orders/${sampleIds[pick++ % sampleIds.length]}`,
    }),
  })),
];
let nextQueue = 0;
const post = (action, body) => ({
  method: 'POST',
  setupRequest: (req, ctx) => {
    if (!ctx.queue) ctx.queue = queues[nextQueue++ % queues.length];
    if (action === 'start') ctx.orderId = ctx.queue.orders.shift();
    return {
      ...req,
      path: `/api/orders/${ctx.orderId}/${action}`,
      body: JSON.stringify(body(ctx)),
    };
  },
});
const writeRequests = [
  post('start', (ctx) => ({ machineId: ctx.queue.machineId })),
  post('count', () => ({ add: 250 })),
  post('pause', () => ({ reasonId: reason })),
  post('resume', () => ({})),
  post('count', () => ({ add: 250 })),
  post('complete', () => ({ rejectedQuantity: 3 })),
];

function run(opts) {
  return new Promise((resolve, reject) => {
    const inst = autocannon({ url: base, duration: SECONDS, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    autocannon.track(inst, { renderProgressBar: false, renderResultsTable: false });
  });
}

const mix = (extra) =>
  Promise.all([
    run({
      connections: 70,
      headers: { cookie: readCookie },
      requests: readRequests,
      ...extra(0.7),
    }),
    run({
      connections: 30,
      headers: { cookie: writeCookie, 'content-type': 'application/json' },
      requests: writeRequests,
      ...extra(0.3),
    }),
  ]);
say(`paced: 100 connections, ${RATE} req/s in all, ${SECONDS} s (70 readers, 30 writers)…`);
const [reads, writes] = await mix((share) => ({ overallRate: Math.round(RATE * share) }));
say(`saturation: 100 connections as fast as answered, ${SECONDS} s…`);
const [satReads, satWrites] = await mix(() => ({}));

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
await embedded?.stop();
if (tmp) fs.rmSync(tmp, { recursive: true, force: true });

// ---- report
const errs = (r) => r.errors + r.timeouts + r.non2xx;
const commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, PostgreSQL on the same machine (${process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : 'embedded'}), load average before the run ${LOAD_BEFORE}`;
const lines = [
  `## ${new Date().toISOString()} commit ${commit}`,
  `machine: ${machine}`,
  `data: ${loaded.orders} orders, ${loaded.events} events; ${SECONDS} s, 100 connections (70 read, 30 write)`,
  `paced at ${RATE} req/s — reads:  ${Math.round(reads.requests.average)} req/s, p50 ${reads.latency.p50} ms, p99 ${reads.latency.p99} ms (target < 50), errors ${errs(reads)}`,
  `paced at ${RATE} req/s — writes: ${Math.round(writes.requests.average)} req/s, p50 ${writes.latency.p50} ms, p99 ${writes.latency.p99} ms (target < 100), errors ${errs(writes)}`,
  `saturation — reads:  ${Math.round(satReads.requests.average)} req/s, p50 ${satReads.latency.p50} ms, p99 ${satReads.latency.p99} ms, errors ${errs(satReads)}`,
  `saturation — writes: ${Math.round(satWrites.requests.average)} req/s, p50 ${satWrites.latency.p50} ms, p99 ${satWrites.latency.p99} ms, errors ${errs(satWrites)}`,
  `list query alone: API ${Math.round(apiList.requests.average)} req/s (p99 ${apiList.latency.p99} ms, errors ${errs(apiList)}); pgbench ${tps ? Math.round(tps) : 'n/a'} tps; ratio API/PostgreSQL ${tps ? (apiList.requests.average / tps).toFixed(2) : 'n/a'}`,
  '',
];
console.log(lines.join('\n'));
fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
fs.appendFileSync(path.join(ROOT, 'bench/results/api.md'), lines.join('\n') + '\n');
if ([reads, writes, satReads, satWrites].some((r) => errs(r) > 0)) process.exitCode = 1;
