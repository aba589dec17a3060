/**
 * Deciding each time column's base (what a naive value means: UTC or plant wall clock) from
 * evidence in the file, never by assumption:
 * 1. an override from the command line wins (the evidence is still shown);
 * 2. a column filled by DEFAULT CURRENT_TIMESTAMP holds UTC (SQLite's clock is UTC); a default
 *    that shifts 'now' (datetime('now', '+2 hours'), 'localtime') holds plant time;
 * 3. an app-written column is compared with UTC-defaulted columns of related rows written at the
 *    same moment (catalog/evidence.ts): differences clustering at the plant's offset at that
 *    instant mean plant time, at 0 UTC (≥ 80 % of the pairs in one cluster);
 * 4. other app-written columns follow the file's convention (what the decided app-written
 *    columns agree on; the majority, flagged for review, when they disagree);
 * 5. no evidence at all: UTC, flagged for review.
 */
import { plantOffsetMinutes } from '../../../common/plant-time/index.js';
import { TIME_EVIDENCE, type TimeEvidenceSource } from '../catalog/evidence.js';
import { CATALOG } from '../catalog/index.js';
import type { LegacySource } from '../source/open.js';
import { isUtcNowDefault, shiftedNowDefault, type SourceSchema } from '../source/schema.js';
import { NAIVE_FORMATS, parseLegacyTime, type TimeBase } from '../values/time.js';

export type TimeBaseSource =
  'override' | 'default-utc' | 'default-shifted' | 'paired' | 'file-convention' | 'no-evidence';

export interface TimeEvidence {
  against: string;
  description: string;
  /** Pairs where both values were readable and the app-written one naive. */
  pairs: number;
  nearZero: number;
  nearPlantOffset: number;
  other: number;
  /** Median of (app-written read as UTC − UTC-defaulted), minutes; null without pairs. */
  medianDiffMinutes: number | null;
  /** The plant zone's offsets (minutes) at the paired instants. */
  plantOffsetsMinutes: number[];
  verdict: TimeBase | 'inconclusive';
}

export interface TimeBaseDecision {
  table: string;
  column: string;
  /** 'table.column' */
  name: string;
  known: boolean;
  defaultSql: string | null;
  base: TimeBase;
  source: TimeBaseSource;
  confidence: 'certain' | 'strong' | 'weak' | 'none';
  evidence: TimeEvidence[];
  explanation: string;
  /** The person running the import should look at this one (or pass --time-base). */
  needsReview: boolean;
}

/** Time columns of the file: known ones (catalog) and unknown ones declared DATE/TIME. */
export function timeColumns(schema: SourceSchema) {
  const out: { table: string; column: string; known: boolean; defaultSql: string | null }[] = [];
  for (const t of schema.tables) {
    const spec = CATALOG.find((s) => s.name === t.name);
    for (const c of t.columns) {
      const cs = spec?.columns.find((x) => x.name === c.name);
      const isTime = cs ? cs.role.kind === 'time' : /DATE|TIME/i.test(c.declaredType);
      if (isTime)
        out.push({ table: t.name, column: c.name, known: !!cs, defaultSql: c.defaultSql });
    }
  }
  return out;
}

function median(hist: Map<number, number>, n: number): number | null {
  if (n === 0) return null;
  const keys = [...hist.keys()].sort((a, b) => a - b);
  let seen = 0;
  for (const k of keys) {
    seen += hist.get(k) ?? 0;
    if (seen * 2 >= n) return k;
  }
  return keys[keys.length - 1] ?? null;
}

/** Runs one evidence query and clusters the differences. */
export function measureEvidence(
  source: LegacySource,
  e: TimeEvidenceSource,
  zone: string,
  every = 1,
): TimeEvidence {
  const hist = new Map<number, number>();
  const offsets = new Set<number>();
  const offsetCache = new Map<number, number>();
  let nearZero = 0;
  let nearPlant = 0;
  let other = 0;
  for (const row of source.iterate<{ a: unknown; b: unknown }>(e.sql(every))) {
    if (row.a === null || row.b === null) continue;
    const a = parseLegacyTime(row.a, 'utc', 'UTC');
    const b = parseLegacyTime(row.b, 'utc', 'UTC');
    if (a.kind !== 'instant' || b.kind !== 'instant' || !NAIVE_FORMATS.has(a.format)) continue;
    const diff = (a.at.getTime() - b.at.getTime()) / 60_000;
    const hour = Math.floor(b.at.getTime() / 3_600_000);
    let offset = offsetCache.get(hour);
    if (offset === undefined) {
      offset = plantOffsetMinutes(b.at, zone);
      offsetCache.set(hour, offset);
    }
    offsets.add(offset);
    const tolerance = offset === 0 ? 15 : Math.min(15, Math.abs(offset) / 3);
    if (Math.abs(diff) <= tolerance) nearZero++;
    else if (Math.abs(diff - offset) <= tolerance) nearPlant++;
    else other++;
    const rounded = Math.round(diff);
    hist.set(rounded, (hist.get(rounded) ?? 0) + 1);
  }
  const pairs = nearZero + nearPlant + other;
  const best = Math.max(nearZero, nearPlant);
  const verdict: TimeEvidence['verdict'] =
    pairs === 0 || best < 0.8 * pairs ? 'inconclusive' : nearZero >= nearPlant ? 'utc' : 'plant';
  return {
    against: e.against,
    description: e.description,
    pairs,
    nearZero,
    nearPlantOffset: nearPlant,
    other,
    medianDiffMinutes: median(hist, pairs),
    plantOffsetsMinutes: [...offsets].sort((x, y) => x - y),
    verdict,
  };
}

function describeEvidence(e: TimeEvidence): string {
  if (e.pairs === 0) return `no pairs with ${e.description} (${e.against})`;
  const med =
    e.medianDiffMinutes === null
      ? 'n/a'
      : `${e.medianDiffMinutes > 0 ? '+' : ''}${e.medianDiffMinutes} min`;
  return `${e.pairs} pairs with ${e.description} (${e.against}): median difference ${med}, ${e.nearZero} at 0, ${e.nearPlantOffset} at the plant offset, ${e.other} elsewhere`;
}

/** Orders sampled for evidence: every n-th id, about EVIDENCE_SAMPLE of them (ids ~ dense). */
export const EVIDENCE_SAMPLE = 20_000;

function sampleEvery(source: LegacySource): number {
  if (!source.schema.tables.some((t) => t.name === 'production_orders')) return 1;
  const count = source.get<{ n: unknown }>('SELECT count(*) AS n FROM production_orders')?.n;
  const n = typeof count === 'bigint' ? Number(count) : 0;
  return Math.max(1, Math.ceil(n / EVIDENCE_SAMPLE));
}

export function decideTimeBases(
  source: LegacySource,
  zone: string,
  overrides: ReadonlyMap<string, TimeBase>,
): TimeBaseDecision[] {
  const schema = source.schema;
  const has = (tc: string) => {
    const [t, c] = tc.split('.');
    return schema.tables.some((x) => x.name === t && x.columns.some((y) => y.name === c));
  };
  const every = sampleEvery(source);
  const decisions: TimeBaseDecision[] = timeColumns(schema).map((tc) => {
    const name = `${tc.table}.${tc.column}`;
    const evidence = TIME_EVIDENCE.filter((e) => e.column === name && e.needs.every(has)).map((e) =>
      measureEvidence(source, e, zone, every),
    );
    const base: Omit<
      TimeBaseDecision,
      'base' | 'source' | 'confidence' | 'explanation' | 'needsReview'
    > = {
      table: tc.table,
      column: tc.column,
      name,
      known: tc.known,
      defaultSql: tc.defaultSql,
      evidence,
    };
    const shifted = shiftedNowDefault(tc.defaultSql);
    const conclusive = evidence.filter((e) => e.verdict !== 'inconclusive');
    const override = overrides.get(name);
    if (override) {
      return {
        ...base,
        base: override,
        source: 'override',
        confidence: 'certain',
        needsReview: false,
        explanation: `set with --time-base ${name}=${override}`,
      };
    }
    if (isUtcNowDefault(tc.defaultSql)) {
      return {
        ...base,
        base: 'utc',
        source: 'default-utc',
        confidence: 'certain',
        needsReview: false,
        explanation: `DEFAULT ${tc.defaultSql}: SQLite writes UTC`,
      };
    }
    if (shifted) {
      return {
        ...base,
        base: 'plant',
        source: 'default-shifted',
        confidence: 'strong',
        needsReview: false,
        explanation: `DEFAULT ${tc.defaultSql}: the current time shifted by '${shifted}' (plant time)`,
      };
    }
    if (conclusive.length > 0) {
      const plant = conclusive.filter((e) => e.verdict === 'plant').length;
      const b: TimeBase = plant * 2 > conclusive.length ? 'plant' : 'utc';
      const pairs = conclusive.reduce((n, e) => n + e.pairs, 0);
      const agree = conclusive.every((e) => e.verdict === b);
      return {
        ...base,
        base: b,
        source: 'paired',
        confidence: agree && pairs >= 20 ? 'strong' : 'weak',
        needsReview: !agree,
        explanation: evidence.map(describeEvidence).join('; '),
      };
    }
    return {
      ...base,
      base: 'utc',
      source: 'no-evidence',
      confidence: 'none',
      needsReview: true,
      explanation: evidence.some((e) => e.pairs > 0)
        ? `inconclusive: ${evidence.map(describeEvidence).join('; ')}`
        : evidence.length > 0
          ? evidence.map(describeEvidence).join('; ')
          : 'no related UTC column to compare with',
    };
  });
  // App-written columns without their own evidence follow what the decided ones agree on.
  const decided = decisions.filter((d) => d.source === 'paired');
  const plantVotes = decided.filter((d) => d.base === 'plant').length;
  if (decided.length > 0) {
    const b: TimeBase = plantVotes * 2 > decided.length ? 'plant' : 'utc';
    const unanimous = plantVotes === 0 || plantVotes === decided.length;
    for (const d of decisions) {
      if (d.source !== 'no-evidence') continue;
      d.base = b;
      d.source = 'file-convention';
      d.confidence = unanimous ? 'weak' : 'none';
      // A column whose own pairs disagree (an app upgrade half-way through?) needs a look anyway.
      const ownMixed = d.evidence.some((e) => e.pairs > 0);
      d.needsReview = !unanimous || ownMixed;
      d.explanation =
        `${d.explanation}; no evidence of its own: the app-written columns with evidence ` +
        (unanimous
          ? `all say ${b} (${decided.map((x) => x.name).join(', ')})`
          : `disagree (${decided.map((x) => `${x.name}=${x.base}`).join(', ')}); the majority says ${b}`);
    }
  }
  return decisions;
}
