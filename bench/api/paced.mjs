// An open-loop load at a steady rate: requests are scheduled at fixed intervals, whatever the
// server answers, and each one's latency counts from its scheduled time (a slow answer delays no
// later request, and a request that waits for a free connection is charged for the wait).
// autocannon's own rate limit sends each connection's quota in a burst at the top of every second
// and "corrects" latencies with a 1 ms expected interval, so its paced figures measured bursts,
// not a rate: this replaces it for the paced run.
import http from 'node:http';

const percentile = (sorted, p) =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export function summarize(samples, seconds) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const errors = samples.filter((s) => s.status < 200 || s.status >= 300);
  return {
    rate: samples.length / seconds,
    p50: Math.round(percentile(ms, 50)),
    p99: Math.round(percentile(ms, 99)),
    max: Math.round(ms[ms.length - 1] ?? 0),
    errors: errors.length,
    firstErrors: errors.slice(0, 3).map((e) => `${e.status} ${e.what}: ${e.body}`),
    byKind: byKind(samples),
  };
}

/** p99 per kind of request (an order's detail counts as one kind), slowest first. */
function byKind(samples) {
  const kinds = new Map();
  for (const s of samples) {
    const kind = s.what.replace(/^\/api\/orders\/\d+$/, 'detail').replace(/^\/api\/orders\?/, '');
    if (!kinds.has(kind)) kinds.set(kind, []);
    kinds.get(kind).push(s.ms);
  }
  return [...kinds]
    .map(([kind, ms]) => ({
      kind,
      p99: Math.round(
        percentile(
          ms.sort((a, b) => a - b),
          99,
        ),
      ),
    }))
    .sort((a, b) => b.p99 - a.p99);
}

function send(agent, base, req) {
  return new Promise((resolve) => {
    const url = new URL(req.path, base);
    const r = http.request(
      url,
      {
        agent,
        method: req.method,
        headers: {
          ...(req.cookie ? { cookie: req.cookie } : {}),
          ...(req.body ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      },
    );
    r.on('error', (e) => resolve({ status: 0, body: e.message }));
    if (req.body) r.write(req.body);
    r.end();
  });
}

const record = (into, since, what, res) =>
  into.push({
    ms: performance.now() - since,
    status: res.status,
    what,
    body: res.body.slice(0, 160),
  });

/**
 * `n` clients, each with its own keep-alive connection (a tablet or a board): a request for a
 * client whose connection is busy waits for it, and that wait counts.
 */
const clients = (n) =>
  Array.from({ length: n }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));

/** Opens every client's connection before the clock starts (GET /api/health, not recorded). */
const connect = (base, agents) =>
  Promise.all(agents.map((agent) => send(agent, base, { method: 'GET', path: '/api/health' })));

/** One writer lane per write connection, each on its own machine and queue of pending orders. */
const writerLanes = (o) =>
  clients(o.writeConnections).map((agent, i) => ({
    agent,
    queue: o.queues[i % o.queues.length],
    step: 0,
    orderId: null,
    busy: false,
  }));

/** The lane's next lifecycle request (start takes the next order of its machine's queue). */
async function laneStep(o, lane) {
  const step = o.writeSteps[lane.step];
  if (step.action === 'start') lane.orderId = lane.queue.orders.shift();
  const res = await send(lane.agent, o.base, {
    method: 'POST',
    path: `/api/orders/${lane.orderId}/${step.action}`,
    body: JSON.stringify(step.body(lane.queue)),
    cookie: o.writeCookie,
  });
  lane.step = (lane.step + 1) % o.writeSteps.length;
  return res;
}

/**
 * Saturation: every connection sends its next request as soon as the previous one is answered,
 * for `seconds` (readers round robin over `reads()`, writers through their lanes).
 */
export async function closedRun(o) {
  const readers = clients(o.readConnections);
  const lanes = writerLanes(o);
  await connect(o.base, [...readers, ...lanes.map((l) => l.agent)]);
  const reads = [];
  const writes = [];
  const start = performance.now();
  const end = start + o.seconds * 1000;
  const reader = async (agent) => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const path = o.reads();
      record(
        reads,
        t0,
        path,
        await send(agent, o.base, { method: 'GET', path, cookie: o.readCookie }),
      );
    }
  };
  const writer = async (lane) => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const what = o.writeSteps[lane.step].action;
      record(writes, t0, what, await laneStep(o, lane));
    }
  };
  await Promise.all([...readers.map(reader), ...lanes.map(writer)]);
  for (const a of [...readers, ...lanes.map((l) => l.agent)]) a.destroy();
  const seconds = (performance.now() - start) / 1000;
  return { reads: summarize(reads, seconds), writes: summarize(writes, seconds) };
}

/**
 * `rate` requests per second for `seconds`: a `readShare` of them reads (round robin over
 * `reads()`, each sent by the next of `readConnections` clients), the rest writes, each taken by an idle writer
 * lane (one per write connection, each running start → count → pause → resume → count →
 * complete on its own machine's queue; a write waits for a free lane, and that wait counts).
 */
export async function pacedRun(o) {
  const readers = clients(o.readConnections);
  const lanes = writerLanes(o);
  await connect(o.base, [...readers, ...lanes.map((l) => l.agent)]);
  let nextReader = 0;
  const waiting = [];
  const reads = [];
  const writes = [];
  const inflight = new Set();

  const runWrite = async (lane, scheduled) => {
    lane.busy = true;
    record(writes, scheduled, o.writeSteps[lane.step].action, await laneStep(o, lane));
    lane.busy = false;
    const next = waiting.shift();
    if (next !== undefined) void track(runWrite(lane, next));
  };
  const track = (p) => {
    inflight.add(p);
    return p.finally(() => inflight.delete(p));
  };

  const interval = 1000 / o.rate;
  const start = performance.now();
  const total = Math.round(o.rate * o.seconds);
  let credit = 0;
  let nextLane = 0;
  for (let n = 0; n < total; n++) {
    const scheduled = start + n * interval;
    const delay = scheduled - performance.now();
    if (delay > 1) await new Promise((r) => setTimeout(r, delay));
    credit += 1 - o.readShare;
    if (credit >= 1) {
      credit -= 1;
      // Round robin over the idle lanes, so every machine's queue is used evenly.
      let lane = null;
      for (let k = 0; k < lanes.length && !lane; k++) {
        const l = lanes[(nextLane + k) % lanes.length];
        if (!l.busy) lane = l;
      }
      nextLane = (lanes.indexOf(lane) + 1) % lanes.length;
      if (lane) void track(runWrite(lane, scheduled));
      else waiting.push(scheduled);
    } else {
      const req = o.reads();
      void track(
        send(readers[nextReader++ % readers.length], o.base, {
          method: 'GET',
          path: req,
          cookie: o.readCookie,
        }).then((res) => record(reads, scheduled, req, res)),
      );
    }
  }
  while (inflight.size > 0 || waiting.length > 0) await Promise.race([...inflight]);
  for (const a of [...readers, ...lanes.map((l) => l.agent)]) a.destroy();
  const seconds = (performance.now() - start) / 1000;
  return { reads: summarize(reads, seconds), writes: summarize(writes, seconds) };
}
