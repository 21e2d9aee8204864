/** Times are stored in UTC and shown in the clinic's time zone. */
import { TZDate } from "@date-fns/tz";
import { addDays, differenceInYears, startOfDay } from "date-fns";

const STYLES = {
  time: { hour: "numeric", minute: "2-digit" },
  date: { weekday: "short", month: "short", day: "numeric" },
  longDate: { weekday: "long", month: "long", day: "numeric", year: "numeric" },
  dateTime: {
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    second: "2-digit",
  },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per style and zone for the life of the process: building an
 * Intl.DateTimeFormat costs far more than formatting with it, and a caseload or a course
 * chart formats hundreds of times per page.
 */
function formatter(style: keyof typeof STYLES, timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, ...STYLES[style] });
    formatters.set(key, f);
  }
  return f;
}

export function formatTime(at: Date, timeZone: string): string {
  return formatter("time", timeZone).format(at);
}

export function formatDate(at: Date, timeZone: string): string {
  return formatter("date", timeZone).format(at);
}

export function formatLongDate(at: Date, timeZone: string): string {
  return formatter("longDate", timeZone).format(at);
}

export function formatDateTime(at: Date, timeZone: string): string {
  return formatter("dateTime", timeZone).format(at);
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
