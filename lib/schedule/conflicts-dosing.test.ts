import { describe, expect, it } from "vitest";
import { CONFLICT_CODES, findConflicts, type ScheduledSession } from "./conflicts";
import { codes, DAY, mayaInfusion, ny, session, TZ } from "./schedule-fixtures";

describe("nurse-ratio", () => {
  const parkDosing = (n: number, start: string, end: string): ScheduledSession =>
    session({
      id: `s-park-${n}`,
      patientId: `p-${n}`,
      patientName: ["Maya Lee", "Omar Haddad", "Grace Kim", "Luis Ortega"][n] ?? `Patient ${n}`,
      roomId: `r-${n}`,
      psychiatristId: `u-psychiatrist-${n}`,
      nurseId: "u-park",
      nurseName: "Sam Park RN",
      start: ny(DAY, start),
      end: ny(DAY, end),
    });
  const candidate = session({ patientId: "p-new", roomId: "r-new", nurseId: "u-park" });

  it("reaching three dosing sessions at once is fine", () => {
    const two = [parkDosing(0, "09:30", "11:00"), parkDosing(1, "10:30", "12:00")];
    expect(codes(candidate, two)).toEqual([]);
  });

  it("a fourth at once exceeds the limit of three", () => {
    const three = [
      parkDosing(0, "09:30", "11:00"),
      parkDosing(1, "10:30", "12:00"),
      parkDosing(2, "10:45", "12:15"),
    ];
    expect(findConflicts(candidate, three, { timeZone: TZ })).toEqual([
      {
        code: "nurse-ratio",
        message:
          "Sam Park RN would be monitoring 4 dosing sessions at 10:45 AM (limit 3): this one and Maya Lee 9:30–11:00 AM, Omar Haddad 10:30 AM–12:00 PM, Grace Kim 10:45 AM–12:15 PM.",
        sessionId: "s-park-0",
        overridable: true,
      },
    ]);
  });

  it("three that each overlap the candidate but never one another count one at a time", () => {
    const long = session({
      patientId: "p-new",
      roomId: "r-new",
      nurseId: "u-park",
      protocol: "sublingual_ketamine",
      start: ny(DAY, "09:00"),
      end: ny(DAY, "12:00"),
    });
    const staggered = [
      parkDosing(0, "08:00", "09:30"),
      parkDosing(1, "09:30", "11:00"),
      parkDosing(2, "11:00", "12:30"),
    ];
    expect(codes(long, staggered)).toEqual([]);
  });

  it("ignores other nurses, non-dosing sessions and sessions that only touch", () => {
    const existing = [
      parkDosing(0, "08:30", "10:00"),
      { ...parkDosing(1, "10:00", "11:30"), nurseId: "u-okafor" },
      { ...parkDosing(2, "10:00", "11:30"), kind: "integration" as const, protocol: null },
      parkDosing(3, "10:15", "11:45"),
    ];
    expect(codes(candidate, existing)).toEqual([]);
  });

  it("does not apply to a candidate that is not a dosing session", () => {
    const three = [0, 1, 2].map((n) => parkDosing(n, "10:00", "11:30"));
    const integration = session({ kind: "integration", protocol: null, nurseId: "u-park" });
    expect(codes(integration, three)).toEqual([]);
  });
});

describe("dosing-interval", () => {
  const tomorrow = (time: string): ScheduledSession =>
    session({ patientId: "p-maya", start: ny("2025-03-12", time), end: ny("2025-03-12", "12:00") });

  it("exactly 24 h between starts is fine", () => {
    expect(codes(tomorrow("10:00"), [mayaInfusion])).toEqual([]);
  });

  it("23 h 59 min is too soon and says by how much", () => {
    const found = findConflicts(tomorrow("09:59"), [mayaInfusion], { timeZone: TZ });
    expect(found).toEqual([
      {
        code: "dosing-interval",
        message:
          "Maya Lee has another dosing session starting Tue, Mar 11, 10:00 AM, only 23 h 59 min apart; dosing sessions must start at least 24 h apart.",
        sessionId: "s-maya",
        overridable: true,
      },
    ]);
  });

  it("counts elapsed hours: the same clock time across the spring-forward night is 23 h", () => {
    const saturday = session({
      id: "s-sat",
      patientId: "p-maya",
      start: ny("2025-03-08", "10:00"),
      end: ny("2025-03-08", "11:30"),
    });
    const sunday = session({
      patientId: "p-maya",
      start: ny("2025-03-09", "10:00"),
      end: ny("2025-03-09", "11:30"),
    });
    expect(codes(sunday, [saturday])).toContain("dosing-interval");
  });

  it("applies only between dosing sessions of the same patient", () => {
    const integration = session({
      patientId: "p-maya",
      kind: "integration",
      protocol: null,
      start: ny(DAY, "14:00"),
      end: ny(DAY, "15:00"),
    });
    expect(codes(integration, [mayaInfusion])).toEqual([]);
    const omarTomorrow = session({
      start: ny("2025-03-12", "09:00"),
      end: ny("2025-03-12", "10:30"),
    });
    expect(codes(omarTomorrow, [mayaInfusion])).toEqual([]);
  });
});

describe("prescriber-required", () => {
  const spravato = session({
    protocol: "intranasal_esketamine",
    psychiatristId: null,
    end: ny(DAY, "12:30"),
  });

  it("an esketamine dosing session without a psychiatrist cannot be overridden", () => {
    expect(findConflicts(spravato, [], { timeZone: TZ })).toEqual([
      {
        code: "prescriber-required",
        message:
          "Assign a psychiatrist: the Spravato REMS requires a prescriber on site for every esketamine dosing session.",
        overridable: false,
      },
    ]);
  });

  it("does not apply to IV dosing or to an esketamine patient's integration session", () => {
    expect(codes({ ...spravato, protocol: "iv_ketamine" }, [])).toEqual([]);
    expect(codes({ ...spravato, kind: "integration" }, [])).toEqual([]);
  });

  it("every other conflict can be overridden", () => {
    const overridable = CONFLICT_CODES.filter((c) => c !== "prescriber-required");
    const all = findConflicts(
      session({
        patientId: "p-maya",
        roomId: "r-chair-a",
        kind: "intake",
        protocol: null,
        psychiatristId: "u-ruiz",
      }),
      [mayaInfusion],
      { timeZone: TZ },
    );
    expect(all.length).toBeGreaterThan(0);
    for (const c of all) expect(overridable).toContain(c.code);
    expect(all.every((c) => c.overridable)).toBe(true);
  });
});
