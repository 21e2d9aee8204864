/**
 * Induction series (CLINICAL.md "Treatment in a KAP clinic", Courses):
 * - IV induction: six infusions over two to three weeks on the chosen weekdays (Mon/Wed/Fri
 *   takes two weeks, Tue/Thu three).
 * - Esketamine induction (Spravato label): weeks 1–4 twice weekly, weeks 5–8 weekly — 8 + 4 = 12
 *   treatments; the weekly phase keeps the first chosen weekday.
 * Dosing lengths are the scheduling defaults of the protocol. Every session starts at the same
 * clinic wall-clock time, across DST changes too. The plan is a proposal: the caller checks each
 * session with `findConflicts` before booking.
 */
import { TZDate } from "@date-fns/tz";
import { addDays, addMinutes, getISODay } from "date-fns";
import type { Protocol } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { outsideHoursReasons } from "./clinic-hours";
import { atClinicTime, formatWeekdays, parseClinicDate, parseClockTime } from "./clinic-time";
import { defaultLengthMinutes, SCHEDULING, type SchedulingDefaults } from "./config";
import { overlaps, type Interval } from "./intervals";

export { suggestSlot } from "./suggest-slot";

export const SERIES_TEMPLATES = ["iv-induction", "esketamine-induction"] as const;
export type SeriesTemplate = (typeof SERIES_TEMPLATES)[number];

/** The protocol whose dosing length a template's sessions take. */
export const SERIES_PROTOCOL: Readonly<Record<SeriesTemplate, Protocol>> = {
  "iv-induction": "iv_ketamine",
  "esketamine-induction": "intranasal_esketamine",
};

export type PlannedSeriesSession = {
  /** Position in the plan, 0-based, in start order. */
  index: number;
  kind: "dosing" | "integration";
  /** 1-based number of a dosing session in the series ("Infusion 3 of 6"); null for integration. */
  dosingNumber: number | null;
  start: Date;
  end: Date;
  /** For an integration session: the dosing session it follows up. */
  integratesDosingNumber?: number;
};

export type PlanSeriesInput = {
  template: SeriesTemplate;
  /** Clinic date "YYYY-MM-DD"; when not a chosen weekday, the series starts on the next one. */
  firstDate: string;
  /** ISO weekdays (1 = Monday), clinic days only. Esketamine: exactly two, the first kept weekly. */
  weekdays: number[];
  /** Clinic wall-clock time "HH:MM" (24 h). */
  time: string;
  timeZone: string;
  /**
   * Pair an integration session with each dosing session: the next clinic day at the same time;
   * when that day holds the series' next dosing session, right before it (processing the last
   * session before the next dose), else right after it, whichever fits clinic hours.
   */
  withIntegration?: boolean;
  config?: SchedulingDefaults;
};

const MAX_DAYS_SEARCHED = 366;

function invalid(field: string, message: string): AppError {
  return new AppError("unprocessable", message, [{ field, message }]);
}

function parseWeekdays(input: PlanSeriesInput, config: SchedulingDefaults): number[] {
  const clinicDays = config.clinicHours.weekdays;
  const weekdays = [...new Set(input.weekdays)];
  if (weekdays.length === 0 || weekdays.some((d) => !clinicDays.includes(d))) {
    throw invalid(
      "weekdays",
      `Choose weekdays the clinic is open (${formatWeekdays(clinicDays)}).`,
    );
  }
  switch (input.template) {
    case "iv-induction":
      // Six infusions in two to three weeks need at least two a week.
      if (weekdays.length < 2) {
        throw invalid("weekdays", "An IV induction needs at least two weekdays a week.");
      }
      return weekdays;
    case "esketamine-induction":
      if (weekdays.length !== 2) {
        throw invalid("weekdays", "Esketamine induction is twice weekly: choose two weekdays.");
      }
      return weekdays;
    default: {
      const unreachable: never = input.template;
      throw invalid("template", `Unknown series template ${String(unreachable)}.`);
    }
  }
}

/** The first `count` days from `from` (inclusive) whose ISO weekday is one of `weekdays`. */
function nextDays(from: TZDate, weekdays: readonly number[], count: number): TZDate[] {
  const days: TZDate[] = [];
  for (let i = 0; days.length < count && i < MAX_DAYS_SEARCHED; i += 1) {
    const day = addDays(from, i);
    if (weekdays.includes(getISODay(day))) days.push(day);
  }
  return days;
}

function dosingStarts(
  input: PlanSeriesInput,
  first: TZDate,
  weekdays: readonly number[],
  config: SchedulingDefaults,
): TZDate[] {
  const { series } = config;
  switch (input.template) {
    case "iv-induction":
      return nextDays(first, weekdays, series.ivInductionInfusions);
    case "esketamine-induction": {
      const twiceWeekly = nextDays(first, weekdays, series.esketamineTwiceWeeklyWeeks * 2);
      const last = twiceWeekly.at(-1) ?? first;
      const weeklyDay = weekdays.slice(0, 1);
      const weekly = nextDays(addDays(last, 1), weeklyDay, series.esketamineWeeklyWeeks);
      return [...twiceWeekly, ...weekly];
    }
    default: {
      const unreachable: never = input.template;
      throw invalid("template", `Unknown series template ${String(unreachable)}.`);
    }
  }
}

function fitsHours(slot: Interval, timeZone: string, config: SchedulingDefaults): boolean {
  return outsideHoursReasons(slot.start, slot.end, timeZone, config).length === 0;
}

/** Where the integration after `dosing` goes (see `PlanSeriesInput.withIntegration`). */
function integrationAfter(
  dosing: TZDate,
  dosings: readonly Interval[],
  timeZone: string,
  config: SchedulingDefaults,
): Interval {
  const minutes = config.series.integrationMinutes;
  const [nextClinicDay] = nextDays(addDays(dosing, 1), config.clinicHours.weekdays, 1);
  const start = nextClinicDay ?? addDays(dosing, 1);
  const sameTime = { start, end: addMinutes(start, minutes) };
  const blocking = dosings.find((d) => overlaps(d, sameTime));
  if (!blocking) return sameTime;
  const before = { start: addMinutes(blocking.start, -minutes), end: blocking.start };
  const after = { start: blocking.end, end: addMinutes(blocking.end, minutes) };
  const fits = [before, after].find(
    (slot) => fitsHours(slot, timeZone, config) && !dosings.some((d) => overlaps(d, slot)),
  );
  return fits ?? sameTime;
}

function plainDate(at: Date): Date {
  // Callers serialise with toISOString; a plain Date gives UTC ("…Z") rather than an offset.
  return new Date(at.getTime());
}

/** The sessions of an induction series, in start order. */
export function planSeries(input: PlanSeriesInput): PlannedSeriesSession[] {
  const config = input.config ?? SCHEDULING;
  const firstDate = parseClinicDate(input.firstDate);
  if (!firstDate) throw invalid("firstDate", "Enter the first date as YYYY-MM-DD.");
  const time = parseClockTime(input.time);
  if (!time) throw invalid("time", "Enter the time as HH:MM (24 h), e.g. 09:30.");
  const weekdays = parseWeekdays(input, config);

  const first = atClinicTime(firstDate, time, input.timeZone);
  const length = defaultLengthMinutes("dosing", SERIES_PROTOCOL[input.template], config);
  const dosings = dosingStarts(input, first, weekdays, config).map((start) => ({
    start,
    end: addMinutes(start, length),
  }));

  type Unnumbered = Omit<PlannedSeriesSession, "index">;
  const sessions: Unnumbered[] = dosings.map((d, i) => ({
    kind: "dosing",
    dosingNumber: i + 1,
    start: d.start,
    end: d.end,
  }));
  if (input.withIntegration) {
    dosings.forEach((d, i) => {
      const slot = integrationAfter(d.start, dosings, input.timeZone, config);
      sessions.push({
        kind: "integration",
        dosingNumber: null,
        start: slot.start,
        end: slot.end,
        integratesDosingNumber: i + 1,
      });
    });
  }
  return sessions
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .map((s, index) => ({ ...s, index, start: plainDate(s.start), end: plainDate(s.end) }));
}
