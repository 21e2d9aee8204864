/** Days as the clinic counts them, in its own time zone (DST included). */
import { TZDate } from "@date-fns/tz";
import { addDays, startOfDay } from "date-fns";

/** Start and end (exclusive) of the clinic day containing `at`, plus `days - 1` following days. */
export function clinicDayRange(at: Date, timeZone: string, days = 1): { start: Date; end: Date } {
  const start = startOfDay(new TZDate(at.getTime(), timeZone));
  const end = addDays(start, days);
  return { start: new Date(start.getTime()), end: new Date(end.getTime()) };
}
