/**
 * Making the ImportPlan: open a consistent snapshot, decide time bases, find duplicates,
 * environments and the reason tree, then stream every table once through the rules.
 * Nothing is written anywhere; the source is read-only.
 */
import { CATALOG, tableSpec } from '../catalog/index.js';
import { createContext } from '../rules/context.js';
import { LegacySource, type OpenOptions } from '../source/open.js';
import { findDuplicates, findEnvironments, findReasonTree } from '../profile/prepass.js';
import { passTable, type ProgressListener, type TablePass } from '../profile/table-pass.js';
import { decideTimeBases, timeColumns } from '../profile/time-base.js';
import { NAIVE_FORMATS, type TimeBase } from '../values/time.js';
import { PlanOptionError } from './options.js';
import { tablePolicies } from './policies.js';
import { mappingPlans, orphanPlans, settleContests, warnings } from './sections.js';
import { IMPORT_PLAN_VERSION, type ColumnPlan, type ImportPlan, type TablePlan } from './types.js';

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
      policies: spec ? tablePolicies(spec) : [],
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
