import { describe, expect, it } from "vitest";
import type { VitalsRow } from "@/lib/api/session-schemas";
import { remsSummary } from "@/lib/sessions/rems-summary";

const DOSE_START = "2026-03-11T14:00:00.000Z";

function reading(
  id: string,
  minutesFromDose: number | null,
  systolic: number,
  moaas: number | null = 5,
): VitalsRow {
  const takenAt = new Date(
    Date.parse(DOSE_START) + (minutesFromDose ?? -10) * 60_000,
  ).toISOString();
  return {
    id,
    takenAt,
    minutesFromDose,
    systolic,
    diastolic: 80,
    heartRate: 72,
    spo2: 98,
    respiratoryRate: 14,
    temperatureC: null,
    sedationMoaas: moaas,
    recordedBy: "00000000-0000-4000-8000-000000000001",
    recordedByName: "Sam Rivera",
    recordedAt: takenAt,
    supersededBy: null,
    supersedes: null,
    amendReason: null,
    alerts: [],
  };
}

function session(
  vitals: VitalsRow[],
  completedAt: string | null,
): { vitals: VitalsRow[]; completedAt: string | null; dose: { startedAt: string } } {
  return { vitals, completedAt, dose: { startedAt: DOSE_START } };
}

describe("REMS monitoring summary", () => {
  it("takes the last pre-dose reading, the one nearest 40 min and the last before discharge", () => {
    const summary = remsSummary(
      session(
        [
          reading("a", null, 124),
          reading("b", 20, 138),
          reading("c", 42, 146, 4),
          reading("d", 121, 128),
        ],
        "2026-03-11T16:05:00.000Z",
      ),
    );
    expect(summary.beforeDosing?.id).toBe("a");
    expect(summary.atFortyMinutes?.id).toBe("c");
    expect(summary.beforeDischarge?.id).toBe("d");
    expect(summary.monitoringMinutes).toBe(125);
    expect(summary.sedationChecks.map((c) => c.moaas)).toEqual([5, 5, 4, 5]);
  });

  it("does not count a reading far from 40 min, nor the 40-min one twice", () => {
    const summary = remsSummary(session([reading("a", null, 124), reading("b", 41, 140)], null));
    expect(summary.atFortyMinutes?.id).toBe("b");
    expect(summary.beforeDischarge).toBeNull();
    expect(summary.monitoringMinutes).toBeNull();
    const early = remsSummary(session([reading("a", null, 124), reading("b", 15, 140)], null));
    expect(early.atFortyMinutes).toBeNull();
    expect(early.beforeDischarge?.id).toBe("b");
  });

  it("ignores superseded readings", () => {
    const wrong = { ...reading("x", 40, 210), supersededBy: "y" };
    const summary = remsSummary(
      session([reading("a", null, 124), wrong, reading("y", 40, 142)], null),
    );
    expect(summary.atFortyMinutes?.id).toBe("y");
  });
});
