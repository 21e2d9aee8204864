import { describe, expect, it } from "vitest";
import {
  atClinicTime,
  clinicWeekday,
  formatClinicDateTime,
  formatClinicTimeRange,
  formatWeekdays,
  parseClinicDate,
  parseClockTime,
} from "./clinic-time";

const TZ = "America/New_York";

describe("parsing", () => {
  it("reads HH:MM on a 24-h clock", () => {
    expect(parseClockTime("08:00")).toEqual({ hours: 8, minutes: 0 });
    expect(parseClockTime("23:59")).toEqual({ hours: 23, minutes: 59 });
    for (const bad of ["8:00", "24:00", "12:60", "noon", ""])
      expect(parseClockTime(bad)).toBeNull();
  });

  it("reads real calendar dates only", () => {
    expect(parseClinicDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ["2025-02-29", "2025-13-01", "2025-3-1", "03/03/2025"]) {
      expect(parseClinicDate(bad)).toBeNull();
    }
  });
});

describe("clinic wall clock across DST", () => {
  it("10:00 is 15:00Z in winter and 14:00Z in summer", () => {
    const time = { hours: 10, minutes: 0 };
    expect(atClinicTime({ year: 2025, month: 3, day: 7 }, time, TZ).toISOString()).toBe(
      "2025-03-07T10:00:00.000-05:00",
    );
    expect(
      new Date(atClinicTime({ year: 2025, month: 3, day: 10 }, time, TZ).getTime()).toISOString(),
    ).toBe("2025-03-10T14:00:00.000Z");
  });

  it("the weekday is the clinic's, not UTC's", () => {
    // 23:30 in New York on Friday is already Saturday in UTC.
    expect(clinicWeekday(new Date("2025-03-15T03:30:00Z"), TZ)).toBe(5);
  });
});

describe("formatting", () => {
  const at = (iso: string): Date => new Date(iso);

  it("writes a range once with AM/PM when both ends share it", () => {
    expect(formatClinicTimeRange(at("2025-03-11T14:00:00Z"), at("2025-03-11T15:30:00Z"), TZ)).toBe(
      "10:00–11:30 AM",
    );
    expect(formatClinicTimeRange(at("2025-03-11T15:00:00Z"), at("2025-03-11T16:30:00Z"), TZ)).toBe(
      "11:00 AM–12:30 PM",
    );
  });

  it("dates both ends of a range that crosses midnight", () => {
    expect(formatClinicTimeRange(at("2025-03-12T03:00:00Z"), at("2025-03-12T05:00:00Z"), TZ)).toBe(
      "Tue, Mar 11, 11:00 PM–Wed, Mar 12, 1:00 AM",
    );
    expect(formatClinicDateTime(at("2025-11-03T14:00:00Z"), TZ)).toBe("Mon, Nov 3, 9:00 AM");
  });

  it("names weekdays as a run or a list", () => {
    expect(formatWeekdays([1, 2, 3, 4, 5])).toBe("Monday to Friday");
    expect(formatWeekdays([5, 1, 3])).toBe("Monday, Wednesday and Friday");
    expect(formatWeekdays([2, 4])).toBe("Tuesday and Thursday");
    expect(formatWeekdays([1])).toBe("Monday");
  });
});
