/**
 * Clinic wall-clock time for scheduling. Every computation goes through `TZDate` in the clinic's
 * time zone (`CLINIC_TZ`), so "10:00" stays 10:00 across the March and November DST changes
 * even though the UTC instant moves by an hour.
 */
import { TZDate } from "@date-fns/tz";
import { format, getISODay } from "date-fns";

/** A wall-clock time of day, 24 h. */
export type ClockTime = { readonly hours: number; readonly minutes: number };

/** A clinic calendar date; `month` is 1–12. */
export type ClinicDate = { readonly year: number; readonly month: number; readonly day: number };

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const CLINIC_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "HH:MM" (00:00–23:59) or null. */
export function parseClockTime(value: string): ClockTime | null {
  const match = CLOCK_TIME.exec(value);
  if (!match) return null;
  return { hours: Number(match[1]), minutes: Number(match[2]) };
}

/** "YYYY-MM-DD" naming a real calendar date, or null (2025-02-30 is null). */
export function parseClinicDate(value: string): ClinicDate | null {
  const match = CLINIC_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** Configured clinic hours are a programming choice: a malformed one fails loudly. */
export function configuredClockTime(value: string): ClockTime {
  const parsed = parseClockTime(value);
  if (!parsed) throw new Error(`Clinic hours must be "HH:MM" (24 h); got "${value}"`);
  return parsed;
}

/** The instant the clinic's wall clock shows `time` on `date`. */
export function atClinicTime(date: ClinicDate, time: ClockTime, timeZone: string): TZDate {
  return new TZDate(date.year, date.month - 1, date.day, time.hours, time.minutes, timeZone);
}

export function inClinicZone(at: Date, timeZone: string): TZDate {
  return new TZDate(at.getTime(), timeZone);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of `at` on the clinic's calendar. */
export function clinicWeekday(at: Date, timeZone: string): number {
  return getISODay(inClinicZone(at, timeZone));
}

/** The clinic calendar date of `at`. */
export function clinicDateOf(at: Date, timeZone: string): ClinicDate {
  const local = inClinicZone(at, timeZone);
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
}

/** "10:00 AM" in the clinic time zone. */
export function formatClinicTime(at: Date, timeZone: string): string {
  return format(inClinicZone(at, timeZone), "h:mm a");
}

/** "Tue, Mar 11, 10:00 AM" in the clinic time zone. */
export function formatClinicDateTime(at: Date, timeZone: string): string {
  return format(inClinicZone(at, timeZone), "EEE, MMM d, h:mm a");
}

/**
 * "10:00–11:30 AM", "11:00 AM–12:30 PM", or with the end's date when the session crosses
 * midnight in the clinic ("Mon, Mar 10, 11:00 PM–Tue, Mar 11, 1:00 AM").
 */
export function formatClinicTimeRange(start: Date, end: Date, timeZone: string): string {
  const from = inClinicZone(start, timeZone);
  const to = inClinicZone(end, timeZone);
  if (format(from, "yyyy-MM-dd") !== format(to, "yyyy-MM-dd")) {
    return `${formatClinicDateTime(start, timeZone)}–${formatClinicDateTime(end, timeZone)}`;
  }
  if (format(from, "a") === format(to, "a")) {
    return `${format(from, "h:mm")}–${format(to, "h:mm a")}`;
  }
  return `${format(from, "h:mm a")}–${format(to, "h:mm a")}`;
}

const WEEKDAY_NAME: Readonly<Record<number, string>> = {
  1: "Monday",
  2: "Tuesday",
  3: "Wednesday",
  4: "Thursday",
  5: "Friday",
  6: "Saturday",
  7: "Sunday",
};

export function weekdayName(isoWeekday: number): string {
  return WEEKDAY_NAME[isoWeekday] ?? `weekday ${isoWeekday}`;
}

/** "Monday to Friday" for a run of days, else "Monday, Wednesday and Friday". */
export function formatWeekdays(isoWeekdays: readonly number[]): string {
  const days = [...new Set(isoWeekdays)].sort((a, b) => a - b);
  const first = days[0];
  const last = days.at(-1);
  if (first === undefined || last === undefined) return "no days";
  if (days.length > 2 && last - first === days.length - 1) {
    return `${weekdayName(first)} to ${weekdayName(last)}`;
  }
  if (days.length === 1) return weekdayName(first);
  return `${days.slice(0, -1).map(weekdayName).join(", ")} and ${weekdayName(last)}`;
}
