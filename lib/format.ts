/**
 * Times are stored in UTC and shown in the clinic's time zone, with the platform's Intl alone:
 * this module is loaded by the bedside and patient pages, so it carries no date library.
 * Day arithmetic in the clinic's zone is in lib/clinic-day.ts.
 */

const STYLES = {
  time: { hour: "numeric", minute: "2-digit" },
  date: { weekday: "short", month: "short", day: "numeric" },
  longDate: { weekday: "long", month: "long", day: "numeric", year: "numeric" },
  monthDay: { month: "short", day: "numeric" },
  calendarDate: { month: "short", day: "numeric", year: "numeric" },
  dateTimeMinutes: {
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
  },
  // en-CA writes dates as YYYY-MM-DD.
  dateKey: { year: "numeric", month: "2-digit", day: "2-digit" },
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
    f = new Intl.DateTimeFormat(style === "dateKey" ? "en-CA" : "en-US", {
      timeZone,
      ...STYLES[style],
    });
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

/** "Mar 5" */
export function formatMonthDay(at: Date, timeZone: string): string {
  return formatter("monthDay", timeZone).format(at);
}

/** A calendar date (YYYY-MM-DD) as a clinician reads it ("Mar 11, 2026"), whatever the zone. */
export function formatCalendarDate(isoDate: string): string {
  return formatter("calendarDate", "UTC").format(new Date(`${isoDate}T12:00:00Z`));
}

/** "Mar 11, 2026, 9:55 AM" */
export function formatDateTimeMinutes(at: Date, timeZone: string): string {
  return formatter("dateTimeMinutes", timeZone).format(at);
}

export function formatDateTime(at: Date, timeZone: string): string {
  return formatter("dateTime", timeZone).format(at);
}

/** The clinic's calendar date (YYYY-MM-DD) of an instant. */
export function clinicDateKey(at: Date, timeZone: string): string {
  const parts = formatter("dateKey", timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** Age in whole years on `at` (UTC calendar) from an ISO date of birth (YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, at: Date): number {
  const [year, month, day] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const birthdayPassed =
    at.getUTCMonth() + 1 > month || (at.getUTCMonth() + 1 === month && at.getUTCDate() >= day);
  return at.getUTCFullYear() - year - (birthdayPassed ? 0 : 1);
}
