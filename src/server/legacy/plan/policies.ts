/**
 * The rules of the import, written out per table and column: for each kind of bad value, what
 * happens to the row (quarantined, or imported with the value cleared/replaced and recorded).
 * They come from the catalog (column roles) and the table rules, so the plan documents every
 * decision up front, whether or not this file triggers it.
 */
import { DUPLICATE_RULES } from '../catalog/duplicates.js';
import type { ColumnSpec, Disposition, TableSpec } from '../catalog/types.js';
import type { IssueDisposition } from '../rules/issues.js';

export interface PolicyPlan {
  column: string | null;
  /** The situation, e.g. 'points at a machines row that is missing or quarantined'. */
  when: string;
  disposition: IssueDisposition;
  /** What the row becomes, when it is imported. */
  then?: string;
}

const TABLE_RULES: Record<string, PolicyPlan[]> = {
  machines: [
    {
      column: 'name',
      when: 'longer than 64 characters',
      disposition: 'report-only',
      then: "machines.code = the first characters + ' #id'",
    },
  ],
  users: [
    {
      column: 'username',
      when: 'characters other than A-Z a-z 0-9 . _ -',
      disposition: 'replace-and-record',
      then: "those characters become '.'",
    },
    { column: 'email', when: 'not an e-mail address', disposition: 'clear-and-record' },
    {
      column: 'password_hash',
      when: 'empty',
      disposition: 'replace-and-record',
      then: 'a hash no password verifies against',
    },
    {
      column: 'password_hash',
      when: 'not bcrypt',
      disposition: 'report-only',
      then: 'kept; the account cannot sign in until reset',
    },
  ],
  production_orders: [
    {
      column: 'status',
      when: "'in_progress'/'paused' without a usable machine",
      disposition: 'replace-and-record',
      then: "'pending'",
    },
    {
      column: 'status',
      when: 'running on a machine that runs an order started later (one running order per machine)',
      disposition: 'replace-and-record',
      then: "'pending'",
    },
    {
      column: 'complete_time',
      when: 'empty',
      disposition: 'report-only',
      then: 'completed_at from end_time',
    },
  ],
  production_stops: [
    {
      column: 'order_id',
      when: 'the order has no usable machine (stops need one)',
      disposition: 'quarantine-row',
    },
    { column: 'end_time', when: 'ends before it starts', disposition: 'quarantine-row' },
    {
      column: 'end_time',
      when: 'open, and the machine has a later open stop (one open stop per machine)',
      disposition: 'quarantine-row',
    },
  ],
  downtime_events: [
    { column: 'machine_id', when: 'NULL', disposition: 'report-only', then: "the order's machine" },
    {
      column: 'machine_id',
      when: 'NULL, and no order with a usable machine',
      disposition: 'quarantine-row',
    },
    { column: 'end_time', when: 'ends before it starts', disposition: 'quarantine-row' },
    {
      column: 'end_time',
      when: 'open, and the machine has a later open stop (one open stop per machine)',
      disposition: 'quarantine-row',
    },
  ],
};

function bad(c: ColumnSpec): Disposition {
  return c.required ? 'quarantine-row' : (c.onBad ?? 'clear-and-record');
}

function columnPolicies(c: ColumnSpec): PolicyPlan[] {
  const r = c.role;
  const out: PolicyPlan[] = [];
  const missing = () => {
    if (c.required)
      out.push({ column: c.name, when: 'NULL or blank', disposition: 'quarantine-row' });
  };
  switch (r.kind) {
    case 'key':
      out.push({
        column: c.name,
        when: `outside the ${r.range} range of the target id`,
        disposition: 'quarantine-row',
      });
      break;
    case 'ref':
      missing();
      out.push({
        column: c.name,
        when: `points at a missing or quarantined ${r.parent} row`,
        disposition:
          r.onOrphan === 'keep' ? 'report-only' : c.required ? 'quarantine-row' : r.onOrphan,
        ...(r.onOrphan === 'keep' ? { then: 'kept verbatim (no reference in the new model)' } : {}),
      });
      break;
    case 'time':
      missing();
      out.push({ column: c.name, when: 'not a recognisable time', disposition: bad(c) });
      if (r.as === 'instant')
        out.push({ column: c.name, when: 'a date without a time', disposition: bad(c) });
      break;
    case 'number':
      missing();
      out.push({
        column: c.name,
        when: `not a number${r.withUnit ? " (a unit such as '12 kg' is fine)" : ''}`,
        disposition: bad(c),
      });
      if (r.sign !== 'any')
        out.push({
          column: c.name,
          when: r.sign === 'positive' ? '0 or less' : 'negative',
          disposition: bad(c),
        });
      if (r.range)
        out.push({
          column: c.name,
          when: `outside ${r.range[0]}–${r.range[1]}`,
          disposition: bad(c),
        });
      if (r.integer) out.push({ column: c.name, when: 'not a whole number', disposition: bad(c) });
      break;
    case 'enum': {
      const m = r.mapping;
      if (m.whenNull === 'quarantine')
        out.push({ column: c.name, when: 'NULL or blank', disposition: 'quarantine-row' });
      out.push(
        m.whenUnknown === 'quarantine'
          ? {
              column: c.name,
              when: `a value outside the ${m.title} table`,
              disposition: 'quarantine-row',
            }
          : {
              column: c.name,
              when: `a value outside the ${m.title} table`,
              disposition: 'replace-and-record',
              then: m.whenUnknown.becomes,
            },
      );
      break;
    }
    case 'bool':
      out.push({
        column: c.name,
        when: 'not a yes/no spelling',
        disposition: 'replace-and-record',
        then: String(r.whenUnrecognised),
      });
      break;
    case 'environment':
      missing();
      break;
    case 'text':
      missing();
      if (r.maxLength)
        out.push({
          column: c.name,
          when: `longer than ${r.maxLength} characters`,
          disposition: bad(c),
        });
      break;
    case 'json':
      out.push({
        column: c.name,
        when: 'not JSON',
        disposition: 'report-only',
        then: 'kept as a JSON string',
      });
      break;
  }
  return out;
}

const DUPLICATE_DISPOSITION: Record<string, IssueDisposition> = {
  rename: 'replace-and-record',
  clear: 'clear-and-record',
  merge: 'merge-and-record',
  quarantine: 'quarantine-row',
};

/** Every rule that applies to rows of `spec` (none for tables copied verbatim). */
export function tablePolicies(spec: TableSpec): PolicyPlan[] {
  if (spec.target.kind !== 'table') return [];
  const columns = spec.columns.flatMap((c) =>
    c.target === null && c.role.kind !== 'ref' ? [] : columnPolicies(c),
  );
  const dups = DUPLICATE_RULES.filter((r) => r.table === spec.name).map((r) => ({
    column: r.column,
    when: `duplicate: ${r.description}`,
    disposition:
      r.name === 'machines.name'
        ? ('report-only' as const)
        : (DUPLICATE_DISPOSITION[r.policy] ?? 'report-only'),
  }));
  return [...columns, ...dups, ...(TABLE_RULES[spec.name] ?? [])];
}
