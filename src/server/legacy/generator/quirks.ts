/**
 * The quirks of LEGACY.md, one function each. Every anomaly a quirk writes is labelled
 * 'table.column:issue-code' with the row's key, so a test can demand that the plan reports
 * exactly those issues, with exactly those counts.
 */
import { writeUsers } from './baseline.js';
import type { QuirkKit } from './quirk-helpers.js';
import { timeFormats } from './quirk-times.js';
import type { Quirk } from './types.js';

export const BIG = 9_007_199_254_740_993n;

function orphans(k: QuirkKit) {
  const { w } = k;
  w.inject('production_orders.machine_id:orphan', k.order({ machine_id: k.missing() }));
  w.inject('production_orders.operator_id:orphan', k.order({ operator_id: k.missing() }));
  w.inject('production_orders.created_by:orphan', k.order({ created_by: k.missing() }));
  w.inject('production_stops.order_id:orphan', k.stop({ order_id: k.missing() }));
  w.inject('production_stops.reported_by:orphan', k.stop({ reported_by: k.missing() }));
  w.inject('downtime_events.order_id:orphan', k.downtime({ order_id: k.missing() }));
  w.inject(
    'downtime_events.machine_id:orphan',
    k.downtime({ order_id: null, machine_id: k.missing() }),
  );
  w.inject('waste_records.order_id:orphan', k.waste({ order_id: k.missing() }));
  const lost = k.missing();
  w.inject('production_events.order_id:orphan', k.event({ order_id: lost }));
  w.inject('production_events.order_id:orphan', k.event({ order_id: lost }));
  w.inject('audit_log.user_id:orphan', k.audit({ user_id: k.missing() }));
  const q = w.insert('quality_checks', {
    order_id: k.missing(),
    check_type: 'weight',
    result: 'pass',
    timestamp: k.clock.utc(k.b.startMs),
  });
  w.inject('quality_checks.order_id:orphan', q);
  const p = w.insert('notification_preferences', {
    user_id: k.missing(),
    event_type: 'order_completed',
    email_enabled: 1,
    push_enabled: 0,
  });
  w.inject('notification_preferences.user_id:orphan', p);
}

function duplicateReasonCodes(k: QuirkKit) {
  const { w } = k;
  for (const [code, description] of [
    ['MAINT', 'Maintenance'],
    ['MATSHO', 'Material shortage'],
    ['MATSHO', 'Material short'],
    ['QUAL', 'Quality'],
    [' maint ', 'maintenance (old)'],
  ]) {
    w.inject(
      'reason_codes.code:duplicate-merged',
      w.insert('reason_codes', { code: code ?? '', description: description ?? null }),
    );
  }
}

function duplicateUsers(k: QuirkKit, input: Parameters<typeof writeUsers>[0]) {
  const { w } = k;
  const users = writeUsers(input, [
    ['Admin', 'operator', 'admin2@plant.example'],
    ['supervisor2', 'supervisor'],
    ['J Smith', 'operator'],
    ['nomail', 'viewer'],
  ]);
  const [dupName, dupMail, spaced, badMail] = users;
  w.update('UPDATE users SET email = ? WHERE id = ?', 'SUPERVISOR@plant.example', dupMail?.id ?? 0);
  w.update('UPDATE users SET email = ? WHERE id = ?', 'not-an-email', badMail?.id ?? 0);
  if (dupMail) dupMail.email = 'SUPERVISOR@plant.example';
  if (badMail) badMail.email = 'not-an-email';
  w.inject('users.username:duplicate-renamed', dupName?.id ?? 0);
  w.inject('users.email:duplicate-cleared', dupMail?.id ?? 0);
  w.inject('users.username:username-invalid', spaced?.id ?? 0);
  w.inject('users.email:email-invalid', badMail?.id ?? 0);
  return users;
}

function openIntervals(k: QuirkKit) {
  const { w, clock, b } = k;
  const running = [...b.running].find(([, r]) => r.status === 'in_progress');
  const paused = [...b.openStops][0];
  if (!running || !paused) throw new RangeError('openIntervals needs running and paused orders');
  const [machineA, r] = running;
  const [machineB, open] = paused;
  const winner = k.downtime({
    order_id: null,
    machine_id: machineA,
    start_time: clock.app(r.startMs + 30 * 60_000),
    end_time: null,
  });
  w.fact('openStops:winner', winner);
  const early = k.downtime({
    order_id: null,
    machine_id: machineA,
    start_time: clock.app(r.startMs + 5 * 60_000),
    end_time: null,
  });
  w.inject('downtime_events.end_time:open-interval-superseded', early);
  const before = k.downtime({
    order_id: null,
    machine_id: machineB,
    start_time: clock.app(open.startMs - 60 * 60_000),
    end_time: null,
  });
  w.inject('downtime_events.end_time:open-interval-superseded', before);
}

function legacyEnums(k: QuirkKit, input: Parameters<typeof writeUsers>[0]) {
  const { w, clock, b } = k;
  k.order({ priority: 'medium' });
  k.order({ priority: 'Critical' });
  w.inject('production_orders.priority:enum-unknown', k.order({ priority: 'whenever' }));
  k.order({ status: 'done' });
  w.inject('production_orders.status:enum-unknown', k.order({ status: 'on fire' }));
  const [machineA] = [...b.running].find(([, r]) => r.status === 'in_progress') ?? [];
  const stopped = k.order({
    status: 'stopped',
    machine_id: machineA ?? 1,
    complete_time: null,
    start_time: clock.app(b.startMs),
  });
  w.inject('production_orders.status:running-order-superseded', stopped);
  k.machine({ status: 'running' });
  w.inject('machines.status:enum-unknown', k.machine({ status: 'exploded' }));
  const users = writeUsers(input, [
    ['packer1', 'packer'],
    ['manager1', 'manager'],
    ['qc1', 'quality_control'],
    ['hero1', 'superhero'],
  ]);
  w.inject('users.role:enum-unknown', users[3]?.id ?? 0);
  for (const category of ['Safety', 'Utilities', 'Maintenance']) k.stop({ category });
  w.inject('production_stops.category:enum-unknown', k.stop({ category: 'Gremlins' }));
  k.event({ event_type: 'quantity_update' });
  w.inject('production_events.event_type:enum-unknown', k.event({ event_type: 'teleport' }));
  return users;
}

function booleanSpellings(k: QuirkKit, input: Parameters<typeof writeUsers>[0]) {
  const { w } = k;
  const spellings: (string | number)[] = ['true', 'false', 't', 'f', 'yes', 'no', 0, 'maybe'];
  const users = writeUsers(
    input,
    spellings.map((_, n) => [`flag${n + 1}`, 'viewer'] as [string, string]),
  );
  users.forEach((u, n) =>
    w.update('UPDATE users SET is_active = ? WHERE id = ?', spellings[n] ?? null, u.id),
  );
  w.inject('users.is_active:bool-unrecognised', users[users.length - 1]?.id ?? 0);
  const admin = k.b.users[0]?.id ?? 1;
  for (const [email, push] of [
    ['true', 'f'],
    ['yes', 'no'],
    ['T', 'F'],
    [1, 0],
  ]) {
    w.insert('notification_preferences', {
      user_id: admin,
      event_type: `event_${String(email)}`,
      email_enabled: email ?? null,
      push_enabled: push ?? null,
    });
  }
  return users;
}

function textInNumbers(k: QuirkKit) {
  const { w } = k;
  k.waste({ reason: '2', waste_amount: '3.5 kg' });
  k.order({ quantity: '12 kg' });
  w.inject('production_orders.quantity:number-not-a-number', k.order({ quantity: 'lots' }));
  w.inject(
    'production_orders.actual_quantity:number-not-a-number',
    k.order({ actual_quantity: '1,000' }),
  );
  w.inject('machines.capacity:number-not-a-number', k.machine({ capacity: 'n/a' }));
}

function forbiddenNulls(k: QuirkKit, input: Parameters<typeof writeUsers>[0]) {
  const { w } = k;
  k.order({ priority: null });
  k.order({ status: null });
  w.inject('production_orders.product_name:required-missing', k.order({ product_name: '' }));
  const [u] = writeUsers(input, [['norole', 'viewer']]);
  w.update(
    'UPDATE users SET role = NULL, is_active = NULL, created_at = NULL WHERE id = ?',
    u?.id ?? 0,
  );
  if (u) u.role = null;
  w.inject('production_events.order_id:required-missing', k.event({ order_id: null }));
  w.inject('production_events.timestamp:required-missing', k.event({ timestamp: null }));
  w.inject(
    'downtime_events.machine_id:no-machine',
    k.downtime({ machine_id: null, order_id: null }),
  );
  k.downtime({ machine_id: null });
  w.inject('production_stops.start_time:required-missing', k.stop({ start_time: null }));
  k.audit({ entity_type: null });
  w.inject('audit_log.timestamp:required-missing', k.audit({ timestamp: null }));
  k.machine({ status: null });
  return u ? [u] : [];
}

function nonPositiveQuantities(k: QuirkKit) {
  const { w } = k;
  const zero = k.order({ quantity: 0 });
  w.inject('production_orders.quantity:number-out-of-range', zero);
  w.inject('production_orders.quantity:number-out-of-range', k.order({ quantity: -5 }));
  w.inject('production_events.order_id:parent-quarantined', k.event({ order_id: zero }));
  w.inject('waste_records.order_id:parent-quarantined', k.waste({ order_id: zero }));
  w.inject('production_stops.order_id:parent-quarantined', k.stop({ order_id: zero }));
  w.inject('waste_records.waste_amount:number-out-of-range', k.waste({ waste_amount: 0 }));
  w.inject('waste_records.waste_amount:number-out-of-range', k.waste({ waste_amount: -1 }));
  w.inject(
    'production_orders.actual_quantity:number-out-of-range',
    k.order({ actual_quantity: -3 }),
  );
  k.order({ quantity: 100, actual_quantity: 300 });
}

function unknownTable(k: QuirkKit) {
  const { w, clock, b } = k;
  for (const note of [
    'Night shift short two packers',
    'Forklift battery swapped',
    'Auditor visit',
  ]) {
    w.insert('legacy_shift_notes', { note, written_at: clock.utc(b.startMs), shift: 'NS' });
  }
  w.insertKeyed('kv_settings', { key: 'theme', value: 'dark' });
  w.insertKeyed('kv_settings', { key: 'export_dir', value: '/srv/exports' });
}

function runningConflicts(k: QuirkKit) {
  const { w, clock, b } = k;
  const [machineA] = [...b.running].find(([, r]) => r.status === 'in_progress') ?? [];
  const early = k.order({
    status: 'in_progress',
    machine_id: machineA ?? 1,
    complete_time: null,
    start_time: clock.app(b.startMs + 60_000),
  });
  w.inject('production_orders.status:running-order-superseded', early);
  const orphan = k.order({ status: 'in_progress', machine_id: null, complete_time: null });
  w.inject('production_orders.status:running-order-without-machine', orphan);
}

/** Written last: ids past 2^53 and past the int4 range. */
function bigIntegers(k: QuirkKit) {
  const { w } = k;
  k.event({ id: BIG });
  k.audit({ entity_id: BIG });
  k.order({ actual_quantity: BIG });
  w.inject('production_orders.id:id-out-of-range', k.order({ id: 3_000_000_000 }));
}

export function applyQuirks(
  quirks: readonly Quirk[],
  k: QuirkKit,
  userInput: Parameters<typeof writeUsers>[0],
) {
  const on = new Set(quirks);
  const users = [];
  if (on.has('timeFormats')) timeFormats(k);
  if (on.has('orphans')) orphans(k);
  if (on.has('duplicateReasonCodes')) duplicateReasonCodes(k);
  if (on.has('duplicateUsers')) users.push(...duplicateUsers(k, userInput));
  if (on.has('duplicateOrderNumbers')) {
    k.w.inject(
      'production_orders.order_number:duplicate-renamed',
      k.order({ order_number: ' PO-000001' }),
    );
  }
  if (on.has('openIntervals')) openIntervals(k);
  if (on.has('legacyEnums')) users.push(...legacyEnums(k, userInput));
  if (on.has('booleanSpellings')) users.push(...booleanSpellings(k, userInput));
  if (on.has('textInNumbers')) textInNumbers(k);
  if (on.has('forbiddenNulls')) users.push(...forbiddenNulls(k, userInput));
  if (on.has('nonPositiveQuantities')) nonPositiveQuantities(k);
  if (on.has('unknownTable')) unknownTable(k);
  if (on.has('runningConflicts')) runningConflicts(k);
  if (on.has('bigIntegers')) bigIntegers(k);
  return users;
}
