/** The command was called wrongly (bad argument value, missing input): exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
