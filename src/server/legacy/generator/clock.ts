/** Writing times the way the legacy app did: naive text in UTC or in plant wall-clock time. */
import { dayFromEpochDay, plantOffsetMinutes } from '../../../common/plant-time/index.js';
import type { TimeBase } from '../values/time.js';

const HOUR = 3_600_000;
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

export class LegacyClock {
  private readonly offsets = new Map<number, number>();

  constructor(
    readonly appBase: TimeBase,
    readonly zone: string,
  ) {}

  private day0 = Number.NaN;
  private dayText = '';

  /** 'YYYY-MM-DD HH:MM:SS' in UTC: what DEFAULT CURRENT_TIMESTAMP writes. */
  utc(ms: number): string {
    const s = Math.floor(ms / 1000);
    const day = Math.floor(s / 86_400);
    if (day !== this.day0) {
      this.day0 = day;
      this.dayText = dayFromEpochDay(day);
    }
    const r = s - day * 86_400;
    return `${this.dayText} ${TWO[Math.floor(r / 3600)]}:${TWO[Math.floor(r / 60) % 60]}:${TWO[r % 60]}`;
  }

  /** The plant's offset from UTC at `ms`, in milliseconds. */
  offsetMs(ms: number): number {
    const hour = Math.floor(ms / HOUR);
    let off = this.offsets.get(hour);
    if (off === undefined) {
      off = plantOffsetMinutes(new Date(hour * HOUR), this.zone) * 60_000;
      this.offsets.set(hour, off);
    }
    return off;
  }

  /** Plant wall clock, naive text. */
  plant(ms: number): string {
    return this.utc(ms + this.offsetMs(ms));
  }

  /** What the app wrote itself: naive text in the file's app time base. */
  app(ms: number): string {
    return this.appBase === 'utc' ? this.utc(ms) : this.plant(ms);
  }

  /** 'YYYY-MM-DD' plant day. */
  day(ms: number): string {
    return this.plant(ms).slice(0, 10);
  }
}
