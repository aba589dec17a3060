/**
 * Stop categories and reason codes → the two-level reason tree (category → reason). Categories
 * carry planned/unplanned and the OEE loss; the codes match the demo plant's tree so a seeded
 * database and an imported one agree. LEGACY is created by the importer for what fits nowhere.
 */
import type { EnumMapping } from './enums.js';

export type OeeLoss = 'availability' | 'performance' | 'quality';

export interface ReasonCategory {
  code: string;
  name: string;
  planned: boolean;
  oeeLoss: OeeLoss;
}

export const REASON_CATEGORIES: readonly ReasonCategory[] = [
  { code: 'MECH', name: 'Mechanical', planned: false, oeeLoss: 'availability' },
  { code: 'MATERIAL', name: 'Material', planned: false, oeeLoss: 'availability' },
  { code: 'UTIL', name: 'Utilities', planned: false, oeeLoss: 'availability' },
  { code: 'SAFETY', name: 'Safety', planned: false, oeeLoss: 'availability' },
  { code: 'QUALITY', name: 'Quality', planned: false, oeeLoss: 'quality' },
  { code: 'SPEED', name: 'Speed losses', planned: false, oeeLoss: 'performance' },
  { code: 'CHANGE', name: 'Changeover', planned: true, oeeLoss: 'availability' },
  { code: 'PLANNED', name: 'Planned downtime', planned: true, oeeLoss: 'availability' },
  { code: 'LEGACY', name: 'Uncategorised (legacy)', planned: false, oeeLoss: 'availability' },
];

export function reasonCategory(code: string): ReasonCategory {
  const found = REASON_CATEGORIES.find((c) => c.code === code);
  if (!found) throw new RangeError(`Unknown reason category ${code}`);
  return found;
}

/** production_stops.category → reason-tree category. */
export const STOP_CATEGORY: EnumMapping = {
  name: 'stop-category',
  title: 'stop category',
  columns: ['production_stops.category'],
  allowed: REASON_CATEGORIES.map((c) => c.code),
  aliases: {
    mechanical: 'MECH',
    electrical: 'MECH',
    breakdown: 'MECH',
    equipment: 'MECH',
    machine: 'MECH',
    material: 'MATERIAL',
    materials: 'MATERIAL',
    material_shortage: 'MATERIAL',
    packaging: 'MATERIAL',
    utilities: 'UTIL',
    utility: 'UTIL',
    power: 'UTIL',
    safety: 'SAFETY',
    quality: 'QUALITY',
    speed: 'SPEED',
    minor_stop: 'SPEED',
    minor_stops: 'SPEED',
    changeover: 'CHANGE',
    cleaning: 'CHANGE',
    cip: 'CHANGE',
    setup: 'CHANGE',
    maintenance: 'PLANNED',
    planned_maintenance: 'PLANNED',
    break: 'PLANNED',
    meal: 'PLANNED',
    meeting: 'PLANNED',
    training: 'PLANNED',
    planned: 'PLANNED',
    other: 'LEGACY',
    misc: 'LEGACY',
    unknown: 'LEGACY',
  },
  whenNull: 'LEGACY',
  whenUnknown: { becomes: 'LEGACY', why: 'unknown stop category' },
  note:
    "The stop's free-text reason becomes a reason under this category (one per distinct " +
    "category + text). 'Maintenance' counts as planned downtime, like the reason code MAINT.",
};

/** Legacy reason codes (reason_codes.code, downtime_events.reason_code) → category. */
export const REASON_CODE_CATEGORY: Readonly<Record<string, string>> = {
  MAINT: 'PLANNED',
  PM: 'PLANNED',
  BREAK: 'PLANNED',
  MEETING: 'PLANNED',
  MATSHO: 'MATERIAL',
  PACKSHO: 'MATERIAL',
  QUAL: 'QUALITY',
  REWORK: 'QUALITY',
  BREAKDOWN: 'MECH',
  MECH: 'MECH',
  JAM: 'MECH',
  ELEC: 'MECH',
  POWER: 'UTIL',
  AIR: 'UTIL',
  WATER: 'UTIL',
  SAFETY: 'SAFETY',
  INCIDENT: 'SAFETY',
  CHANGEOVER: 'CHANGE',
  CIP: 'CHANGE',
  CLEAN: 'CHANGE',
  MINOR: 'SPEED',
  SLOW: 'SPEED',
};

/** Normalised reason code: trimmed, upper case. */
export function normaliseReasonCode(code: unknown): string | null {
  if (code === null || code === undefined) return null;
  const text = String(code).trim().toUpperCase();
  return text === '' ? null : text;
}

export function categoryOfReasonCode(code: string): string {
  return REASON_CODE_CATEGORY[code] ?? 'LEGACY';
}
