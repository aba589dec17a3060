import { COLUMN_SEP, NULL_MARK } from '../import/pg-text.js';
import type { SessionTable } from '../import/session.js';
import { PART_SEP, partColumns } from './canonical.js';

export interface Difference {
  table: string;
  key: string | null;
  column: string;
  expected: string;
  actual: string;
}

const PLACE: Record<string, string> = {
  T: 'imported',
  S: 'imported (reference row)',
  C: 'copied to the legacy schema',
  Q: 'quarantined',
};

function shown(v: string | undefined): string {
  if (v === undefined) return '(nothing)';
  if (v === NULL_MARK) return 'NULL';
  return v.length > 120 ? `${v.slice(0, 117)}…` : v;
}

/**
 * The differences between what a row should be and what it is, column by column. A row the
 * import meant to place but PostgreSQL refused (quarantined with the database's reason) is not a
 * difference: that is where it belongs.
 */
export function describeDifference(
  t: SessionTable,
  key: bigint,
  expected: string | null,
  actual: string | null,
): Difference[] {
  const table = t.mapper.source;
  const k = key.toString();
  if (expected === null) {
    return [
      {
        table,
        key: k,
        column: 'row',
        expected: 'not in the source (deleted?)',
        actual: PLACE[actual?.[0] ?? ''] ?? 'present',
      },
    ];
  }
  if (actual === null) {
    return [
      {
        table,
        key: k,
        column: 'row',
        expected: PLACE[expected[0]!] ?? 'present',
        actual: 'missing (not imported)',
      },
    ];
  }
  const e = expected.split(PART_SEP);
  const a = actual.split(PART_SEP);
  if (e[0] !== a[0]) {
    if (a[0] === 'Q' && a[2] === 'refused') return [];
    return [
      {
        table,
        key: k,
        column: 'place',
        expected: PLACE[e[0]!] ?? e[0]!,
        actual: PLACE[a[0]!] ?? a[0]!,
      },
    ];
  }
  const missing = a.find((part) => part.startsWith('<no row in '));
  if (missing) {
    return [{ table, key: k, column: 'row', expected: 'present', actual: missing.slice(1, -1) }];
  }
  const names = partColumns(
    { mapper: t.mapper, side: t.batch.side, self: t.mapper.self === true },
    e[0]!,
  );
  const out: Difference[] = [];
  for (let p = 1; p < Math.max(e.length, a.length); p++) {
    if (e[p] === a[p]) continue;
    const ec = (e[p] ?? '').split(COLUMN_SEP);
    const ac = (a[p] ?? '').split(COLUMN_SEP);
    const cols = names[p] ?? [];
    for (let c = 0; c < Math.max(ec.length, ac.length, 1); c++) {
      if (ec[c] === ac[c]) continue;
      out.push({
        table,
        key: k,
        column: cols[c] ?? `part ${p}.${c}`,
        expected: shown(ec[c]),
        actual: shown(ac[c]),
      });
    }
  }
  return out;
}

export function formatDifference(d: Difference): string {
  return `${d.table} ${d.key ?? ''} ${d.column}: expected ${d.expected}, actual ${d.actual}`;
}
