import { describe, expect, it } from "vitest";
import { sessionKindEnum, type SessionKind } from "@/db/schema";
import { defaultLengthMinutes, SCHEDULING } from "./config";

describe("SCHEDULING", () => {
  it("holds CLINICAL.md's scheduling defaults", () => {
    expect(SCHEDULING.defaultMinutes).toEqual({
      intake: 90,
      preparation: 60,
      integration: 60,
      follow_up: 30,
      dosing: {
        iv_ketamine: 90,
        im_ketamine: 120,
        intranasal_esketamine: 150,
        sublingual_ketamine: 180,
      },
    });
    expect(SCHEDULING.clinicHours).toEqual({
      opens: "08:00",
      closes: "18:00",
      weekdays: [1, 2, 3, 4, 5],
    });
    expect(SCHEDULING.nurseMaxOverlappingDosing).toBe(3);
    expect(SCHEDULING.dosingMinIntervalHours).toBe(24);
  });

  it("cannot be changed at run time by accident", () => {
    expect(Object.isFrozen(SCHEDULING.defaultMinutes.dosing)).toBe(true);
    expect(Object.isFrozen(SCHEDULING.clinicHours.weekdays)).toBe(true);
  });
});

describe("defaultLengthMinutes", () => {
  it.each<[SessionKind, number]>([
    ["intake", 90],
    ["preparation", 60],
    ["integration", 60],
    ["follow_up", 30],
  ])("%s: %i min whatever the protocol", (kind, minutes) => {
    expect(defaultLengthMinutes(kind, null)).toBe(minutes);
    expect(defaultLengthMinutes(kind, "sublingual_ketamine")).toBe(minutes);
  });

  it("dosing by protocol", () => {
    expect(defaultLengthMinutes("dosing", "iv_ketamine")).toBe(90);
    expect(defaultLengthMinutes("dosing", "im_ketamine")).toBe(120);
    expect(defaultLengthMinutes("dosing", "intranasal_esketamine")).toBe(150);
    expect(defaultLengthMinutes("dosing", "sublingual_ketamine")).toBe(180);
  });

  it("dosing without a protocol books the longest, so the chair is never short", () => {
    expect(defaultLengthMinutes("dosing", null)).toBe(180);
  });

  it("covers every session kind", () => {
    for (const kind of sessionKindEnum.enumValues) {
      expect(defaultLengthMinutes(kind, "iv_ketamine")).toBeGreaterThan(0);
    }
  });
});
