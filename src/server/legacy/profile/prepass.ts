/**
 * Aggregate queries run before the row pass (SQLite GROUP BY: memory bounded by the number of
 * groups, not rows): duplicate groups, environments named in the file, the reason tree.
 */
import { q, sqlMappedEnum } from '../catalog/sql.js';
import { CATALOG } from '../catalog/index.js';
import type { DuplicateGroup } from '../rules/context.js';
import { duplicateRulesFor } from '../rules/assess.js';
import { refKey } from '../rules/row.js';
import { slugify } from '../rules/slug.js';
import type { LegacySource } from '../source/open.js';
import { findTable, hasColumn } from '../source/schema.js';
import { parseLegacyBool } from '../values/bool.js';
import { mapLegacyEnum, OEE_LOSS } from '../values/enums.js';
import {
  type OeeLoss,
  REASON_CATEGORIES,
  STOP_CATEGORY,
  categoryOfReasonCode,
  normaliseReasonCode,
} from '../values/reason-tree.js';
import type { DuplicatePlan, EnvironmentPlan, ReasonTreePlan } from '../plan/types.js';

function keyColumn(source: LegacySource, table: string): string {
  return hasColumn(source.schema, table, 'id') ? 't.id' : 't.rowid';
}

export function findDuplicates(source: LegacySource): {
  groups: Map<string, Map<string, DuplicateGroup>>;
  report: DuplicatePlan[];
} {
  const groups = new Map<string, Map<string, DuplicateGroup>>();
  const report: DuplicatePlan[] = [];
  for (const spec of CATALOG) {
    if (!findTable(source.schema, spec.name)) continue;
    for (const rule of duplicateRulesFor(source.schema, spec.name)) {
      const sql = `SELECT k, min(id) AS first, count(*) AS n FROM
        (SELECT ${rule.keySql} AS k, ${keyColumn(source, spec.name)} AS id FROM ${q(spec.name)} t)
        WHERE k IS NOT NULL GROUP BY k HAVING count(*) > 1 ORDER BY min(id)`;
      const map = new Map<string, DuplicateGroup>();
      let later = 0;
      const samples: DuplicatePlan['samples'] = [];
      for (const r of source.iterate<{ k: unknown; first: unknown; n: bigint }>(sql)) {
        const group = { first: refKey(r.first) ?? '', count: Number(r.n) };
        map.set(String(r.k), group);
        later += group.count - 1;
        if (samples.length < 5)
          samples.push({ key: String(r.k), firstId: group.first, rows: group.count });
      }
      groups.set(rule.name, map);
      report.push({
        rule: rule.name,
        table: rule.table,
        column: rule.column,
        policy: rule.policy,
        description: rule.description,
        groups: map.size,
        laterRows: later,
        samples,
      });
    }
  }
  return { groups, report };
}

export function findEnvironments(source: LegacySource): EnvironmentPlan[] {
  const byCode = new Map<string, EnvironmentPlan>();
  const entry = (code: string) => {
    let e = byCode.get(code);
    if (!e) byCode.set(code, (e = { code, name: code, legacyId: null, spellings: [], uses: {} }));
    return e;
  };
  if (hasColumn(source.schema, 'environments', 'code')) {
    const name = hasColumn(source.schema, 'environments', 'name') ? 't.name' : 'NULL';
    const sql = `SELECT ${keyColumn(source, 'environments')} AS id, t.code AS code, ${name} AS name
      FROM ${q('environments')} t ORDER BY 1`;
    for (const r of source.iterate<{ id: unknown; code: unknown; name: unknown }>(sql)) {
      const code = slugify(r.code);
      if (code === null) continue;
      const e = entry(code);
      if (e.legacyId === null) {
        e.legacyId = refKey(r.id);
        if (typeof r.name === 'string' && r.name.trim() !== '') e.name = r.name.trim();
      }
    }
  }
  for (const spec of CATALOG) {
    for (const c of spec.columns) {
      if (c.role.kind !== 'environment' || !hasColumn(source.schema, spec.name, c.name)) continue;
      const sql = `SELECT t.${q(c.name)} AS v, count(*) AS n FROM ${q(spec.name)} t GROUP BY 1`;
      for (const r of source.iterate<{ v: unknown; n: bigint }>(sql)) {
        const code = slugify(r.v);
        if (code === null) continue;
        const e = entry(code);
        const use = `${spec.name}.${c.name}`;
        e.uses[use] = (e.uses[use] ?? 0) + Number(r.n);
        const spelling = String(r.v);
        if (e.spellings.length < 10 && !e.spellings.includes(spelling)) e.spellings.push(spelling);
        if (e.legacyId === null && e.name === code) e.name = spelling.trim();
      }
    }
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function findReasonTree(source: LegacySource): ReasonTreePlan {
  const s = source.schema;
  const categories: ReasonTreePlan['categories'] = REASON_CATEGORIES.map((c) => ({
    ...c,
    from: 'built-in' as const,
  }));
  if (hasColumn(s, 'downtime_categories', 'code')) {
    const col = (c: string) => (hasColumn(s, 'downtime_categories', c) ? `t.${q(c)}` : 'NULL');
    const sql = `SELECT t.code AS code, ${col('name')} AS name, ${col('is_planned')} AS planned,
      ${col('oee_impact')} AS oee FROM ${q('downtime_categories')} t ORDER BY t.rowid`;
    for (const r of source.iterate<{
      code: unknown;
      name: unknown;
      planned: unknown;
      oee: unknown;
    }>(sql)) {
      const code = normaliseReasonCode(r.code);
      if (code === null || categories.some((c) => c.code === code)) continue;
      const name = typeof r.name === 'string' && r.name.trim() !== '' ? r.name.trim() : code;
      const planned = parseLegacyBool(r.planned);
      const oee = mapLegacyEnum(OEE_LOSS, r.oee);
      categories.push({
        code,
        name,
        planned: planned.kind === 'bool' ? planned.value : false,
        oeeLoss: ('value' in oee ? oee.value : 'availability') as OeeLoss,
        from: 'downtime_categories',
      });
    }
  }
  const reasonCodes: ReasonTreePlan['reasonCodes'] = [];
  const known = new Set<string>();
  if (hasColumn(s, 'reason_codes', 'code')) {
    const sql = `SELECT upper(trim(t.code)) AS code, min(${keyColumn(source, 'reason_codes')}) AS first,
      count(*) AS n FROM ${q('reason_codes')} t WHERE trim(t.code) <> '' GROUP BY 1 ORDER BY 1`;
    for (const r of source.iterate<{ code: string; first: unknown; n: bigint }>(sql)) {
      known.add(r.code);
      reasonCodes.push({
        code: r.code,
        firstId: refKey(r.first) ?? '',
        rows: Number(r.n),
        category: categoryOfReasonCode(r.code),
      });
    }
  }
  const unknownDowntimeCodes: ReasonTreePlan['unknownDowntimeCodes'] = [];
  if (hasColumn(s, 'downtime_events', 'reason_code')) {
    const sql = `SELECT reason_code AS code, count(*) AS n FROM ${q('downtime_events')}
      WHERE reason_code IS NOT NULL GROUP BY 1`;
    const counts = new Map<string, number>();
    for (const r of source.iterate<{ code: unknown; n: bigint }>(sql)) {
      const code = normaliseReasonCode(r.code);
      if (code !== null && !known.has(code))
        counts.set(code, (counts.get(code) ?? 0) + Number(r.n));
    }
    for (const [code, rows] of [...counts].sort()) {
      unknownDowntimeCodes.push({ code, rows, category: categoryOfReasonCode(code) });
    }
  }
  const stopReasons: ReasonTreePlan['stopReasons'] = { distinct: 0, top: [] };
  if (hasColumn(s, 'production_stops', 'reason')) {
    const cat = hasColumn(s, 'production_stops', 'category')
      ? `COALESCE(${sqlMappedEnum(STOP_CATEGORY, 't.category')}, 'LEGACY')`
      : "'LEGACY'";
    const sql = `SELECT ${cat} AS category, NULLIF(trim(t.reason), '') AS reason, count(*) AS n
      FROM ${q('production_stops')} t GROUP BY 1, 2`;
    for (const r of source.iterate<{ category: string; reason: unknown; n: bigint }>(sql)) {
      stopReasons.distinct++;
      const reason = r.reason === null ? null : String(r.reason);
      stopReasons.top.push({ category: r.category, reason, rows: Number(r.n) });
      stopReasons.top.sort((a, b) => b.rows - a.rows);
      if (stopReasons.top.length > 20) stopReasons.top.pop();
    }
  }
  return { categories, reasonCodes, unknownDowntimeCodes, stopReasons };
}
