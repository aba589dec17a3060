/**
 * A problem that stops the server or a CLI command before it can do anything useful
 * (unreachable database, port in use, unwritable data directory...). The CLI prints only
 * its message, on one line, and exits with 1. Configuration mistakes use ConfigError (exit 2).
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
