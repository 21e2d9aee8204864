import { describe, expect, it } from "vitest";
import {
  changeBinIndex,
  changeBins,
  evaluatePatient,
  median,
  summariseOutcomes,
  type PatientCourse,
} from "./outcome-summary";

const day = (n: number): Date => new Date(Date.UTC(2026, 0, n, 15));

function course(overrides: Partial<PatientCourse> = {}): PatientCourse {
  return {
    patientId: "p1",
    diagnosisCode: "F33.2",
    diagnosisLabel: "Major depressive disorder, recurrent severe without psychotic features",
    instrument: "PHQ-9",
    protocol: "iv_ketamine",
    firstDosingStart: day(10),
    scores: [
      { administeredAt: day(1), total: 22 }, // intake
      { administeredAt: day(10), total: 20 }, // pre-dose, same instant as the first dose: baseline
      { administeredAt: day(13), total: 14 },
      { administeredAt: day(17), total: 9 },
      { administeredAt: day(20), total: 4 },
    ],
    completedDosingStarts: [day(10), day(13), day(17), day(20)],
    ...overrides,
  };
}

describe("evaluatePatient", () => {
  it("measures from the last score on or before the first dose to the latest score", () => {
    expect(evaluatePatient(course())).toEqual({
      included: true,
      outcome: {
        patientId: "p1",
        instrument: "PHQ-9",
        protocol: "iv_ketamine",
        category: { code: "F33", label: "F33 Major depressive disorder, recurrent" },
        baseline: 20,
        latest: 4,
        changePct: -80,
        response: true,
        remission: true,
        // 9 ≤ 10 on day 17, after the sessions of days 10 and 13.
        sessionsToFirstResponse: 2,
      },
    });
  });

  it("excludes, in order: not dosed, no baseline, a baseline of 0, nothing after baseline", () => {
    expect(evaluatePatient(course({ firstDosingStart: null }))).toMatchObject({
      reason: "not-dosed",
    });
    expect(evaluatePatient(course({ scores: [] }))).toMatchObject({ reason: "no-baseline" });
    expect(
      evaluatePatient(course({ scores: [{ administeredAt: day(9), total: 0 }] })),
    ).toMatchObject({ reason: "baseline-zero" });
    expect(
      evaluatePatient(course({ scores: [{ administeredAt: day(9), total: 18 }] })),
    ).toMatchObject({ reason: "no-follow-up" });
  });

  it("falls back to the earliest score when none precedes the first dose", () => {
    const result = evaluatePatient(
      course({
        scores: [
          { administeredAt: day(13), total: 16 },
          { administeredAt: day(17), total: 12 },
        ],
      }),
    );
    expect(result).toMatchObject({ included: true, outcome: { baseline: 16, latest: 12 } });
  });
});

describe("change bins", () => {
  const labelOf = (baseline: number, latest: number): string | undefined =>
    changeBins()[changeBinIndex(baseline, latest)]?.label;

  it("has thirteen bins from ≤ −90 % to ≥ +20 %", () => {
    const bins = changeBins();
    expect(bins).toHaveLength(13);
    expect(bins[0]?.label).toBe("≤ −90%");
    expect(bins.at(-1)?.label).toBe("≥ +20%");
  });

  it("puts an edge in the bin below it, so −50% sits with the responders", () => {
    expect(labelOf(20, 10)).toBe("−60 to −50%");
    expect(changeBins()[changeBinIndex(20, 10)]?.meetsResponse).toBe(true);
    expect(labelOf(20, 11)).toBe("−50 to −40%");
    expect(labelOf(20, 2)).toBe("≤ −90%");
    expect(labelOf(20, 0)).toBe("≤ −90%");
    expect(labelOf(20, 20)).toBe("−10 to 0%");
    expect(labelOf(20, 22)).toBe("0 to +10%");
    expect(labelOf(20, 23)).toBe("+10 to +20%");
    expect(labelOf(20, 24)).toBe("≥ +20%");
    expect(labelOf(20, 40)).toBe("≥ +20%");
  });

  it("bins on the totals, not on a rounded percentage", () => {
    // 7 → 4.9 would be −30 %; 7 → 5 is −28.57 %.
    expect(labelOf(7, 5)).toBe("−30 to −20%");
    expect(labelOf(10, 7)).toBe("−40 to −30%");
  });
});

describe("summariseOutcomes", () => {
  it("gives rates with their n, the excluded by reason and sessions to response", () => {
    const summary = summariseOutcomes([
      evaluatePatient(course()),
      evaluatePatient(
        course({
          patientId: "p2",
          protocol: "intranasal_esketamine",
          scores: [
            { administeredAt: day(9), total: 18 },
            { administeredAt: day(20), total: 15 },
          ],
        }),
      ),
      evaluatePatient(course({ patientId: "p3", firstDosingStart: null })),
    ]);
    expect(summary.patientsWithCourse).toBe(3);
    expect(summary.included).toBe(2);
    expect(summary.excluded).toEqual([{ reason: "not-dosed", label: "not yet dosed", count: 1 }]);
    expect(summary.overall).toMatchObject({ n: 2, responders: 1, responseRate: 0.5 });
    expect(summary.byProtocol.map((r) => [r.key, r.n, r.responders])).toEqual([
      ["intranasal_esketamine", 1, 0],
      ["iv_ketamine", 1, 1],
    ]);
    expect(summary.sessionsToResponse).toEqual({
      n: 1,
      median: 2,
      histogram: [
        { sessions: 1, count: 0 },
        { sessions: 2, count: 1 },
      ],
    });
  });

  it("takes the median of an even count as the mean of the middle two", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
