import { StartupError } from '../../startup-error.js';

/**
 * An expected failure of a legacy command (busy, database not empty, counts that do not add up,
 * differences found): the CLI prints the message on one line and exits with 1.
 */
export class LegacyFailure extends StartupError {}
