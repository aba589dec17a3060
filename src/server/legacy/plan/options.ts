/** Options of `legacy plan` / `legacy import`, parsed and checked. */
import { isValidTimeZone } from '../../../common/plant-time/index.js';
import type { TimeBase } from '../values/time.js';

/** A wrong option value: the CLI prints it and exits 2. */
export class PlanOptionError extends Error {
  override readonly name = 'PlanOptionError';
}

/** Parses repeated `--time-base table.column=utc|plant`. */
export function parseTimeBaseOverrides(values: readonly string[]): Map<string, TimeBase> {
  const out = new Map<string, TimeBase>();
  for (const v of values) {
    const m = /^([A-Za-z_][\w$]*)\.([A-Za-z_][\w$]*)=(utc|plant)$/i.exec(v.trim());
    if (!m) {
      throw new PlanOptionError(
        `--time-base must look like table.column=utc or table.column=plant (got ${JSON.stringify(v)})`,
      );
    }
    out.set(`${m[1]}.${m[2]}`, (m[3] ?? '').toLowerCase() as TimeBase);
  }
  return out;
}

export function checkPlantZone(zone: string): string {
  if (!isValidTimeZone(zone)) {
    throw new PlanOptionError(
      `--plant-zone must be an IANA time zone such as Africa/Johannesburg (got ${JSON.stringify(zone)})`,
    );
  }
  return zone;
}
