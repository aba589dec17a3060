/**
 * Every time the web app shows goes through here, always in the plant's zone.
 * Never format with the browser's own zone: a tablet set to the wrong zone must still show
 * plant time.
 */
const LOCALE = 'en-GB';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: zone });
    formatters.set(key, cached);
  }
  return cached;
}

/** "08:15:07" */
export function formatClock(epochMs: number, zone: string): string {
  return formatter(zone, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(epochMs);
}

/** "08:15" */
export function formatHourMinute(epochMs: number, zone: string): string {
  return formatter(zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(epochMs);
}

/** "Tuesday 24 November 2026" */
export function formatLongDate(epochMs: number, zone: string): string {
  return formatter(zone, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(epochMs);
}

/** "Wed 25 Nov" */
export function formatShortDate(epochMs: number, zone: string): string {
  return formatter(zone, { weekday: 'short', day: 'numeric', month: 'short' }).format(epochMs);
}

/** The plant calendar date of an instant, "2026-11-24". */
export function plantDateKey(epochMs: number, zone: string): string {
  const parts = formatter(zone, { year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(epochMs)
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * A calendar day such as a plant day or production day ("2026-11-24") is a date, not an
 * instant: it is laid on UTC midnight and formatted in UTC so no zone can shift it.
 */
export function formatCalendarDay(isoDate: string, style: 'long' | 'short' = 'long'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const utcMidnight = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return style === 'long'
    ? formatLongDate(utcMidnight, 'UTC')
    : formatShortDate(utcMidnight, 'UTC');
}

/** "4 h 05 min", "12 min", "< 1 min" */
export function formatDuration(ms: number): string {
  const totalMinutes = Math.floor(Math.max(0, ms) / 60_000);
  if (totalMinutes < 1) return '< 1 min';
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes} min`;
  return `${hours} h ${String(minutes).padStart(2, '0')} min`;
}
