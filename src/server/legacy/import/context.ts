import { createHash } from 'node:crypto';
import { columnSpec, tableSpec } from '../catalog/index.js';
import type { TimeBase } from '../values/index.js';
import type { MapContext, OrphanPolicy } from './mapping.js';

/**
 * The decisions an import is made under: the plant zone and the time base of every time column
 * (the plan's choice, or the operator's --time-base override). A half-done import resumes only
 * under the same decisions (their hash is stored with the run).
 */
export interface Decisions {
  plantZone: string;
  /** 'table.column' → base. Columns not listed: UTC. */
  timeBases: Record<string, TimeBase>;
  hash: string;
}

export function makeDecisions(plantZone: string, timeBases: Record<string, TimeBase>): Decisions {
  const sorted = Object.fromEntries(Object.entries(timeBases).sort(([a], [b]) => (a < b ? -1 : 1)));
  const hash = createHash('sha256')
    .update(JSON.stringify({ plantZone, timeBases: sorted }))
    .digest('hex')
    .slice(0, 16);
  return { plantZone, timeBases: sorted, hash };
}

export function contextFor(d: Decisions, epoch: string, digests = true): MapContext {
  return {
    digests,
    zone: d.plantZone,
    epoch,
    timeBase: (table, column) => d.timeBases[`${table}.${column}`] ?? 'utc',
    orphanPolicy: (table, column): OrphanPolicy => {
      const role = columnSpec(table, column)?.role;
      return role?.kind === 'ref' && role.onOrphan === 'quarantine-row' ? 'quarantine' : 'clear';
    },
    idOffset: (table) => {
      const target = tableSpec(table)?.target;
      return BigInt(target?.kind === 'table' ? (target.idOffset ?? 0) : 0);
    },
  };
}
