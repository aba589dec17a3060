/**
 * Rules of single tables that span several columns or rows, run after the column rules.
 * `derived` values they set (documented per table):
 * - machines: code.
 * - users: username (sanitised / renamed), display_name, email, password_hash.
 * - reason_codes: code (upper case), name, category, merged_into.
 * - production_orders: order_number, unit, produced_quantity, completed_at, status.
 * - production_events: data { legacyType, description }.
 * - production_stops, downtime_events: id (target id), machine_id, reason_category,
 *   reason_text / reason_code, notes.
 * - waste_records, production_waste: id (target id), unit, waste_type.
 * - environments / machine_types / downtime_categories: code, name, merged_into.
 * - maturation_room: batch_number, unit.
 */
import { q } from '../catalog/sql.js';
import type { TableSpec } from '../catalog/types.js';
import { hasColumn, type SourceSchema } from '../source/schema.js';
import { categoryOfReasonCode, normaliseReasonCode } from '../values/reason-tree.js';
import { showValue } from '../values/storage.js';
import type { AssessContext } from './context.js';
import { isRecorded } from './issues.js';
import { refKey, truthy, type RowBuilder } from './row.js';
import { slugify } from './slug.js';

export interface TableRules {
  /** Extra SELECT expressions over the row (alias t) the rules read. */
  extra?(schema: SourceSchema): string[];
  finish(b: RowBuilder, ctx: AssessContext, spec: TableSpec): void;
}

const BCRYPT = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;
/** Order statuses that hold a machine (at most one such order per machine). */
export const RUNNING: ReadonlySet<string> = new Set(['in_progress', 'paused']);
/** A hash no password verifies against (not bcrypt, not argon2). */
export const UNUSABLE_PASSWORD_HASH = '!legacy-no-password';

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function ms(v: unknown): number {
  return v instanceof Date ? v.getTime() : Number.NEGATIVE_INFINITY;
}

function fit(text: string, suffix: string, max: number): string {
  return `${[...text]
    .slice(0, max - suffix.length)
    .join('')
    .trimEnd()}${suffix}`;
}

/** The order's machine (alias __order_machine) and whether that machine exists. */
function orderMachine(schema: SourceSchema): string[] {
  if (!hasColumn(schema, 'production_orders', 'machine_id')) {
    return ['NULL AS __order_machine', '0 AS __order_machine_ok'];
  }
  const sub = `(SELECT o.machine_id FROM ${q('production_orders')} o WHERE o.id = t.order_id)`;
  const ok = hasColumn(schema, 'machines', 'id')
    ? `EXISTS (SELECT 1 FROM ${q('machines')} m WHERE m.id = ${sub})`
    : '0';
  return [`${sub} AS __order_machine`, `${ok} AS __order_machine_ok`];
}

/** The order's machine when the order and the machine will both be imported, else null. */
function usableOrderMachine(b: RowBuilder, ctx: AssessContext): string | null {
  const order = str(b.values.order_id);
  const machine = refKey(b.row.__order_machine);
  if (order === null || machine === null || !truthy(b.row.__order_machine_ok)) return null;
  if (ctx.quarantined.get('machines')?.has(machine)) return null;
  return machine;
}

function targetId(b: RowBuilder, spec: TableSpec): string {
  const offset = spec.target.kind === 'table' ? (spec.target.idOffset ?? 0) : 0;
  return (BigInt(b.key) + BigInt(offset)).toString();
}

/** Interval rules shared by production_stops and downtime_events. */
function stopInterval(b: RowBuilder, ctx: AssessContext, machine: string | null, rank: number) {
  const start = b.values.start_time;
  const end = b.values.end_time;
  if (start instanceof Date && end instanceof Date && end < start) {
    b.add(
      'interval-ends-before-start',
      'end_time',
      'quarantine-row',
      `ends ${(start.getTime() - end.getTime()) / 1000} s before it starts`,
    );
  }
  if (b.quarantined || machine === null || b.row.end_time !== null) return;
  const contest = ctx.contests.openStops;
  if (ctx.mode === 'collect') {
    contest.offer(machine, {
      table: b.table,
      key: b.key,
      rank: [ms(start), rank, BigInt(b.key)],
      recorded: b.issues.some((i) => isRecorded(i.disposition)),
    });
  } else if (!contest.wins(machine, b.table, b.key)) {
    b.add(
      'open-interval-superseded',
      'end_time',
      'quarantine-row',
      `machine ${machine} has a later open stop`,
    );
  }
}

const RULES: Record<string, TableRules> = {
  machines: {
    finish(b) {
      const name = str(b.values.name);
      if (name === null) return;
      const dup = b.derived.duplicateOf;
      const long = [...name].length > 64;
      b.derived.code = dup || long ? fit(name, ` #${b.key}`, 64) : name;
      if (long && !dup)
        b.add('derived-code', 'name', 'report-only', `code ${JSON.stringify(b.derived.code)}`);
    },
  },
  users: {
    finish(b) {
      const original = str(b.values.username);
      if (original !== null) {
        let name = original.replace(/[^A-Za-z0-9._-]/g, '.');
        if (name.length < 2) name = `${name}.${b.key}`;
        name = fit(name, '', 64);
        if (name !== original) {
          b.add(
            'username-invalid',
            'username',
            'replace-and-record',
            `${showValue(original)} → ${JSON.stringify(name)}`,
          );
        }
        if (b.derived.duplicateOf) name = fit(name, `.${b.key}`, 64);
        b.derived.username = name;
        b.derived.display_name = fit(original, '', 128);
      }
      const email = str(b.values.email)?.trim() ?? null;
      if (email === null || email === '') b.derived.email = null;
      else if (!EMAIL.test(email) || email.length > 320) {
        b.derived.email = null;
        b.add(
          'email-invalid',
          'email',
          'clear-and-record',
          `${showValue(email)} is not an e-mail address`,
        );
      } else b.derived.email = email;
      const hash = str(b.values.password_hash);
      if (hash === null || hash.trim() === '') {
        b.derived.password_hash = UNUSABLE_PASSWORD_HASH;
        b.add('password-hash-missing', 'password_hash', 'replace-and-record', 'no hash');
      } else {
        b.derived.password_hash = hash;
        if (!BCRYPT.test(hash))
          b.add('password-hash-unknown', 'password_hash', 'report-only', 'not bcrypt');
      }
    },
  },
  reason_codes: {
    finish(b) {
      const code = normaliseReasonCode(b.values.code);
      b.derived.code = code;
      b.derived.name = fit(str(b.values.description)?.trim() || (code ?? ''), '', 200);
      b.derived.category = code === null ? null : categoryOfReasonCode(code);
      if (b.derived.duplicateOf) b.derived.merged_into = b.derived.duplicateOf;
    },
  },
  production_orders: {
    finish(b, ctx) {
      const number = str(b.values.order_number);
      b.derived.order_number =
        number !== null && b.derived.duplicateOf ? fit(number, ` #${b.key}`, 64) : number;
      b.derived.unit = b.derived.unit ?? 'units';
      b.derived.produced_quantity = b.values.actual_quantity ?? '0';
      b.derived.completed_at = b.values.complete_time ?? b.values.end_time ?? null;
      let status = str(b.values.status);
      const machine = str(b.values.machine_id);
      if (status !== null && RUNNING.has(status) && machine === null) {
        b.add(
          'running-order-without-machine',
          'status',
          'replace-and-record',
          `${status} without a machine → pending`,
        );
        status = 'pending';
      }
      b.derived.status = status;
      if (b.quarantined || status === null || !RUNNING.has(status) || machine === null) return;
      const contest = ctx.contests.runningOrders;
      if (ctx.mode === 'collect') {
        contest.offer(machine, {
          table: b.table,
          key: b.key,
          rank: [ms(b.values.start_time), 0, BigInt(b.key)],
          recorded: b.issues.some((i) => isRecorded(i.disposition)),
        });
      } else if (!contest.wins(machine, b.table, b.key)) {
        b.add(
          'running-order-superseded',
          'status',
          'replace-and-record',
          `machine ${machine} runs a later order → pending`,
        );
        b.derived.status = 'pending';
      }
    },
  },
  production_events: {
    finish(b) {
      b.derived.data = {
        legacyType: b.row.event_type ?? null,
        description: b.values.description ?? null,
      };
    },
  },
  production_stops: {
    extra: orderMachine,
    finish(b, ctx, spec) {
      b.derived.id = targetId(b, spec);
      const machine = b.quarantined ? null : usableOrderMachine(b, ctx);
      if (!b.quarantined && machine === null) {
        b.add(
          'no-machine',
          'order_id',
          'quarantine-row',
          `order ${showValue(b.row.order_id)} has no usable machine`,
        );
      }
      b.derived.machine_id = machine;
      b.derived.reason_category = b.values.category ?? 'LEGACY';
      b.derived.reason_text = str(b.values.reason)?.trim() || null;
      stopInterval(b, ctx, machine, 0);
    },
  },
  downtime_events: {
    extra: orderMachine,
    finish(b, ctx, spec) {
      b.derived.id = targetId(b, spec);
      let machine = str(b.values.machine_id);
      if (machine === null && b.row.machine_id === null && !b.quarantined) {
        machine = usableOrderMachine(b, ctx);
        if (machine === null)
          b.add('no-machine', 'machine_id', 'quarantine-row', 'no machine, and no order with one');
      }
      b.derived.machine_id = b.quarantined ? null : machine;
      const code = normaliseReasonCode(b.values.reason_code);
      b.derived.reason_code = code;
      b.derived.reason_category = code === null ? null : categoryOfReasonCode(code);
      const parts = [
        str(b.values.notes),
        str(b.values.root_cause) && `Root cause: ${str(b.values.root_cause)}`,
      ];
      b.derived.notes = parts.filter((p): p is string => !!p && p.trim() !== '').join('\n') || null;
      stopInterval(b, ctx, b.quarantined ? null : machine, 1);
    },
  },
  waste_records: {
    finish(b) {
      b.derived.unit = b.derived.unit ?? 'units';
      b.derived.waste_type = 'other';
    },
  },
  production_waste: {
    finish(b, _ctx, spec) {
      b.derived.id = targetId(b, spec);
      const unitColumn = str(b.values.unit);
      b.derived.unit =
        unitColumn !== null && unitColumn !== 'units' ? unitColumn : (b.derived.unit ?? 'units');
      b.derived.waste_type = b.values.waste_type ?? 'other';
    },
  },
  environments: {
    finish(b) {
      b.derived.code = b.values.code;
      b.derived.name = str(b.values.name) || str(b.row.code)?.trim() || b.values.code;
      if (b.derived.duplicateOf) b.derived.merged_into = b.derived.duplicateOf;
    },
  },
  machine_types: {
    finish(b) {
      b.derived.code = slugify(b.values.name, '_');
      if (b.derived.duplicateOf) b.derived.merged_into = b.derived.duplicateOf;
    },
  },
  downtime_categories: {
    finish(b) {
      b.derived.code = normaliseReasonCode(b.values.code);
      b.derived.name = str(b.values.name) || b.derived.code;
      if (b.derived.duplicateOf) b.derived.merged_into = b.derived.duplicateOf;
    },
  },
  maturation_room: {
    finish(b) {
      const number = str(b.values.batch_number);
      b.derived.batch_number =
        number !== null && b.derived.duplicateOf ? fit(number, ` #${b.key}`, 64) : number;
      b.derived.unit = b.derived.unit ?? 'kg';
    },
  },
};

export function tableRules(table: string): TableRules | undefined {
  return RULES[table];
}
