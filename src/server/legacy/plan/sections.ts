/** Sections of the plan computed from the table passes: contests, orphans, mappings, warnings. */
import { CATALOG } from '../catalog/index.js';
import type { AssessContext } from '../rules/context.js';
import { tallyIssue, type TablePass } from '../profile/table-pass.js';
import { mapLegacyEnum, type EnumMapping } from '../values/enums.js';
import type { ContestPlan, ImportPlan, MappingPlan, OrphanPlan, TablePlan } from './types.js';

/** Adds the contests' losers to their tables' outcome and issues; returns the winners. */
export function settleContests(ctx: AssessContext, passes: Map<string, TablePass>): ContestPlan {
  const { runningOrders, openStops } = ctx.contests;
  const apply = (
    contest: typeof runningOrders,
    code: 'running-order-superseded' | 'open-interval-superseded',
  ) => {
    const quarantine = code === 'open-interval-superseded';
    for (const [table, tally] of contest.loserTally) {
      const pass = passes.get(table);
      if (!pass) continue;
      const { samples } = tally;
      samples.forEach((s, i) =>
        tallyIssue(
          pass.issues,
          code,
          quarantine ? 'end_time' : 'status',
          quarantine ? 'quarantine-row' : 'replace-and-record',
          s.key,
          quarantine
            ? `machine ${s.machine} has a later open stop`
            : `machine ${s.machine} runs a later order → pending`,
          null,
          i === samples.length - 1 ? tally.losers - (samples.length - 1) : 1,
        ),
      );
      if (quarantine) {
        pass.outcome.imported -= tally.losers;
        pass.outcome.quarantined += tally.losers;
        pass.outcome.recorded -= tally.recordedAlready;
      } else {
        pass.outcome.recorded += tally.losers - tally.recordedAlready;
      }
    }
  };
  apply(runningOrders, 'running-order-superseded');
  apply(openStops, 'open-interval-superseded');
  const winners = (c: typeof runningOrders) =>
    [...c.winners]
      .map(([machineId, e]) => ({ machineId, table: e.table, key: e.key }))
      .sort((a, b) => a.machineId.localeCompare(b.machineId, 'en', { numeric: true }));
  return {
    runningOrders: winners(runningOrders),
    openStops: winners(openStops),
    runningOrdersSuperseded: runningOrders.losers,
    openStopsSuperseded: openStops.losers,
  };
}

export function orphanPlans(passes: Map<string, TablePass>): OrphanPlan[] {
  const out: OrphanPlan[] = [];
  for (const spec of CATALOG) {
    const pass = passes.get(spec.name);
    if (!pass) continue;
    for (const c of spec.columns) {
      if (c.role.kind !== 'ref') continue;
      const tallies = [...pass.issues.values()].filter(
        (i) => i.column === c.name && (i.code === 'orphan' || i.code === 'parent-quarantined'),
      );
      if (tallies.length === 0) continue;
      const missing = tallies.filter((i) => i.code === 'orphan');
      const count = (list: typeof tallies) => list.reduce((n, i) => n + i.count, 0);
      out.push({
        table: spec.name,
        column: c.name,
        parent: c.role.parent,
        missing: count(missing),
        parentQuarantined: count(tallies.filter((i) => i.code === 'parent-quarantined')),
        consequence: tallies[0]?.disposition ?? 'report-only',
        sampleKeys: tallies.flatMap((i) => i.sampleKeys).slice(0, 5),
        sampleMissingParents: missing.flatMap((i) => i.sampleParents).slice(0, 5),
      });
    }
  }
  return out;
}

export function mappingPlans(tables: TablePlan[]): MappingPlan[] {
  const mappings = new Map<string, { mapping: EnumMapping; columns: string[] }>();
  for (const spec of CATALOG) {
    for (const c of spec.columns) {
      if (c.role.kind !== 'enum') continue;
      const m = mappings.get(c.role.mapping.name) ?? { mapping: c.role.mapping, columns: [] };
      m.columns.push(`${spec.name}.${c.name}`);
      mappings.set(c.role.mapping.name, m);
    }
  }
  return [...mappings.values()].map(({ mapping, columns }) => {
    const found: MappingPlan['found'] = [];
    for (const col of columns) {
      const [table, column] = col.split('.');
      const stats = tables
        .find((t) => t.name === table)
        ?.columns.find((c) => c.name === column)?.enum;
      for (const v of stats?.values ?? []) {
        const out = mapLegacyEnum(mapping, v.value);
        found.push({
          column: col,
          value: v.value,
          count: v.count,
          becomes: 'value' in out ? out.value : null,
          how: out.kind,
        });
      }
    }
    return {
      name: mapping.name,
      title: mapping.title,
      columns,
      allowed: [...mapping.allowed],
      aliases: Object.entries(mapping.aliases).map(([from, to]) => ({ from, to })),
      whenNull:
        mapping.whenNull === 'null'
          ? 'stays NULL'
          : mapping.whenNull === 'quarantine'
            ? 'row quarantined'
            : mapping.whenNull,
      whenUnknown:
        mapping.whenUnknown === 'quarantine'
          ? 'row quarantined'
          : `${mapping.whenUnknown.becomes} (recorded: ${mapping.whenUnknown.why})`,
      ...(mapping.note ? { note: mapping.note } : {}),
      found,
    };
  });
}

export function warnings(plan: ImportPlan): string[] {
  const w: string[] = [];
  for (const name of plan.summary.timeBasesToReview) {
    const d = plan.timeBases.find((x) => x.name === name);
    w.push(
      `time base of ${name} is ${d?.base} without conclusive evidence: check it, or pass --time-base ${name}=utc|plant`,
    );
  }
  const unknown = plan.tables.filter((t) => !t.known).map((t) => t.name);
  if (unknown.length > 0)
    w.push(`unknown tables (copied verbatim into the legacy schema): ${unknown.join(', ')}`);
  for (const t of plan.tables) {
    if (t.unknownColumns.length > 0)
      w.push(`${t.name}: unknown columns kept verbatim: ${t.unknownColumns.join(', ')}`);
    if (t.known && t.missingColumns.length > 0)
      w.push(
        `${t.name}: columns missing from this file (read as NULL): ${t.missingColumns.join(', ')}`,
      );
  }
  if (plan.summary.quarantined > 0)
    w.push(`${plan.summary.quarantined} rows will be quarantined (see each table's issues)`);
  return w;
}
