import type { WasteType } from '../../../common/api/waste.js';
import type { OrderPriority, OrderStatus } from '../../../common/order-lifecycle.js';
import { formatHourMinute, formatShortDate } from '../time.js';

export const STATUS_LABELS: Record<OrderStatus, string> = {
  draft: 'Draft',
  pending: 'Pending',
  in_progress: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const STATUS_COLOURS: Record<OrderStatus, string> = {
  draft: 'gray',
  pending: 'blue',
  in_progress: 'green',
  paused: 'orange',
  completed: 'teal',
  cancelled: 'red',
};

export const PRIORITY_LABELS: Record<OrderPriority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

export const PRIORITY_COLOURS: Record<OrderPriority, string> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export const WASTE_TYPE_LABELS: Record<WasteType, string> = {
  raw_material: 'Raw material',
  packaging: 'Packaging',
  blend: 'Blend',
  finished_product: 'Finished product',
  other: 'Other',
};

export function wasteTypeLabel(type: string): string {
  return (WASTE_TYPE_LABELS as Record<string, string>)[type] ?? type;
}

const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });
const moneyFormat = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** "12 500" style grouping is locale noise on the floor: "12,500", "12.5". */
export function formatQuantity(value: number): string {
  return numberFormat.format(value);
}

export function formatMoney(value: number): string {
  return moneyFormat.format(value);
}

/** "Tue 24 Nov 08:15" in the plant's zone. */
export function formatDateTime(iso: string, zone: string): string {
  const ms = Date.parse(iso);
  return `${formatShortDate(ms, zone)} ${formatHourMinute(ms, zone)}`;
}

/** Whole seconds as "2 h 05 min", "12 min 30 s", "45 s". */
export function formatSeconds(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  if (minutes > 0) return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
  return `${seconds} s`;
}

/** A running stopwatch "1:02:03" / "12:05". */
export function formatStopwatch(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Produced ÷ planned, as a percentage for a progress bar (capped at 100). */
export function progressPercent(produced: number, planned: number): number {
  if (planned <= 0) return 0;
  return Math.min(100, (produced / planned) * 100);
}

/** A NumberInput's value as a number; undefined when empty or not a number. */
export function toNumber(value: string | number): number | undefined {
  if (value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : undefined;
}
