/** Small constructors that keep the table specs readable. */
import type { ColumnSpec } from './types.js';

type Extra = Partial<Omit<ColumnSpec, 'name' | 'declared' | 'role' | 'target'>>;

export function id(target: string | null, range: 'int4' | 'int8' = 'int4'): ColumnSpec {
  return {
    name: 'id',
    declared: 'INTEGER PRIMARY KEY AUTOINCREMENT',
    role: { kind: 'key', range },
    target,
  };
}

export function ref(
  name: string,
  parent: string,
  target: string | null,
  onOrphan: 'quarantine-row' | 'clear-and-record' | 'keep',
  extra: Extra = {},
): ColumnSpec {
  return {
    name,
    declared: 'INTEGER',
    role: { kind: 'ref', parent, onOrphan },
    target,
    references: parent,
    ...extra,
  };
}

export function time(
  name: string,
  target: string | null,
  extra: Extra & { declared?: string } = {},
): ColumnSpec {
  const { declared = 'DATETIME', ...rest } = extra;
  return { name, declared, role: { kind: 'time', as: 'instant' }, target, ...rest };
}

/** A time column filled by `DEFAULT CURRENT_TIMESTAMP` (UTC). */
export function stamp(name: string, target: string | null, extra: Extra = {}): ColumnSpec {
  return time(name, target, { defaultSql: 'CURRENT_TIMESTAMP', ...extra });
}

export function date(name: string, target: string | null, extra: Extra = {}): ColumnSpec {
  return { name, declared: 'DATE', role: { kind: 'time', as: 'date' }, target, ...extra };
}

export function text(
  name: string,
  target: string | null,
  extra: Extra & { trim?: boolean; maxLength?: number; whenBlank?: string } = {},
): ColumnSpec {
  const { trim, maxLength, whenBlank, ...rest } = extra;
  return {
    name,
    declared: 'TEXT',
    role: { kind: 'text', trim, maxLength, whenBlank },
    target,
    ...rest,
  };
}

export function num(
  name: string,
  declared: 'INTEGER' | 'REAL',
  target: string | null,
  rule: Omit<Extract<ColumnSpec['role'], { kind: 'number' }>, 'kind'>,
  extra: Extra = {},
): ColumnSpec {
  return { name, declared, role: { kind: 'number', ...rule }, target, ...extra };
}

export function bool(
  name: string,
  target: string | null,
  whenNull: boolean | null,
  whenUnrecognised: boolean,
  extra: Extra = {},
): ColumnSpec {
  return {
    name,
    declared: 'BOOLEAN',
    role: { kind: 'bool', whenNull, whenUnrecognised },
    target,
    ...extra,
  };
}
