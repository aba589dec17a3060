/**
 * Making the ImportPlan: open a consistent snapshot, decide time bases, find duplicates,
 * environments and the reason tree, then stream every table once through the rules.
 * Nothing is written anywhere; the source is read-only.
 */
import { CATALOG, tableSpec } from '../catalog/index.js';
import type { EnumMapping } from '../values/enums.js';
import { mapLegacyEnum } from '../values/enums.js';
import { createContext, type AssessContext } from '../rules/context.js';
import { LegacySource, type OpenOptions } from '../source/open.js';
import { findDuplicates, findEnvironments, findReasonTree } from '../profile/prepass.js';
import {
  passTable,
  tallyIssue,
  type ProgressListener,
  type TablePass,
} from '../profile/table-pass.js';
import { decideTimeBases, timeColumns } from '../profile/time-base.js';
import type { TimeBase } from '../values/time.js';
import { NAIVE_FORMATS } from '../values/time.js';
import { PlanOptionError } from './options.js';
import {
  IMPORT_PLAN_VERSION,
  type ColumnPlan,
  type ContestPlan,
  type ImportPlan,
  type MappingPlan,
  type OrphanPlan,
  type TablePlan,
} from './types.js';

export interface PlanOptions {
  plantZone: string;
  timeBaseOverrides?: ReadonlyMap<string, TimeBase>;
  onProgress?: ProgressListener;
  snapshot?: OpenOptions['snapshot'];
  busyTimeoutMs?: number;
}

/** Reads `file` (a consistent snapshot, never written) and returns its ImportPlan. */
export async function planLegacyImport(file: string, o: PlanOptions): Promise<ImportPlan> {
  const source = await LegacySource.open(file, {
    snapshot: o.snapshot,
    busyTimeoutMs: o.busyTimeoutMs,
  });
  try {
    return planFromSource(source, o);
  } finally {
    source.close();
  }
}

function checkOverrides(source: LegacySource, overrides: ReadonlyMap<string, TimeBase>) {
  const known = new Set(timeColumns(source.schema).map((c) => `${c.table}.${c.column}`));
  for (const name of overrides.keys()) {
    if (!known.has(name)) {
      throw new PlanOptionError(`--time-base ${name}: the file has no time column ${name}`);
    }
  }
}

export function planFromSource(source: LegacySource, o: PlanOptions): ImportPlan {
  const overrides = o.timeBaseOverrides ?? new Map<string, TimeBase>();
  checkOverrides(source, overrides);
  const schema = source.schema;
  const timeBases = decideTimeBases(source, o.plantZone, overrides);
  const bases = new Map(timeBases.map((d) => [d.name, d.base]));
  const duplicates = findDuplicates(source);
  const ctx = createContext({
    zone: o.plantZone,
    schema,
    timeBases: bases,
    duplicates: duplicates.groups,
  });
  const environments = findEnvironments(source);
  const reasonTree = findReasonTree(source);

  const ordered = [
    ...CATALOG.flatMap((spec) => schema.tables.filter((t) => t.name === spec.name)),
    ...schema.tables.filter((t) => !tableSpec(t.name)),
  ];
  const passes = new Map<string, TablePass>();
  for (const t of ordered)
    passes.set(t.name, passTable(source, t, tableSpec(t.name), ctx, o.onProgress));
  const contests = settleContests(ctx, passes);

  const tables: TablePlan[] = ordered.map((t) => {
    const spec = tableSpec(t.name);
    const pass = passes.get(t.name) as TablePass;
    const present = new Set(t.columns.map((c) => c.name));
    const columns: ColumnPlan[] = t.columns.map((c) => {
      const cs = spec?.columns.find((x) => x.name === c.name);
      const base = bases.get(`${t.name}.${c.name}`);
      return {
        name: c.name,
        declaredType: c.declaredType,
        notNull: c.notNull,
        defaultSql: c.defaultSql,
        known: !!cs,
        role: cs?.role.kind ?? 'unknown',
        target: spec?.target.kind === 'table' ? (cs?.target ?? null) : null,
        ...(base ? { timeBase: base } : {}),
        ...(cs?.note ? { note: cs.note } : {}),
        ...(pass.stats.get(c.name) ?? {
          storage: { integer: 0, real: 0, text: 0, blob: 0, null: 0 },
        }),
      };
    });
    return {
      name: t.name,
      known: !!spec,
      version: spec?.version ?? 'unknown',
      target: spec?.target ?? {
        kind: 'legacy-copy',
        why: 'unknown table: copied verbatim into the legacy schema',
      },
      rows: pass.rows,
      maxRowid: pass.maxRowid?.toString() ?? null,
      withoutRowid: t.withoutRowid,
      outcome: pass.outcome,
      columns,
      missingColumns: spec
        ? spec.columns.filter((c) => !present.has(c.name)).map((c) => c.name)
        : [],
      unknownColumns: spec
        ? t.columns.filter((c) => !spec.columns.some((x) => x.name === c.name)).map((c) => c.name)
        : [],
      issues: [...pass.issues.values()]
        .map(({ sampleParents: _p, ...i }) => i)
        .sort((a, b) => b.count - a.count),
      ...(spec?.note ? { note: spec.note } : {}),
    };
  });

  for (const d of timeBases) {
    const stats = tables.find((t) => t.name === d.table)?.columns.find((c) => c.name === d.column);
    const naive = [...NAIVE_FORMATS].reduce((n, f) => n + (stats?.time?.formats[f] ?? 0), 0);
    if (naive === 0 && d.needsReview) {
      d.needsReview = false;
      d.explanation += '; no naive values, so the base changes nothing';
    }
  }
  const sum = (f: (t: TablePlan) => number) => tables.reduce((n, t) => n + f(t), 0);
  const plan: ImportPlan = {
    planVersion: IMPORT_PLAN_VERSION,
    createdAt: new Date().toISOString(),
    source: {
      path: source.file,
      bytes: source.snapshot.sourceBytes,
      modifiedAt: new Date(source.snapshot.sourceMtimeMs).toISOString(),
      sqliteVersion: String(source.get<{ v: string }>('SELECT sqlite_version() AS v')?.v ?? ''),
      journalMode: schema.journalMode,
      snapshot: source.snapshot.method,
      snapshotAt: source.snapshot.takenAt.toISOString(),
      userVersion: schema.userVersion,
      pageSize: schema.pageSize,
      pageCount: schema.pageCount,
      views: schema.views,
    },
    options: { plantZone: o.plantZone, timeBaseOverrides: Object.fromEntries(overrides) },
    summary: {
      tables: tables.length,
      knownTables: tables.filter((t) => t.known).length,
      unknownTables: tables.filter((t) => !t.known).length,
      sourceRows: sum((t) => t.outcome.sourceRows),
      imported: sum((t) => t.outcome.imported),
      quarantined: sum((t) => t.outcome.quarantined),
      recorded: sum((t) => t.outcome.recorded),
      timeBasesToReview: timeBases.filter((d) => d.needsReview).map((d) => d.name),
    },
    tables,
    missingTables: CATALOG.filter((s) => !schema.tables.some((t) => t.name === s.name)).map(
      (s) => ({
        name: s.name,
        version: s.version,
      }),
    ),
    timeBases,
    mappings: mappingPlans(tables),
    environments,
    reasonTree,
    duplicates: duplicates.report,
    orphans: orphanPlans(passes),
    contests,
    warnings: [],
  };
  plan.warnings = warnings(plan);
  return plan;
}

/** Adds the contests' losers to their tables' outcome and issues; returns the winners. */
function settleContests(ctx: AssessContext, passes: Map<string, TablePass>): ContestPlan {
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

function orphanPlans(passes: Map<string, TablePass>): OrphanPlan[] {
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

function mappingPlans(tables: TablePlan[]): MappingPlan[] {
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

function warnings(plan: ImportPlan): string[] {
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
