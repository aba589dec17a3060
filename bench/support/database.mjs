// The PostgreSQL a benchmark runs against: BENCH_DATABASE_URL (a superuser URL) when set, else a
// throw-away embedded cluster in a temporary directory (removed by close()).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function benchPostgres(root, label) {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { adminUrl: given, kind: 'BENCH_DATABASE_URL', close: async () => {} };
  const { startEmbeddedPostgres } = await import(
    pathToFileURL(path.join(root, 'dist/server/db/embedded.js')).href
  );
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `shopfloor-bench-${label}-`));
  fs.chmodSync(tmp, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir: tmp });
  return {
    adminUrl: embedded.adminUrl,
    kind: 'embedded',
    close: async () => {
      await embedded.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
