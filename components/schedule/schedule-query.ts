/** The schedule page's search parameters: what is shown, parsed once, and links that change it. */
import { z } from "zod";
import { isDateKey, isoWeekday, mondayOf, shiftDateKey } from "@/components/schedule/clinic-time";
import { paths } from "@/lib/paths";
import { withParams } from "@/lib/search-params";

export const SCHEDULE_VIEWS = ["week", "day", "list"] as const;
export type ScheduleView = (typeof SCHEDULE_VIEWS)[number];

export const scheduleQuerySchema = z.object({
  view: z.enum(SCHEDULE_VIEWS).catch("week"),
  by: z.enum(["room", "staff"]).catch("room"),
  date: z.string().refine(isDateKey).optional().catch(undefined),
});

export type ScheduleQuery = {
  view: ScheduleView;
  by: "room" | "staff";
  /** Clinic date, YYYY-MM-DD. */
  date: string;
};

/** Link to the schedule, leaving out what is already the default. */
export function scheduleHref(query: ScheduleQuery, todayKey: string): string {
  return withParams(paths.schedule(), {
    view: query.view === "week" ? undefined : query.view,
    date: query.date === todayKey ? undefined : query.date,
    by: query.by === "room" ? undefined : query.by,
  });
}

/** First and last (exclusive) clinic dates the view covers. */
export function visibleDates(query: ScheduleQuery): { first: string; afterLast: string } {
  if (query.view === "day") return { first: query.date, afterLast: shiftDateKey(query.date, 1) };
  const monday = mondayOf(query.date);
  return { first: monday, afterLast: shiftDateKey(monday, 7) };
}

/** The date the previous / next button goes to: a week, or one working day, away. */
export function stepDate(query: ScheduleQuery, direction: 1 | -1): string {
  if (query.view !== "day") return shiftDateKey(query.date, 7 * direction);
  let next = shiftDateKey(query.date, direction);
  // Day by day, the clinic's weekend is skipped; the week view still shows a weekend booking.
  while (isoWeekday(next) > 5) next = shiftDateKey(next, direction);
  return next;
}
