import fs from 'node:fs';
import type pg from 'pg';
import { isValidTimeZone } from '../../../common/plant-time/zone.js';
import { UsageError } from '../../cli/usage-error.js';
import { loadConfig } from '../../config.js';
import { migrateToLatest } from '../../db/migrate.js';
import { openDatabase, type OpenedDatabase } from '../../db/open.js';
import { decideTimeBases } from '../profile/time-base.js';
import { LegacySourceError } from '../source/errors.js';
import { LegacySource } from '../source/open.js';
import type { TimeBase } from '../values/index.js';
import { makeDecisions, type Decisions } from './context.js';
import { LegacyFailure } from './errors.js';

/** Shared by `legacy import | sync | verify`: options, the source file, the database. */

/** --time-base table.column=utc|plant (repeatable) → overrides. */
export function parseTimeBases(values: readonly string[] = []): Map<string, TimeBase> {
  const out = new Map<string, TimeBase>();
  for (const v of values) {
    const m = /^([A-Za-z_][\w]*)\.([A-Za-z_][\w]*)=(utc|plant)$/i.exec(v.trim());
    if (!m) {
      throw new UsageError(`--time-base ${JSON.stringify(v)}: expected table.column=utc or =plant`);
    }
    out.set(`${m[1]}.${m[2]}`, m[3]!.toLowerCase() as TimeBase);
  }
  return out;
}

export function plantZoneOption(zone: string | undefined): string {
  const z = zone ?? loadConfig().PLANT_TIME_ZONE;
  if (!isValidTimeZone(z)) {
    throw new UsageError(
      `--plant-zone ${JSON.stringify(z)} is not an IANA time zone (Africa/Johannesburg)`,
    );
  }
  return z;
}

export function batchSizeOption(v: string | undefined): number {
  // 5,000: as fast as 10,000 and 40–50 MB less at the peak (bench/results/legacy.md).
  if (v === undefined) return 5_000;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 200_000) {
    throw new UsageError('--batch-size must be a whole number between 1 and 200000');
  }
  return n;
}

/** Opens the legacy file as a consistent snapshot; a missing file is a usage error (2). */
export async function openLegacy(
  path: string | undefined,
  o: { share?: boolean } = {},
): Promise<LegacySource> {
  if (!path) throw new UsageError('--from path/to/production.db is required');
  try {
    return await LegacySource.open(path, o);
  } catch (e) {
    if (e instanceof LegacySourceError) {
      if (e.kind === 'missing') throw new UsageError(`--from: ${e.message}`);
      throw new LegacyFailure(e.message);
    }
    throw e;
  }
}

/** The time bases: the file's evidence, with the operator's overrides. */
export function decisionsFor(
  source: LegacySource,
  zone: string,
  overrides: ReadonlyMap<string, TimeBase>,
): Decisions {
  for (const name of overrides.keys()) {
    const [t, c] = name.split('.');
    const exists = source.schema.tables.some(
      (x) => x.name === t && x.columns.some((y) => y.name === c),
    );
    if (!exists) throw new UsageError(`--time-base ${name}: the file has no such column`);
  }
  const bases = decideTimeBases(source, zone, overrides);
  return makeDecisions(zone, Object.fromEntries(bases.map((d) => [d.name, d.base])));
}

/** A dedicated connection (session lock, transactions) to the migrated database. */
export async function withLegacyClient<T>(
  fn: (client: pg.PoolClient, database: OpenedDatabase) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const log = (line: string) => process.stderr.write(`[shopfloor] ${line}\n`);
  const database = await openDatabase(config, { log, attachToRunning: true, poolSize: 2 });
  try {
    await migrateToLatest(database.db);
    const client = await database.pool.connect();
    try {
      return await fn(client, database);
    } finally {
      client.release();
    }
  } finally {
    await database.close();
  }
}

export function writeJsonFile(file: string, data: unknown): void {
  try {
    fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  } catch (e) {
    throw new LegacyFailure(`cannot write ${file}: ${(e as Error).message}`);
  }
}
