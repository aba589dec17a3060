/**
 * The legacy file generator for tests: writes a legacy production.db with the quirks asked for
 * and says exactly what it injected. The implementation lives in src/server/legacy/generator so
 * that `shopfloor legacy generate` (and the benchmark) can run it from the built CLI too.
 */
export {
  generateLegacyDb,
  QUIRKS,
  resolveQuirks,
  type GenerateOptions,
  type GenerateResult,
  type GeneratedUser,
  type Quirk,
} from '../../src/server/legacy/generator/generate.js';
