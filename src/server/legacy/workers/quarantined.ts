import type { AssessContext } from '../rules/context.js';

/**
 * Parent rows quarantined so far (AssessContext.quarantined: their children follow them), as a
 * worker gets them when a table starts, and set into its own rules' context.
 */
export type QuarantinedList = [string, string[]][];

export function quarantinedList(q: ReadonlyMap<string, ReadonlySet<string>>): QuarantinedList {
  return [...q].map(([table, keys]) => [table, [...keys]]);
}

export function setQuarantined(actx: AssessContext, list: QuarantinedList): void {
  actx.quarantined.clear();
  for (const [table, keys] of list) actx.quarantined.set(table, new Set(keys));
}
