import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config.js';
import { DatabaseNewerThanCodeError, MigrationFailedError } from '../db/migrate.js';
import { StartupError } from '../startup-error.js';
import { UsageError } from './usage-error.js';
import { AppError } from '../http/app-error.js';
import { ROLES } from '../../common/roles.js';
import type { UserAddOptions } from './user.command.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

function program(): Command {
  const p = new Command('shopfloor')
    .description('Shopfloor manufacturing execution system')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  p.command('serve')
    .description('start the API and web app (embedded PostgreSQL unless DATABASE_URL is set)')
    .action(async () => (await import('./serve.command.js')).serve());

  const db = p.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending migrations')
    .action(async () => (await import('./db.command.js')).dbMigrate());
  db.command('status')
    .description('show applied and pending migrations')
    .action(async () => (await import('./db.command.js')).dbStatus());
  db.command('seed')
    .description('load the demo plant (environments, machines, reasons, crews, logins)')
    .requiredOption('--demo', 'seed the demo plant (the only seed there is)')
    .action(async () => (await import('./db.command.js')).dbSeedDemo());

  const user = p.command('user').description('manage sign-in accounts');
  user
    .command('add')
    .description('create a user; the password is read from standard input or prompted for')
    .requiredOption('--username <username>', 'sign-in name (letters, digits, . _ -)')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
    .option('--name <display name>', 'name shown in the app')
    .action(async (opts: UserAddOptions) => (await import('./user.command.js')).userAdd(opts));

  p.command('legacy')
    .description('move a legacy production.db into Shopfloor (plan, import; see "legacy --help")')
    .helpOption(false)
    .allowUnknownOption()
    .argument('[args...]')
    .action(async (args: string[]) => (await import('./legacy.command.js')).legacy(args));

  for (const c of [p, ...p.commands, ...p.commands.flatMap((c) => c.commands)]) {
    c.exitOverride();
  }
  return p;
}

/** Runs the CLI; exits 0 ok, 1 failed, 2 usage or configuration error. */
export async function main(argv: string[]): Promise<void> {
  const code = await run(argv);
  // A finished command exits at once (no lingering pool timers); `serve` keeps running.
  if (code !== EXIT.ok || !keepsRunning(argv)) process.exit(code);
}

function keepsRunning(argv: string[]): boolean {
  return argv[0] === 'serve';
}

export async function run(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
      if (e.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (e instanceof ConfigError || e instanceof UsageError) {
      process.stderr.write(`shopfloor: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof AppError) {
      process.stderr.write(`shopfloor: ${e.message}\n`);
      return e.code === 'validation_failed' ? EXIT.usage : EXIT.failed;
    }
    if (
      e instanceof StartupError ||
      e instanceof DatabaseNewerThanCodeError ||
      e instanceof MigrationFailedError
    ) {
      process.stderr.write(`shopfloor: ${e.message}\n`);
      return EXIT.failed;
    }
    const detail = e instanceof Error && process.env.LOG_LEVEL === 'debug' ? e.stack : String(e);
    process.stderr.write(`shopfloor: unexpected error: ${detail}\n`);
    return EXIT.failed;
  }
}
