/** Times are stored in UTC and shown in the clinic's time zone. */
import { TZDate } from "@date-fns/tz";
import { addDays, differenceInYears, startOfDay } from "date-fns";

export function formatTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(
    at,
  );
}

export function formatDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
  }).format(at);
}

export function formatLongDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "long",
    month: "long",
    day: "numeric",
    year: "numeric",
  }).format(at);
}

export function formatDateTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    second: "2-digit",
  }).format(at);
}

/** The clinic's calendar date (YYYY-MM-DD) of an instant. */
export function clinicDateKey(at: Date, timeZone: string): string {
  const d = new TZDate(at.getTime(), timeZone);
  const mm = String(d.getMonth() + 1).padStart(2, "0");
  const dd = String(d.getDate()).padStart(2, "0");
  return `${d.getFullYear()}-${mm}-${dd}`;
}

/** Start and end (exclusive) of the clinic day containing `at`, plus `days - 1` following days. */
export function clinicDayRange(at: Date, timeZone: string, days = 1): { start: Date; end: Date } {
  const start = startOfDay(new TZDate(at.getTime(), timeZone));
  const end = addDays(start, days);
  return { start: new Date(start.getTime()), end: new Date(end.getTime()) };
}

/** Age in whole years from an ISO date of birth. */
export function ageOn(dateOfBirth: string, at: Date): number {
  return differenceInYears(at, new Date(`${dateOfBirth}T12:00:00Z`));
}
