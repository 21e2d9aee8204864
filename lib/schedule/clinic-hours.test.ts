import { describe, expect, it } from "vitest";
import { clinicDayHours } from "./clinic-hours";
import { findConflicts, type ScheduledSession } from "./conflicts";
import { codes, ny, session, TZ } from "./schedule-fixtures";

describe("outside-hours", () => {
  // Friday 7 March (EST, UTC−5), Monday 10 March (EDT, UTC−4), Friday 31 October (EDT) and
  // Monday 3 November (EST): the boundaries hold on the clinic's wall clock across both changes.
  const days = ["2025-03-07", "2025-03-10", "2025-10-31", "2025-11-03"];
  const followUp = (day: string, start: string, end: string): ScheduledSession =>
    session({ kind: "follow_up", protocol: null, start: ny(day, start), end: ny(day, end) });

  it.each(days)("on %s: 08:00 start and 18:00 end are within hours", (day) => {
    expect(codes(followUp(day, "08:00", "08:30"), [])).toEqual([]);
    expect(codes(followUp(day, "17:30", "18:00"), [])).toEqual([]);
  });

  it.each(days)("on %s: 07:59 start and 18:01 end are outside hours", (day) => {
    expect(codes(followUp(day, "07:59", "08:29"), [])).toEqual(["outside-hours"]);
    expect(codes(followUp(day, "17:31", "18:01"), [])).toEqual(["outside-hours"]);
  });

  it("says what is wrong in clinic time", () => {
    const [early] = findConflicts(followUp("2025-03-10", "07:59", "08:29"), [], { timeZone: TZ });
    expect(early?.message).toBe("It starts at 7:59 AM, before the clinic opens at 8:00 AM.");
    const [late] = findConflicts(followUp("2025-11-03", "17:31", "18:01"), [], { timeZone: TZ });
    expect(late?.message).toBe("It ends at 6:01 PM, after the clinic closes at 6:00 PM.");
    expect(late?.overridable).toBe(true);
  });

  it("Saturday is not a clinic day", () => {
    const [found] = findConflicts(followUp("2025-03-08", "10:00", "10:30"), [], { timeZone: TZ });
    expect(found).toEqual({
      code: "outside-hours",
      message: "Saturday is not a clinic day (open Monday to Friday, 8:00 AM–6:00 PM).",
      overridable: true,
    });
  });
});

describe("clinicDayHours", () => {
  it("opens at 08:00 and closes at 18:00 clinic time, whatever the UTC offset", () => {
    expect(clinicDayHours(ny("2025-03-07", "12:00"), TZ)).toEqual({
      opens: new Date("2025-03-07T13:00:00Z"),
      closes: new Date("2025-03-07T23:00:00Z"),
    });
    expect(clinicDayHours(ny("2025-03-10", "12:00"), TZ)).toEqual({
      opens: new Date("2025-03-10T12:00:00Z"),
      closes: new Date("2025-03-10T22:00:00Z"),
    });
  });
});
