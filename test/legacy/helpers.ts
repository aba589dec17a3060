/** Shared helpers of the legacy tests: scratch files and plan lookups. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportPlan, IssuePlan, TablePlan } from '../../src/server/legacy/plan/types.js';

/** A fresh directory under the OS temp dir, removed by the returned cleanup. */
export function scratchDir(): { dir: string; file: (name: string) => string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shopfloor-legacy-test-'));
  return {
    dir,
    file: (name) => path.join(dir, name),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export function planTable(plan: ImportPlan, name: string): TablePlan {
  const t = plan.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in the plan`);
  return t;
}

/** Every issue of the plan as 'table.column:code' → the issue (counts summed per label). */
export function issuesByLabel(plan: ImportPlan): Record<string, IssuePlan & { table: string }> {
  const out: Record<string, IssuePlan & { table: string }> = {};
  for (const t of plan.tables) {
    for (const i of t.issues) {
      const label = `${t.name}.${i.column ?? ''}:${i.code}`;
      const prev = out[label];
      out[label] = prev
        ? {
            ...prev,
            count: prev.count + i.count,
            sampleKeys: [...prev.sampleKeys, ...i.sampleKeys],
          }
        : { ...i, table: t.name };
    }
  }
  return out;
}

/** 'table.column:code' → count, for comparing with what the generator injected. */
export function issueCounts(plan: ImportPlan): Record<string, number> {
  return Object.fromEntries(Object.entries(issuesByLabel(plan)).map(([k, v]) => [k, v.count]));
}

export function lengths(injected: Record<string, string[]>): Record<string, number> {
  return Object.fromEntries(Object.entries(injected).map(([k, v]) => [k, v.length]));
}
