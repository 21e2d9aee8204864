/**
 * Clinic-local calendar arithmetic for the seed. Days are integer offsets from the clinic date
 * of `now` (0 = today in the clinic's time zone); times are minutes after local midnight, turned
 * into instants with TZDate so that DST changes land on the right UTC time.
 */
import { TZDate } from "@date-fns/tz";

export const OPENS_AT_MIN = 8 * 60;
export const CLOSES_AT_MIN = 18 * 60;
const DAY_MS = 86_400_000;

export class ClinicCalendar {
  readonly timeZone: string;
  /** Minutes after local midnight of `now` in the clinic's time zone. */
  readonly nowMinutes: number;
  private readonly todayUtcMidnight: number;

  constructor(now: Date, timeZone: string) {
    this.timeZone = timeZone;
    const local = new TZDate(now.getTime(), timeZone);
    this.todayUtcMidnight = Date.UTC(local.getFullYear(), local.getMonth(), local.getDate());
    this.nowMinutes = local.getHours() * 60 + local.getMinutes();
  }

  private parts(day: number): { y: number; m: number; d: number } {
    const date = new Date(this.todayUtcMidnight + day * DAY_MS);
    return { y: date.getUTCFullYear(), m: date.getUTCMonth(), d: date.getUTCDate() };
  }

  /** 0 = Sunday … 6 = Saturday. */
  weekday(day: number): number {
    return new Date(this.todayUtcMidnight + day * DAY_MS).getUTCDay();
  }

  isClinicDay(day: number): boolean {
    const w = this.weekday(day);
    return w >= 1 && w <= 5;
  }

  /** The instant of `minutes` after local midnight on clinic day `day`. */
  at(day: number, minutes: number): Date {
    const { y, m, d } = this.parts(day);
    const local = new TZDate(y, m, d, Math.floor(minutes / 60), minutes % 60, this.timeZone);
    return new Date(local.getTime());
  }

  /** YYYY-MM-DD of clinic day `day` (for `date` columns). */
  isoDate(day: number): string {
    const { y, m, d } = this.parts(day);
    return `${y}-${String(m + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  }

  /** `day` itself if it is a weekday, otherwise the next Monday (step 1) or previous Friday (-1). */
  clinicDayFrom(day: number, step: 1 | -1): number {
    let d = day;
    while (!this.isClinicDay(d)) d += step;
    return d;
  }
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}
