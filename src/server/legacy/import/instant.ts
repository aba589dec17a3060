/**
 * Instants travel as canonical UTC text with microseconds, 'YYYY-MM-DDTHH:MM:SS.ffffffZ': what
 * COPY reads into a timestamptz and what canonicalSql('timestamptz') prints back.
 */

const DAY_MS = 86_400_000;
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
// The date part of the last day printed: rows of a table mostly follow one another in time, so
// Date#toISOString (the costly part) runs about once a day of data instead of once a value.
let lastDay = Number.NaN;
let lastDate = '';

export function instantText(d: Date): string {
  const ms = d.getTime();
  const day = Math.floor(ms / DAY_MS);
  if (day !== lastDay) {
    const iso = d.toISOString(); // throws for an invalid date
    // Years 0000-9999 print as 24 characters; others as ±YYYYYY (27).
    if (iso.length !== 24) throw new RangeError(`Instant outside years 0000-9999: ${iso}`);
    lastDay = day;
    lastDate = iso.slice(0, 11);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${lastDate}${TWO[h]}:${TWO[m]}:${TWO[s]}.${THREE[rest - s * 1000]}000Z`;
}

export function instantDate(text: string): Date {
  return new Date(text.replace(/(\.\d{3})\d*Z$/, '$1Z'));
}
