import type { Command } from 'commander';
import type { LegacyImportOptions } from './import.command.js';

/**
 * The importer's side of `shopfloor legacy` (cli/legacy.command.ts registers `plan`, `import`
 * and `generate`): the real `import`, and `verify` and `sync`. Modules load lazily.
 */

export async function runLegacyImport(o: LegacyImportOptions): Promise<void> {
  await (await import('./import.command.js')).legacyImport(o);
}

export function addVerifyAndSync(p: Command): void {
  p.command('verify')
    .description(
      'compare every source row with what PostgreSQL holds; print the differences (exit 1 if any)',
    )
    .requiredOption('--from <file>', 'the legacy production.db (read-only; never modified)')
    .option('--limit <n>', 'differences to print (all are counted)', '100')
    .option('--report <file.json>', 'write the result there')
    .action(async (o: { from: string; limit?: string; report?: string }) =>
      (await import('../verify/verify.command.js')).legacyVerify(o),
    );
  p.command('sync')
    .description('apply what changed in the legacy file since the import or the last sync')
    .requiredOption('--from <file>', 'the legacy production.db (read-only; never modified)')
    .option('--report <file.json>', 'write the sync report there')
    .option(
      '--workers <n>',
      'threads reading and hashing the file besides the main one (default: one per core, at most 2; 0: none)',
    )
    .action(async (o: { from: string; report?: string; workers?: string }) =>
      (await import('../sync/sync.command.js')).legacySync(o),
    );
}
