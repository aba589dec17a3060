import {
  batchSizeOption,
  decisionsFor,
  openLegacy,
  parseTimeBases,
  plantZoneOption,
  withLegacyClient,
  writeJsonFile,
} from './cli-support.js';
import { LegacyFailure } from './errors.js';
import { importLegacy } from './importer.js';
import { createProgress } from './progress.js';
import { failureOf, formatReport } from './report.js';

export interface LegacyImportOptions {
  from?: string;
  timeBase?: string[];
  plantZone?: string;
  report?: string;
  batchSize?: string;
}

/**
 * `shopfloor legacy import --from production.db`: imports into the database of DATABASE_URL (or
 * the embedded one), resuming a half-done import; prints the per-table report and fails (exit 1)
 * unless every source row is imported or quarantined. (`--dry-run` is `legacy plan`.)
 */
export async function legacyImport(o: LegacyImportOptions): Promise<void> {
  const overrides = parseTimeBases(o.timeBase);
  const zone = plantZoneOption(o.plantZone);
  const batchSize = batchSizeOption(o.batchSize);
  const source = await openLegacy(o.from);
  try {
    const progress = createProgress();
    progress.log(`Reading ${source.file} (${source.snapshot.method}); deciding time bases…`);
    const decisions = decisionsFor(source, zone, overrides);
    const report = await withLegacyClient((client, database) =>
      importLegacy(client, source, {
        decisions,
        batchSize,
        progress,
        connect: () => database.pool.connect(),
      }),
    );
    process.stdout.write(`${formatReport(report)}\n`);
    if (o.report) writeJsonFile(o.report, report);
    if (!report.ok) {
      throw new LegacyFailure(`import failed: ${failureOf(report)} (see the report)`);
    }
  } finally {
    source.close();
  }
}
