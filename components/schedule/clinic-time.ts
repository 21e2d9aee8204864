/**
 * Calendar arithmetic for the schedule, in the clinic's time zone. A clinic date is a
 * `YYYY-MM-DD` key; days are counted on the calendar (in UTC, where no day has 23 or 25 hours)
 * and only turned into instants at the end, so a daylight-saving change never shifts a slot.
 */
import { TZDate } from "@date-fns/tz";

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_OF_DAY = /^(\d{2}):(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function parts(key: string): [number, number, number] | null {
  const match = DATE_KEY.exec(key);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function keyFromUtc(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function utcFromKey(key: string): Date {
  const p = parts(key);
  if (!p) throw new Error(`Not a clinic date: ${key}`);
  return new Date(Date.UTC(p[0], p[1] - 1, p[2]));
}

/** A real calendar date written YYYY-MM-DD (so 2026-02-30 is refused). */
export function isDateKey(value: string): boolean {
  const p = parts(value);
  return p !== null && keyFromUtc(new Date(Date.UTC(p[0], p[1] - 1, p[2]))) === value;
}

export function shiftDateKey(key: string, days: number): string {
  return keyFromUtc(new Date(utcFromKey(key).getTime() + days * MS_PER_DAY));
}

/** ISO weekday of a clinic date: 1 Monday … 7 Sunday. */
export function isoWeekday(key: string): number {
  const day = utcFromKey(key).getUTCDay();
  return day === 0 ? 7 : day;
}

export function mondayOf(key: string): string {
  return shiftDateKey(key, 1 - isoWeekday(key));
}

/** The instant a clinic date's wall-clock time (minutes after midnight) happens. */
export function clinicInstant(key: string, minuteOfDay: number, timeZone: string): Date {
  const p = parts(key);
  if (!p) throw new Error(`Not a clinic date: ${key}`);
  const hours = Math.floor(minuteOfDay / 60);
  const minutes = minuteOfDay % 60;
  return new Date(new TZDate(p[0], p[1] - 1, p[2], hours, minutes, timeZone).getTime());
}

/** Clinic date and minutes after midnight of an instant. */
export function clinicWallClock(at: Date, timeZone: string): { date: string; minute: number } {
  const d = new TZDate(at.getTime(), timeZone);
  const mm = String(d.getMonth() + 1).padStart(2, "0");
  const dd = String(d.getDate()).padStart(2, "0");
  return { date: `${d.getFullYear()}-${mm}-${dd}`, minute: d.getHours() * 60 + d.getMinutes() };
}

/** `HH:MM` for a time input. */
export function timeInputValue(minuteOfDay: number): string {
  const h = String(Math.floor(minuteOfDay / 60)).padStart(2, "0");
  const m = String(minuteOfDay % 60).padStart(2, "0");
  return `${h}:${m}`;
}

/** Minutes after midnight of a time input's `HH:MM`, or null when it is empty or malformed. */
export function minuteFromTimeInput(value: string): number | null {
  const match = TIME_OF_DAY.exec(value);
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  return h < 24 && m < 60 ? h * 60 + m : null;
}

/** A date + time typed by the user, read as clinic time; null when either is incomplete. */
export function instantFromInputs(date: string, time: string, timeZone: string): Date | null {
  const minute = minuteFromTimeInput(time);
  if (!isDateKey(date) || minute === null) return null;
  return clinicInstant(date, minute, timeZone);
}

/** "Mon, Jan 5" for a clinic date key, without a time-zone detour. */
export function formatDateKey(key: string, style: "short" | "long" | "weekday" = "short"): string {
  const options: Intl.DateTimeFormatOptions =
    style === "long"
      ? { weekday: "long", month: "long", day: "numeric", year: "numeric" }
      : style === "weekday"
        ? { weekday: "short" }
        : { weekday: "short", month: "short", day: "numeric" };
  return new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" }).format(utcFromKey(key));
}

/** "8 AM", "12 PM", "1:30 PM" for minutes after midnight. */
export function formatMinuteOfDay(minuteOfDay: number): string {
  const h24 = Math.floor(minuteOfDay / 60) % 24;
  const m = minuteOfDay % 60;
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  const suffix = h24 < 12 ? "AM" : "PM";
  return m === 0 ? `${h12} ${suffix}` : `${h12}:${String(m).padStart(2, "0")} ${suffix}`;
}
