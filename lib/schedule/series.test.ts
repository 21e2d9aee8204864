import { TZDate } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { findConflicts, type ScheduledSession } from "./conflicts";
import {
  planSeries,
  SERIES_PROTOCOL,
  type PlannedSeriesSession,
  type PlanSeriesInput,
} from "./series";

const TZ = "America/New_York";

/** "2025-03-10 Mon 10:00" — the session's start on the clinic's calendar and clock. */
function clinic(at: Date): string {
  const local = new TZDate(at.getTime(), TZ);
  const pad = (n: number): string => String(n).padStart(2, "0");
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][local.getDay()] ?? "?";
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())} ${weekday} ${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

function minutes(s: PlannedSeriesSession): number {
  return (s.end.getTime() - s.start.getTime()) / 60_000;
}

const DAY_MS = 86_400_000;

// Mon/Wed/Fri from Monday 3 March 2025: the second week starts the day after the March change.
const ivMwf: PlanSeriesInput = {
  template: "iv-induction",
  firstDate: "2025-03-03",
  weekdays: [1, 3, 5],
  time: "10:00",
  timeZone: TZ,
};

// Mon/Thu from Monday 13 October 2025: the series crosses the November change.
const spravato: PlanSeriesInput = {
  template: "esketamine-induction",
  firstDate: "2025-10-13",
  weekdays: [1, 4],
  time: "09:00",
  timeZone: TZ,
};

describe("IV induction", () => {
  it("Mon/Wed/Fri: six 90-min infusions over two weeks, 10:00 on both sides of the DST change", () => {
    const plan = planSeries(ivMwf);
    expect(plan.map((s) => clinic(s.start))).toEqual([
      "2025-03-03 Mon 10:00",
      "2025-03-05 Wed 10:00",
      "2025-03-07 Fri 10:00",
      "2025-03-10 Mon 10:00",
      "2025-03-12 Wed 10:00",
      "2025-03-14 Fri 10:00",
    ]);
    expect(plan.map(minutes)).toEqual([90, 90, 90, 90, 90, 90]);
    expect(plan.map((s) => s.dosingNumber)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(plan.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(plan.every((s) => s.kind === "dosing")).toBe(true);
    // Same wall clock, different UTC: 15:00Z under EST, 14:00Z under EDT.
    expect(plan[2]?.start.toISOString()).toBe("2025-03-07T15:00:00.000Z");
    expect(plan[3]?.start.toISOString()).toBe("2025-03-10T14:00:00.000Z");
  });

  it("Tue/Thu: six infusions over three weeks", () => {
    const plan = planSeries({ ...ivMwf, firstDate: "2025-03-04", weekdays: [2, 4] });
    expect(plan.map((s) => clinic(s.start))).toEqual([
      "2025-03-04 Tue 10:00",
      "2025-03-06 Thu 10:00",
      "2025-03-11 Tue 10:00",
      "2025-03-13 Thu 10:00",
      "2025-03-18 Tue 10:00",
      "2025-03-20 Thu 10:00",
    ]);
  });

  it("a first date that is not a chosen weekday starts on the next one", () => {
    const plan = planSeries({ ...ivMwf, firstDate: "2025-03-01" });
    expect(plan.map((s) => clinic(s.start))[0]).toBe("2025-03-03 Mon 10:00");
    const fromTuesday = planSeries({ ...ivMwf, firstDate: "2025-03-04" });
    expect(fromTuesday.map((s) => clinic(s.start))[0]).toBe("2025-03-05 Wed 10:00");
    expect(fromTuesday).toHaveLength(6);
  });
});

describe("esketamine induction", () => {
  it("twelve 150-min treatments: twice weekly in weeks 1–4, weekly in weeks 5–8", () => {
    const plan = planSeries(spravato);
    expect(plan.map((s) => clinic(s.start))).toEqual([
      "2025-10-13 Mon 09:00",
      "2025-10-16 Thu 09:00",
      "2025-10-20 Mon 09:00",
      "2025-10-23 Thu 09:00",
      "2025-10-27 Mon 09:00",
      "2025-10-30 Thu 09:00",
      "2025-11-03 Mon 09:00",
      "2025-11-06 Thu 09:00",
      "2025-11-10 Mon 09:00",
      "2025-11-17 Mon 09:00",
      "2025-11-24 Mon 09:00",
      "2025-12-01 Mon 09:00",
    ]);
    expect(plan.map(minutes)).toEqual(Array.from({ length: 12 }, () => 150));
    expect(plan.map((s) => s.dosingNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

    const first = plan[0]?.start.getTime() ?? 0;
    const perWeek = [0, 0, 0, 0, 0, 0, 0, 0];
    for (const s of plan) {
      const week = Math.floor((s.start.getTime() - first) / (7 * DAY_MS));
      perWeek[week] = (perWeek[week] ?? 0) + 1;
    }
    expect(perWeek).toEqual([2, 2, 2, 2, 1, 1, 1, 1]);
  });

  it("starting mid-week, the weekly phase keeps the first chosen weekday and stays in weeks 5–8", () => {
    const plan = planSeries({ ...spravato, firstDate: "2025-10-16", weekdays: [4, 1] });
    const starts = plan.map((s) => clinic(s.start));
    expect(starts.slice(0, 2)).toEqual(["2025-10-16 Thu 09:00", "2025-10-20 Mon 09:00"]);
    expect(starts.slice(8)).toEqual([
      "2025-11-13 Thu 09:00",
      "2025-11-20 Thu 09:00",
      "2025-11-27 Thu 09:00",
      "2025-12-04 Thu 09:00",
    ]);
  });
});

describe("integration pairing", () => {
  it("Tue/Thu: a 60-min integration the next clinic day at the same time", () => {
    const plan = planSeries({
      ...ivMwf,
      firstDate: "2025-03-04",
      weekdays: [2, 4],
      withIntegration: true,
    });
    expect(plan).toHaveLength(12);
    expect(
      plan.slice(0, 4).map((s) => [s.kind, clinic(s.start), minutes(s), s.dosingNumber]),
    ).toEqual([
      ["dosing", "2025-03-04 Tue 10:00", 90, 1],
      ["integration", "2025-03-05 Wed 10:00", 60, null],
      ["dosing", "2025-03-06 Thu 10:00", 90, 2],
      ["integration", "2025-03-07 Fri 10:00", 60, null],
    ]);
    expect(plan[1]?.integratesDosingNumber).toBe(1);
    expect(plan.map((s) => s.index)).toEqual(plan.map((_, i) => i));
  });

  it("when the next clinic day holds the next dose, integration comes right before it", () => {
    const plan = planSeries({ ...ivMwf, withIntegration: true });
    const friday = plan.find((s) => s.integratesDosingNumber === 3);
    // Friday's infusion; Monday holds infusion 4 at 10:00, so integration is 09:00–10:00.
    expect(friday && clinic(friday.start)).toBe("2025-03-10 Mon 09:00");
    const last = plan.find((s) => s.integratesDosingNumber === 6);
    expect(last && clinic(last.start)).toBe("2025-03-17 Mon 10:00");
  });

  it("at opening time, integration follows the next dose instead", () => {
    const plan = planSeries({
      ...ivMwf,
      weekdays: [1, 2, 3, 4, 5],
      time: "08:00",
      withIntegration: true,
    });
    const first = plan.find((s) => s.integratesDosingNumber === 1);
    expect(first && clinic(first.start)).toBe("2025-03-04 Tue 09:30");
  });

  it.each<[string, PlanSeriesInput]>([
    ["IV Mon/Wed/Fri", ivMwf],
    ["IV every weekday at 08:00", { ...ivMwf, weekdays: [1, 2, 3, 4, 5], time: "08:00" }],
    ["esketamine Mon/Thu", spravato],
    ["esketamine Mon/Tue", { ...spravato, weekdays: [1, 2] }],
  ])("%s: the plan does not conflict with itself", (_, input) => {
    const plan = planSeries({ ...input, withIntegration: true });
    const sessions: ScheduledSession[] = plan.map((s) => ({
      id: `planned-${s.index}`,
      patientId: "p-maya",
      kind: s.kind,
      protocol: s.kind === "dosing" ? SERIES_PROTOCOL[input.template] : null,
      roomId: "r-chair-a",
      psychiatristId: "u-ruiz",
      nurseId: "u-park",
      start: s.start,
      end: s.end,
    }));
    for (const s of sessions) expect(findConflicts(s, sessions, { timeZone: TZ })).toEqual([]);
  });
});

describe("input a person can correct", () => {
  function fieldOf(input: PlanSeriesInput): string | undefined {
    try {
      planSeries(input);
    } catch (error) {
      if (error instanceof AppError && error.code === "unprocessable")
        return error.details?.[0]?.field;
      throw error;
    }
    return undefined;
  }

  it.each<[string, Partial<PlanSeriesInput>, string]>([
    ["a date that does not exist", { firstDate: "2025-02-30" }, "firstDate"],
    ["a date in another format", { firstDate: "03/03/2025" }, "firstDate"],
    ["a time past midnight", { time: "24:00" }, "time"],
    ["a time without minutes", { time: "9" }, "time"],
    ["Saturday", { weekdays: [1, 6] }, "weekdays"],
    ["no weekday", { weekdays: [] }, "weekdays"],
    ["one weekday for an IV induction", { weekdays: [1] }, "weekdays"],
  ])("rejects %s", (_, change, field) => {
    expect(fieldOf({ ...ivMwf, ...change })).toBe(field);
  });

  it("esketamine needs exactly two weekdays", () => {
    expect(fieldOf({ ...spravato, weekdays: [1] })).toBe("weekdays");
    expect(fieldOf({ ...spravato, weekdays: [1, 3, 5] })).toBe("weekdays");
    expect(fieldOf({ ...spravato, weekdays: [1, 1, 4] })).toBeUndefined();
  });
});
