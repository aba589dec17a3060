// The PostgreSQL a benchmark runs against: BENCH_DATABASE_URL (a superuser URL) when set, else a
// throw-away embedded cluster in a temporary directory (removed by close()).
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function benchPostgres(root, label) {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { adminUrl: given, kind: 'BENCH_DATABASE_URL', close: async () => {} };
  const { startTemporaryPostgres } = await import(
    pathToFileURL(path.join(root, 'dist/server/db/temporary-postgres.js')).href
  );
  const pg = await startTemporaryPostgres(`shopfloor-bench-${label}-`);
  return { adminUrl: pg.adminUrl, kind: 'embedded', close: pg.stop };
}
