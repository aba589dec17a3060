import type { OrderEvent } from '../../../common/api/orders.js';
import { formatDateTime, formatQuantity, formatSeconds, wasteTypeLabel } from './format.js';

const TITLES: Record<string, string> = {
  created: 'Created',
  updated: 'Plan changed',
  started: 'Started',
  paused: 'Paused',
  resumed: 'Resumed',
  count_updated: 'Count updated',
  completed: 'Completed',
  cancelled: 'Cancelled',
  archived: 'Archived',
  restored: 'Restored',
  waste_recorded: 'Waste recorded',
  stop_updated: 'Stop corrected',
};

export const EVENT_COLOURS: Record<string, string> = {
  started: 'green',
  resumed: 'green',
  paused: 'orange',
  completed: 'teal',
  cancelled: 'red',
  waste_recorded: 'grape',
};

const FIELD_LABELS: Record<string, string> = {
  orderNumber: 'order number',
  productId: 'product',
  productName: 'product',
  quantity: 'quantity',
  unit: 'unit',
  priority: 'priority',
  dueDate: 'due date',
  environmentId: 'environment',
  scheduledStart: 'scheduled start',
  scheduledEnd: 'scheduled end',
  scheduledShift: 'shift',
  notes: 'notes',
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function value(v: unknown, zone: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'number') return formatQuantity(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v, zone);
  return String(v);
}

function changes(data: Record<string, unknown>, zone: string): string | undefined {
  const c = data.changes;
  if (!c || typeof c !== 'object') return undefined;
  const parts = Object.entries(c as Record<string, { from?: unknown; to?: unknown }>)
    .filter(([field]) => field !== 'notes' && field !== 'productId')
    .map(
      ([field, d]) =>
        `${FIELD_LABELS[field] ?? field} ${value(d.from, zone)} → ${value(d.to, zone)}`,
    );
  if ('notes' in (c as object)) parts.push('notes edited');
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** A title and one line of detail for an event of the order's timeline. */
export function describeEvent(event: OrderEvent, zone: string): { title: string; detail?: string } {
  const d = event.data;
  const title = TITLES[event.type] ?? event.type;
  switch (event.type) {
    case 'updated':
      return d.released
        ? { title: 'Released to the floor', detail: changes(d, zone) }
        : { title, detail: changes(d, zone) };
    case 'started':
      return { title, detail: str(d.machineCode) ? `on ${str(d.machineCode)}` : undefined };
    case 'paused': {
      const reason = [str(d.reasonName), str(d.categoryName) && `(${str(d.categoryName)})`]
        .filter(Boolean)
        .join(' ');
      return { title, detail: [reason, str(d.notes)].filter(Boolean).join(' — ') || undefined };
    }
    case 'resumed': {
      const s = num(d.durationSeconds);
      return { title, detail: s !== undefined ? `after ${formatSeconds(s)} stopped` : undefined };
    }
    case 'count_updated': {
      const from = num(d.from);
      const to = num(d.to);
      if (from === undefined || to === undefined) return { title };
      const diff = to - from;
      return {
        title,
        detail: `${formatQuantity(from)} → ${formatQuantity(to)} (${diff >= 0 ? '+' : ''}${formatQuantity(diff)})`,
      };
    }
    case 'completed': {
      const produced = num(d.producedQuantity);
      const rejected = num(d.rejectedQuantity);
      const parts = [
        produced !== undefined ? `${formatQuantity(produced)} produced` : undefined,
        rejected ? `${formatQuantity(rejected)} rejected` : undefined,
        d.overProduced === true ? 'over-produced' : undefined,
      ];
      return { title, detail: parts.filter(Boolean).join(', ') || undefined };
    }
    case 'cancelled':
      return { title, detail: str(d.reason) };
    case 'waste_recorded': {
      const q = num(d.quantity);
      const what = [
        q !== undefined ? `${formatQuantity(q)} ${str(d.unit) ?? ''}`.trim() : undefined,
        str(d.wasteType) && wasteTypeLabel(String(d.wasteType)).toLowerCase(),
      ];
      return {
        title,
        detail: [what.filter(Boolean).join(' '), str(d.reason)].filter(Boolean).join(' — '),
      };
    }
    default:
      return { title };
  }
}
