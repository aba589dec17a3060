/** The plan as a report for a person (the --json form is the ImportPlan itself). */
import type { ColumnPlan, ImportPlan, TablePlan } from './types.js';

const n = (x: number) => x.toLocaleString('en-US');

function table(rows: string[][], indent = '  '): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    `${indent}${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd(),
  );
}

function counts(record: Record<string, number>): string {
  return Object.entries(record)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k} ${n(v)}`)
    .join(', ');
}

function target(t: TablePlan): string {
  return t.target.kind === 'table'
    ? `${t.target.table}; ids: ${t.target.ids}`
    : `legacy.${t.name} (verbatim: ${t.target.why})`;
}

function columnLine(c: ColumnPlan): string {
  const parts = [counts(c.storage)];
  if (c.time)
    parts.push(
      `formats: ${counts(c.time.formats)}${c.time.unparseableSamples.length ? ` (e.g. ${c.time.unparseableSamples.join(', ')})` : ''}`,
    );
  if (c.timeBase) parts.push(`naive values read as ${c.timeBase === 'utc' ? 'UTC' : 'plant time'}`);
  if (c.bool)
    parts.push(
      `spellings: ${c.bool.spellings.map((s) => `${s.spelling} ×${n(s.count)}${s.value === null && s.spelling !== 'NULL' ? ' (not yes/no)' : ''}`).join(', ')}`,
    );
  if (c.number) {
    const x = c.number;
    const kinds = counts({
      integer: x.integer,
      real: x.real,
      'numeric text': x.numericText,
      'with unit': x.withUnit,
      'not a number': x.notANumber,
      zero: x.zero,
      negative: x.negative,
      'past 2^53': x.beyondSafeInteger,
    });
    const eg = [...x.samples.notANumber, ...x.samples.withUnit, ...x.samples.beyondSafeInteger];
    parts.push(`numbers: ${kinds}${eg.length ? ` (e.g. ${eg.join(', ')})` : ''}`);
  }
  if (c.text && (c.text.blank || c.text.numericLooking))
    parts.push(counts({ blank: c.text.blank, 'number-like text': c.text.numericLooking }));
  if (c.json && c.json.invalid) parts.push(`not JSON ${n(c.json.invalid)}`);
  const where = c.known
    ? (c.target ?? 'kept verbatim (no place in the new model)')
    : 'unknown column: kept verbatim';
  return `${c.name} ${c.declaredType || '(no type)'}${c.defaultSql ? ` DEFAULT ${c.defaultSql}` : ''} → ${where}\n      ${parts.filter(Boolean).join(' · ')}`;
}

export function renderPlan(p: ImportPlan): string {
  const out: string[] = [];
  const s = p.summary;
  out.push(
    `Legacy file   ${p.source.path} (${n(p.source.bytes)} bytes, journal ${p.source.journalMode}, read as one snapshot by ${p.source.snapshot} at ${p.source.snapshotAt})`,
  );
  out.push(`Plant zone    ${p.options.plantZone}`);
  out.push(
    `Summary       ${s.tables} tables (${s.knownTables} known, ${s.unknownTables} unknown), ${n(s.sourceRows)} rows: ${n(s.imported)} imported, ${n(s.quarantined)} quarantined; ${n(s.recorded)} imported rows also recorded in legacy_quarantine`,
  );
  out.push('', 'Tables (source rows = imported + quarantined)');
  out.push(
    ...table([
      ['table', 'rows', 'imported', 'quarantined', 'recorded', 'goes to'],
      ...p.tables.map((t) => [
        t.name + (t.known ? '' : ' (unknown)'),
        n(t.rows),
        n(t.outcome.imported),
        n(t.outcome.quarantined),
        n(t.outcome.recorded),
        target(t),
      ]),
    ]),
  );
  if (p.missingTables.length)
    out.push(`  not in this file: ${p.missingTables.map((t) => t.name).join(', ')}`);

  out.push('', 'Time bases (what a naive YYYY-MM-DD HH:MM:SS means, per column)');
  out.push(
    ...table([
      ['column', 'base', 'decided by', 'evidence'],
      ...p.timeBases.map((d) => [
        d.name,
        d.base === 'utc' ? 'UTC' : 'plant',
        `${d.source}${d.needsReview ? ' (REVIEW)' : ''}`,
        d.explanation,
      ]),
    ]),
  );

  out.push('', 'Columns');
  for (const t of p.tables) {
    out.push(
      `  ${t.name}${t.missingColumns.length ? ` (missing: ${t.missingColumns.join(', ')})` : ''}`,
    );
    for (const c of t.columns) out.push(`    ${columnLine(c)}`);
  }

  out.push('', 'Value mappings (legacy → new model)');
  for (const m of p.mappings) {
    if (m.found.length === 0) continue;
    out.push(
      `  ${m.title} (${m.columns.join(', ')}): allowed ${m.allowed.join(', ')}; NULL → ${m.whenNull}; unknown → ${m.whenUnknown}`,
    );
    if (m.note) out.push(`    ${m.note}`);
    for (const f of m.found) {
      out.push(
        `    ${f.column} ${f.value === null ? 'NULL' : `'${f.value}'`} ×${n(f.count)} → ${f.becomes ?? 'quarantined'} (${f.how})`,
      );
    }
    out.push(`    table: ${m.aliases.map((a) => `${a.from}→${a.to}`).join(', ')}`);
  }

  out.push('', 'Orphans (references to rows that do not exist or are quarantined)');
  if (p.orphans.length === 0) out.push('  none');
  for (const o of p.orphans) {
    out.push(
      `  ${o.table}.${o.column} → ${o.parent}: ${n(o.missing)} missing, ${n(o.parentQuarantined)} quarantined parent → ${o.consequence} (rows ${o.sampleKeys.join(', ')}${o.sampleMissingParents.length ? `; missing ${o.parent} ${o.sampleMissingParents.join(', ')}` : ''})`,
    );
  }

  out.push('', 'Duplicates');
  const dups = p.duplicates.filter((d) => d.groups > 0);
  if (dups.length === 0) out.push('  none');
  for (const d of dups) {
    out.push(
      `  ${d.rule} (${d.policy}): ${n(d.groups)} groups, ${n(d.laterRows)} later rows — ${d.description}; e.g. ${d.samples.map((x) => `${JSON.stringify(x.key)} ×${x.rows} (first ${x.firstId})`).join(', ')}`,
    );
  }

  out.push(
    '',
    `Environments: ${p.environments.map((e) => `${e.code}${e.legacyId ? '' : ' (new)'}`).join(', ') || 'none'}`,
  );
  out.push(
    `Reason tree: categories ${p.reasonTree.categories.map((c) => `${c.code}${c.planned ? ' (planned)' : ''}`).join(', ')}`,
  );
  out.push(
    `  reason codes: ${p.reasonTree.reasonCodes.map((r) => `${r.code}→${r.category}${r.rows > 1 ? ` (${r.rows} rows merged)` : ''}`).join(', ') || 'none'}`,
  );
  if (p.reasonTree.unknownDowntimeCodes.length)
    out.push(
      `  downtime codes without a reason_codes row: ${p.reasonTree.unknownDowntimeCodes.map((r) => r.code).join(', ')}`,
    );
  out.push(`  stop reasons (category + text): ${n(p.reasonTree.stopReasons.distinct)} distinct`);
  const c = p.contests;
  out.push(
    `One running order per machine: ${c.runningOrders.length} keep running, ${c.runningOrdersSuperseded} become pending; one open stop per machine: ${c.openStops.length} stay open, ${c.openStopsSuperseded} quarantined`,
  );

  out.push(
    '',
    'Rules (per table: the case → what happens; quarantine-row = not imported, *-and-record = imported and recorded)',
  );
  for (const t of p.tables) {
    if (t.policies.length === 0) continue;
    out.push(`  ${t.name}`);
    out.push(
      ...table(
        t.policies.map((r) => [
          r.column ?? '',
          r.when,
          `→ ${r.disposition}${r.then ? `: ${r.then}` : ''}`,
        ]),
        '    ',
      ),
    );
  }

  out.push('', 'Quarantine and records in this file (per table; quarantine-row = not imported)');
  for (const t of p.tables) {
    if (t.issues.length === 0) continue;
    out.push(`  ${t.name}`);
    out.push(
      ...table(
        t.issues.map((i) => [
          i.disposition,
          i.column ?? '',
          i.code,
          `×${n(i.count)}`,
          `rows ${i.sampleKeys.join(', ')}: ${i.example}`,
        ]),
        '    ',
      ),
    );
  }
  if (p.warnings.length) out.push('', 'Warnings', ...p.warnings.map((w) => `  ! ${w}`));
  return `${out.join('\n')}\n`;
}
