/**
 * `shopfloor legacy …`: the legacy SQLite importer's commands.
 * - plan --from FILE [--json] [--time-base t.c=utc|plant …] [--plant-zone ZONE]
 * - import --dry-run … (the same as plan)
 * - generate --out FILE --orders N … (hidden: writes a legacy-shaped test file)
 * Exit codes: 0 ok, 1 failed (unreadable or not a SQLite file), 2 usage (missing file, bad option).
 */
import { Command, Option } from 'commander';
import { DEFAULT_PLANT_TIME_ZONE } from '../../common/plant-time/index.js';
import { generateLegacyDb, QUIRKS, type Quirk } from '../legacy/generator/generate.js';
import { planLegacyImport } from '../legacy/plan/build-plan.js';
import { checkPlantZone, parseTimeBaseOverrides, PlanOptionError } from '../legacy/plan/options.js';
import { renderPlan } from '../legacy/plan/render.js';
import { addVerifyAndSync, runLegacyImport } from '../legacy/import/commands.js';
import { LegacySourceError } from '../legacy/source/errors.js';
import { StartupError } from '../startup-error.js';
import { UsageError } from './usage-error.js';

interface PlanCliOptions {
  from: string;
  json?: boolean;
  timeBase?: string[];
  plantZone?: string;
}

interface ImportCliOptions extends PlanCliOptions {
  dryRun?: boolean;
  report?: string;
  batchSize?: string;
}

interface GenerateCliOptions {
  out: string;
  orders: string;
  seed?: string;
  quirks: string;
  appTimeBase: 'utc' | 'plant';
  plantZone?: string;
  laterTables?: boolean;
  journal: 'wal' | 'delete';
  stopsPerOrder?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function progress(): (p: { table: string; rows: number; done: boolean }) => void {
  const tty = process.stderr.isTTY === true;
  return ({ table, rows, done }) => {
    const text = `[shopfloor] reading ${table}: ${rows.toLocaleString('en-US')} rows`;
    if (tty) process.stderr.write(`\r\x1b[2K${text}${done ? '\n' : ''}`);
    else if (done) process.stderr.write(`${text}\n`);
  };
}

function toCliError(e: unknown): unknown {
  if (e instanceof PlanOptionError) return new UsageError(e.message);
  if (e instanceof LegacySourceError) {
    return e.kind === 'missing' ? new UsageError(e.message) : new StartupError(e.message);
  }
  return e;
}

export async function legacyPlan(o: PlanCliOptions): Promise<void> {
  try {
    const plantZone = checkPlantZone(
      o.plantZone ?? (process.env.PLANT_TIME_ZONE || DEFAULT_PLANT_TIME_ZONE),
    );
    const timeBaseOverrides = parseTimeBaseOverrides(o.timeBase ?? []);
    const plan = await planLegacyImport(o.from, {
      plantZone,
      timeBaseOverrides,
      onProgress: progress(),
    });
    process.stdout.write(o.json ? `${JSON.stringify(plan, null, 2)}\n` : renderPlan(plan));
  } catch (e) {
    throw toCliError(e);
  }
}

export async function legacyImport(o: ImportCliOptions): Promise<void> {
  if (o.dryRun) return legacyPlan(o);
  return runLegacyImport(o);
}

export function legacyGenerate(o: GenerateCliOptions): void {
  const orders = Number(o.orders);
  if (!Number.isInteger(orders) || orders < 1)
    throw new UsageError('--orders must be a whole number');
  const quirks =
    o.quirks === 'all' || o.quirks === 'none'
      ? o.quirks
      : o.quirks
          .split(',')
          .map((q) => q.trim())
          .filter(Boolean);
  if (Array.isArray(quirks)) {
    const bad = quirks.find((q) => !(QUIRKS as readonly string[]).includes(q));
    if (bad) throw new UsageError(`--quirks: unknown quirk ${bad} (known: ${QUIRKS.join(', ')})`);
  }
  try {
    const result = generateLegacyDb(o.out, {
      orders,
      seed: o.seed === undefined ? 1 : Number(o.seed),
      quirks: quirks as 'all' | 'none' | Quirk[],
      appTimeBase: o.appTimeBase,
      plantZone: o.plantZone,
      laterTables: o.laterTables === true,
      journalMode: o.journal,
      ...(o.stopsPerOrder === undefined ? {} : { stopsPerOrder: Number(o.stopsPerOrder) }),
    });
    const { path, counts, users } = result;
    process.stdout.write(`${JSON.stringify({ path, counts, users }, null, 2)}\n`);
  } catch (e) {
    if (e instanceof RangeError || (e instanceof Error && /already exists/.test(e.message))) {
      throw new UsageError(e.message);
    }
    throw e;
  }
}

function planOptions(c: Command): Command {
  return c
    .requiredOption('--from <file>', 'the legacy production.db (read-only; never modified)')
    .option('--json', 'print the plan as JSON (the ImportPlan)')
    .option(
      '--time-base <table.column=utc|plant>',
      "override a column's time base (repeatable)",
      collect,
    )
    .option(
      '--plant-zone <zone>',
      'the plant time zone (default: PLANT_TIME_ZONE or Africa/Johannesburg)',
    );
}

/** The `legacy` sub-program; `shopfloor legacy <args>` hands its arguments to it. */
export function legacyProgram(): Command {
  const p = new Command('shopfloor legacy')
    .description('move a legacy production.db into Shopfloor')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  planOptions(
    p
      .command('plan')
      .description('read the file and show what an import would do (writes nothing)'),
  ).action((o: PlanCliOptions) => legacyPlan(o));
  planOptions(p.command('import').description('import the file (--dry-run: only show the plan)'))
    .option('--dry-run', 'only show the plan')
    .option('--report <file.json>', 'write the import report there')
    .addOption(new Option('--batch-size <n>', 'rows per committed batch').hideHelp())
    .action((o: ImportCliOptions) => legacyImport(o));
  p.command('generate', { hidden: true })
    .description('write a legacy-shaped test file (development, benchmarks)')
    .requiredOption('--out <file>', 'the file to write (must not exist)')
    .requiredOption('--orders <n>', 'production orders')
    .option('--seed <n>', 'random seed', '1')
    .option('--quirks <list>', `all, none or a comma list of ${QUIRKS.join(', ')}`, 'none')
    .addOption(
      new Option('--app-time-base <base>', 'how the app wrote its own times')
        .choices(['utc', 'plant'])
        .default('utc'),
    )
    .option('--plant-zone <zone>', 'plant time zone', DEFAULT_PLANT_TIME_ZONE)
    .option('--later-tables', 'also write the tables of later legacy versions')
    .addOption(
      new Option('--journal <mode>', 'journal mode of the file')
        .choices(['wal', 'delete'])
        .default('delete'),
    )
    .option('--stops-per-order <x>', 'average production stops per order')
    .action((o: GenerateCliOptions) => legacyGenerate(o));
  addVerifyAndSync(p);
  for (const c of [p, ...p.commands]) c.exitOverride();
  return p;
}

export async function legacy(args: string[]): Promise<void> {
  await legacyProgram().parseAsync(args, { from: 'user' });
}
