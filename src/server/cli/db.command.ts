import { loadConfig } from '../config.js';
import { migrateToLatest, migrationStatus } from '../db/migrate.js';
import { openDatabase, type OpenedDatabase } from '../db/open.js';
import { seedDemoPlant } from '../seed/demo.js';

const say = (line: string) => process.stderr.write(`[shopfloor] ${line}\n`);

export async function withDatabase<T>(fn: (d: OpenedDatabase) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config, { log: say, attachToRunning: true, poolSize: 2 });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function dbMigrate(): Promise<void> {
  await withDatabase(async ({ db }) => {
    const applied = await migrateToLatest(db);
    console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Already up to date');
  });
}

export async function dbStatus(): Promise<void> {
  const status = await withDatabase(({ db }) => migrationStatus(db));
  for (const n of status.applied) console.log(`applied   ${n}`);
  for (const n of status.pending) console.log(`pending   ${n}`);
  for (const n of status.unknown) console.log(`unknown   ${n}  (from a newer Shopfloor)`);
  if (status.pending.length === 0 && status.unknown.length === 0) console.log('Up to date');
}

export async function dbSeedDemo(): Promise<void> {
  await withDatabase(async ({ db }) => {
    await migrateToLatest(db);
    const logins = await seedDemoPlant(db);
    console.log('Demo plant loaded. Logins (shown once):');
    for (const l of logins)
      console.log(`  ${l.role.padEnd(10)} ${l.username.padEnd(12)} ${l.password}`);
  });
}
