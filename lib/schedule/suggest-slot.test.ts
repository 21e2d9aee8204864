import { describe, expect, it } from "vitest";
import type { ScheduledSession } from "./conflicts";
import { ny, TZ } from "./schedule-fixtures";
import { suggestSlot } from "./series";

// Thursday 13 March 2025.
const DAY = "2025-03-13";

const mayaInChairA: ScheduledSession = {
  id: "s-maya",
  patientId: "p-maya",
  patientName: "Maya Lee",
  kind: "dosing",
  protocol: "iv_ketamine",
  roomId: "r-chair-a",
  psychiatristId: "u-ruiz",
  nurseId: "u-park",
  start: ny(DAY, "10:00"),
  end: ny(DAY, "11:30"),
};

function omar(start: Date, end: Date): ScheduledSession {
  return {
    patientId: "p-omar",
    patientName: "Omar Haddad",
    kind: "dosing",
    protocol: "iv_ketamine",
    roomId: "r-chair-a",
    psychiatristId: "u-chen",
    nurseId: "u-okafor",
    start,
    end,
  };
}

describe("suggestSlot", () => {
  it("keeps a time that is already free", () => {
    const free = omar(ny(DAY, "12:00"), ny(DAY, "13:30"));
    expect(suggestSlot(free, [mayaInChairA], { timeZone: TZ })).toEqual({
      start: ny(DAY, "12:00"),
      end: ny(DAY, "13:30"),
    });
  });

  it("moves later when that is nearer: right after the booked session", () => {
    const slot = suggestSlot(omar(ny(DAY, "10:30"), ny(DAY, "12:00")), [mayaInChairA], {
      timeZone: TZ,
    });
    expect(slot).toEqual({ start: ny(DAY, "11:30"), end: ny(DAY, "13:00") });
  });

  it("moves earlier when that is nearer: ending as the booked session starts", () => {
    const slot = suggestSlot(omar(ny(DAY, "09:30"), ny(DAY, "11:00")), [mayaInChairA], {
      timeZone: TZ,
    });
    expect(slot).toEqual({ start: ny(DAY, "08:30"), end: ny(DAY, "10:00") });
  });

  it("stays within clinic hours and skips the weekend", () => {
    // Friday's chair is taken until 16:00; a 150-min session no longer fits before 18:00 that
    // day, so the nearest free start is Thursday 15:30 (ending at closing), not Monday 08:00.
    const allFriday = omar(ny("2025-03-14", "08:00"), ny("2025-03-14", "16:00"));
    const candidate: ScheduledSession = {
      ...mayaInChairA,
      id: undefined,
      patientId: "p-grace",
      protocol: "intranasal_esketamine",
      start: ny("2025-03-14", "15:00"),
      end: ny("2025-03-14", "17:30"),
    };
    expect(suggestSlot(candidate, [allFriday], { timeZone: TZ })).toEqual({
      start: ny(DAY, "15:30"),
      end: ny(DAY, "18:00"),
    });
    const notBefore = ny("2025-03-14", "00:00");
    expect(suggestSlot(candidate, [allFriday], { timeZone: TZ, notBefore })).toEqual({
      start: ny("2025-03-17", "08:00"),
      end: ny("2025-03-17", "10:30"),
    });
  });

  it("keeps the dosing interval: the patient's next infusion is at least 24 h after the last", () => {
    const tomorrow = {
      ...mayaInChairA,
      id: "s-next",
      start: ny("2025-03-14", "08:00"),
      end: ny("2025-03-14", "09:30"),
    };
    const slot = suggestSlot(tomorrow, [mayaInChairA], { timeZone: TZ });
    expect(slot).toEqual({ start: ny("2025-03-14", "10:00"), end: ny("2025-03-14", "11:30") });
  });

  it("a missing prescriber does not stop a suggestion: no time would fix it", () => {
    const spravato = {
      ...omar(ny(DAY, "10:30"), ny(DAY, "13:00")),
      protocol: "intranasal_esketamine" as const,
      psychiatristId: null,
    };
    expect(suggestSlot(spravato, [mayaInChairA], { timeZone: TZ })?.start).toEqual(
      ny(DAY, "11:30"),
    );
  });

  it("uses the step and returns null when nothing is free within the search", () => {
    const week = omar(ny("2025-03-10", "08:00"), ny("2025-03-14", "18:00"));
    const candidate = { ...mayaInChairA, start: ny(DAY, "10:00"), end: ny(DAY, "11:30") };
    expect(suggestSlot(candidate, [week], { timeZone: TZ, searchDays: 2 })).toBeNull();
    const half = suggestSlot(omar(ny(DAY, "10:10"), ny(DAY, "11:40")), [mayaInChairA], {
      timeZone: TZ,
      stepMinutes: 30,
    });
    expect(half).toEqual({ start: ny(DAY, "11:40"), end: ny(DAY, "13:10") });
  });
});
