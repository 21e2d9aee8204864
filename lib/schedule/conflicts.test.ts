import { describe, expect, it } from "vitest";
import { findConflicts, overlaps, type ScheduledSession } from "./conflicts";
import { codes, DAY, mayaInfusion, ny, session, TZ } from "./schedule-fixtures";

describe("overlaps", () => {
  const a = { start: ny(DAY, "10:00"), end: ny(DAY, "11:30") };
  it("touching intervals do not overlap", () => {
    expect(overlaps(a, { start: ny(DAY, "11:30"), end: ny(DAY, "12:30") })).toBe(false);
    expect(overlaps(a, { start: ny(DAY, "09:00"), end: ny(DAY, "10:00") })).toBe(false);
  });
  it("a minute of shared time overlaps, as does containment", () => {
    expect(overlaps(a, { start: ny(DAY, "11:29"), end: ny(DAY, "12:30") })).toBe(true);
    expect(overlaps(a, { start: ny(DAY, "10:30"), end: ny(DAY, "11:00") })).toBe(true);
  });
});

describe("room-overlap", () => {
  it("names the room, the time in clinic time and the other patient", () => {
    const candidate = session({
      roomId: "r-chair-a",
      start: ny(DAY, "11:00"),
      end: ny(DAY, "12:30"),
    });
    expect(findConflicts(candidate, [mayaInfusion], { timeZone: TZ })).toEqual([
      {
        code: "room-overlap",
        message: "Chair A is already booked 10:00–11:30 AM for Maya Lee (dosing).",
        sessionId: "s-maya",
        overridable: true,
      },
    ]);
  });

  it("a session starting as the other ends is fine", () => {
    const candidate = session({
      roomId: "r-chair-a",
      start: ny(DAY, "11:30"),
      end: ny(DAY, "13:00"),
    });
    expect(codes(candidate, [mayaInfusion])).toEqual([]);
  });

  it("sessions without a room never share one", () => {
    const intake = session({ kind: "intake", protocol: null, roomId: null });
    expect(codes(intake, [{ ...mayaInfusion, roomId: null }])).toEqual([]);
  });
});

describe("patient-overlap", () => {
  it("the same patient cannot be in two overlapping sessions", () => {
    const integration = session({
      patientId: "p-maya",
      kind: "integration",
      protocol: null,
      start: ny(DAY, "11:00"),
      end: ny(DAY, "12:00"),
    });
    const [found] = findConflicts(integration, [mayaInfusion], { timeZone: TZ });
    expect(found).toEqual({
      code: "patient-overlap",
      message: "Maya Lee already has a dosing session 10:00–11:30 AM in Chair A.",
      sessionId: "s-maya",
      overridable: true,
    });
  });

  it("back-to-back sessions of one patient are fine", () => {
    const integration = session({
      patientId: "p-maya",
      kind: "integration",
      protocol: null,
      start: ny(DAY, "11:30"),
      end: ny(DAY, "12:30"),
    });
    expect(codes(integration, [mayaInfusion])).toEqual([]);
  });
});

describe("psychiatrist-overlap", () => {
  it("one psychiatrist may supervise two dosing sessions at once", () => {
    expect(codes(session({ psychiatristId: "u-ruiz" }), [mayaInfusion])).toEqual([]);
  });

  it("a dosing session and an intake conflict, whichever is booked second", () => {
    const intake = session({ kind: "intake", protocol: null, psychiatristId: "u-ruiz" });
    const [found] = findConflicts(intake, [mayaInfusion], { timeZone: TZ });
    expect(found?.code).toBe("psychiatrist-overlap");
    expect(found?.message).toBe(
      "Dr. Ana Ruiz is already booked 10:00–11:30 AM for Maya Lee (dosing); a psychiatrist may overlap only dosing sessions.",
    );
    const mayaIntake: ScheduledSession = { ...mayaInfusion, kind: "intake", protocol: null };
    expect(codes(session({ psychiatristId: "u-ruiz" }), [mayaIntake])).toEqual([
      "psychiatrist-overlap",
    ]);
  });

  it("touching sessions of one psychiatrist are fine", () => {
    const followUp = session({
      kind: "follow_up",
      protocol: null,
      psychiatristId: "u-ruiz",
      start: ny(DAY, "11:30"),
      end: ny(DAY, "12:00"),
    });
    expect(codes(followUp, [mayaInfusion])).toEqual([]);
  });
});

describe("sessions that hold no time", () => {
  it("cancelled and no-show sessions never conflict", () => {
    const candidate = { ...mayaInfusion, id: "s-new" };
    expect(codes(candidate, [{ ...mayaInfusion, status: "cancelled" }])).toEqual([]);
    expect(codes(candidate, [{ ...mayaInfusion, status: "no_show" }])).toEqual([]);
    expect(codes(candidate, [{ ...mayaInfusion, status: "completed" }])).toContain("room-overlap");
  });

  it("a rescheduled session is not in its own way", () => {
    const moved = { ...mayaInfusion, start: ny(DAY, "10:30"), end: ny(DAY, "12:00") };
    expect(codes(moved, [mayaInfusion])).toEqual([]);
    const unsaved = { ...moved, id: undefined };
    expect(codes(unsaved, [mayaInfusion])).toEqual([
      "room-overlap",
      "patient-overlap",
      "dosing-interval",
    ]);
  });
});

it("lists conflicts in code order, then by the other session's start", () => {
  const second = session({
    id: "s-2",
    roomId: "r-chair-a",
    start: ny(DAY, "11:30"),
    end: ny(DAY, "13:00"),
  });
  const candidate = session({
    roomId: "r-chair-a",
    start: ny(DAY, "11:00"),
    end: ny(DAY, "12:00"),
    patientId: "p-new",
    psychiatristId: null,
    protocol: "intranasal_esketamine",
  });
  const found = findConflicts(candidate, [second, mayaInfusion], { timeZone: TZ });
  expect(found.map((c) => [c.code, c.sessionId])).toEqual([
    ["room-overlap", "s-maya"],
    ["room-overlap", "s-2"],
    ["prescriber-required", undefined],
  ]);
});
