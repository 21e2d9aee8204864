import { TZDate } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import { clinicDayRange } from "@/lib/clinic-day";
import {
  ageOn,
  clinicDateKey,
  formatCalendarDate,
  formatDateTimeMinutes,
  formatMonthDay,
  formatTime,
} from "@/lib/format";

/** The clinic date as the date library computes it, to hold the Intl version to. */
function byLibrary(at: Date, timeZone: string): string {
  const d = new TZDate(at.getTime(), timeZone);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

describe("clinic dates", () => {
  it.each([
    // The last minute of a New York day and the first of the next, in winter and in summer.
    ["2026-01-15T04:59:59.999Z", "America/New_York", "2026-01-14"],
    ["2026-01-15T05:00:00.000Z", "America/New_York", "2026-01-15"],
    ["2026-07-15T03:59:59.999Z", "America/New_York", "2026-07-14"],
    ["2026-07-15T04:00:00.000Z", "America/New_York", "2026-07-15"],
    // Both sides of the spring and autumn changes.
    ["2026-03-08T06:59:00Z", "America/New_York", "2026-03-08"],
    ["2026-03-08T07:01:00Z", "America/New_York", "2026-03-08"],
    ["2026-11-01T05:30:00Z", "America/New_York", "2026-11-01"],
    ["2026-11-01T06:30:00Z", "America/New_York", "2026-11-01"],
    // A zone ahead of UTC, across the year end, and UTC itself.
    ["2026-12-31T11:00:00Z", "Pacific/Auckland", "2027-01-01"],
    ["2026-12-31T10:59:59Z", "Pacific/Auckland", "2026-12-31"],
    ["2026-02-28T23:59:59Z", "UTC", "2026-02-28"],
  ])("%s in %s is %s, as the date library says", (iso, zone, key) => {
    const at = new Date(iso);
    expect(clinicDateKey(at, zone)).toBe(key);
    expect(clinicDateKey(at, zone)).toBe(byLibrary(at, zone));
  });

  it("starts each clinic day at the clinic's midnight, 23 or 25 hours long on change days", () => {
    const spring = clinicDayRange(new Date("2026-03-08T12:00:00Z"), "America/New_York");
    expect(spring.start.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3_600_000);
    const autumn = clinicDayRange(new Date("2026-11-01T12:00:00Z"), "America/New_York");
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3_600_000);
    expect(clinicDateKey(autumn.start, "America/New_York")).toBe("2026-11-01");
  });

  it("shows times on the clinic's clock", () => {
    expect(formatTime(new Date("2026-07-15T13:05:00Z"), "America/New_York")).toBe("9:05 AM");
  });
});

describe("age", () => {
  it.each([
    ["1990-06-15", "2026-06-14T12:00:00Z", 35],
    ["1990-06-15", "2026-06-15T00:00:00Z", 36],
    ["1990-06-15", "2026-12-31T23:59:59Z", 36],
    ["2000-02-29", "2026-02-28T12:00:00Z", 25],
    ["2000-02-29", "2026-03-01T00:00:00Z", 26],
    ["2000-02-29", "2028-02-29T00:00:00Z", 28],
  ])("born %s is, on %s, %i", (born, on, age) => {
    expect(ageOn(born, new Date(on))).toBe(age);
  });
});

describe("short dates", () => {
  it("writes an instant's clinic date as month and day, the clinic's day not UTC's", () => {
    // 03:30 UTC on March 6 is still March 5 in New York.
    expect(formatMonthDay(new Date("2026-03-06T03:30:00Z"), "America/New_York")).toBe("Mar 5");
    expect(formatMonthDay(new Date("2026-03-06T03:30:00Z"), "UTC")).toBe("Mar 6");
  });

  it("writes a calendar date as it is written, whatever the zone around it", () => {
    expect(formatCalendarDate("2026-03-11")).toBe("Mar 11, 2026");
    expect(formatCalendarDate("2026-01-01")).toBe("Jan 1, 2026");
    expect(formatCalendarDate("2025-12-31")).toBe("Dec 31, 2025");
  });
});

describe("a moment to the minute", () => {
  it("writes the clinic's date and time without seconds", () => {
    expect(formatDateTimeMinutes(new Date("2026-03-11T14:55:30Z"), "America/New_York")).toBe(
      "Mar 11, 2026, 10:55 AM",
    );
  });
});
