import { describe, expect, it } from "vitest";
import type { InstrumentCode } from "@/lib/clinical/instruments";
import { buildProgress, instrumentProgress, type AssessmentRow } from "./progress-model";

const ITEMS: Record<InstrumentCode, { count: number; max: number }> = {
  "PHQ-9": { count: 9, max: 3 },
  "GAD-7": { count: 7, max: 3 },
  "PCL-5": { count: 20, max: 4 },
  MADRS: { count: 10, max: 6 },
  "QIDS-SR16": { count: 16, max: 3 },
  CADSS: { count: 23, max: 4 },
  "C-SSRS": { count: 7, max: 1 },
};

/** Item answers adding up to `total`, filled from the first item on. */
function answersFor(code: InstrumentCode, total: number): number[] {
  const { count, max } = ITEMS[code];
  let left = total;
  return Array.from({ length: count }, () => {
    const value = Math.min(max, left);
    left -= value;
    return value;
  });
}

let sequence = 0;
function row(
  instrument: InstrumentCode,
  at: string,
  total: number | null,
  extra: Partial<AssessmentRow> = {},
): AssessmentRow {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, "0")}`,
    instrument,
    administeredAt: new Date(at),
    total,
    band: null,
    answers: total === null ? [0, 0, 0, 0, 0, 0, 0] : answersFor(instrument, total),
    flags: [],
    ...extra,
  };
}

const FIRST_DOSE = new Date("2026-02-02T15:10:00Z");

describe("instrumentProgress: baseline", () => {
  const screening = row("PHQ-9", "2026-01-12T15:00:00Z", 21);
  const intake = row("PHQ-9", "2026-01-26T14:20:00Z", 19);
  const preDose = row("PHQ-9", "2026-02-02T15:03:00Z", 18);
  const afterDose2 = row("PHQ-9", "2026-02-05T15:03:00Z", 12);
  const afterDose4 = row("PHQ-9", "2026-02-12T15:03:00Z", 8);
  const all = [afterDose2, screening, afterDose4, preDose, intake];

  it("is the latest score on or before the first dosing start", () => {
    const p = instrumentProgress("PHQ-9", all, FIRST_DOSE);
    expect(p.baseline).toEqual({ total: 18, at: preDose.administeredAt.toISOString() });
    expect(p.latest?.total).toBe(8);
  });

  it("counts a score taken at exactly the first dosing start as before it", () => {
    const p = instrumentProgress("PHQ-9", all, preDose.administeredAt);
    expect(p.baseline?.total).toBe(18);
    const justBefore = new Date(preDose.administeredAt.getTime() - 1);
    expect(instrumentProgress("PHQ-9", all, justBefore).baseline?.total).toBe(19);
  });

  it("is the earliest score when there is no dose yet", () => {
    const p = instrumentProgress("PHQ-9", all, null);
    expect(p.baseline).toEqual({ total: 21, at: screening.administeredAt.toISOString() });
  });

  it("is the earliest score when every score comes after the first dose", () => {
    const p = instrumentProgress("PHQ-9", [afterDose4, afterDose2], FIRST_DOSE);
    expect(p.baseline).toEqual({ total: 12, at: afterDose2.administeredAt.toISOString() });
    expect(p.latest?.total).toBe(8);
  });

  it("has no baseline, latest, change or response without scores", () => {
    const p = instrumentProgress("PHQ-9", [], FIRST_DOSE);
    expect(p).toMatchObject({
      baseline: null,
      latest: null,
      changePercent: null,
      response: false,
      remission: null,
      responseLine: null,
      points: [],
    });
  });
});

describe("instrumentProgress: change and response", () => {
  const course = (baseline: number, latest: number) =>
    instrumentProgress(
      "PHQ-9",
      [
        row("PHQ-9", "2026-02-02T15:00:00Z", baseline),
        row("PHQ-9", "2026-02-20T15:00:00Z", latest),
      ],
      FIRST_DOSE,
    );

  it("reports (latest − baseline) / baseline as a percentage", () => {
    expect(course(18, 9).changePercent).toBe(-50);
    expect(course(18, 10).changePercent).toBeCloseTo(-44.444, 3);
    expect(course(10, 12).changePercent).toBeCloseTo(20, 10);
  });

  it("leaves change undefined when the baseline total is 0", () => {
    const p = course(0, 3);
    expect(p.changePercent).toBeNull();
    expect(p.response).toBe(false);
    expect(p.responseLine).toBeNull();
    expect(p.baseline?.total).toBe(0);
  });

  it("counts a response at exactly a 50 % reduction and not below it", () => {
    expect(course(18, 9).response).toBe(true);
    expect(course(18, 10).response).toBe(false);
    expect(course(18, 0).response).toBe(true);
    expect(course(18, 21).response).toBe(false);
  });

  it("draws the response line at half the baseline", () => {
    expect(course(18, 9).responseLine).toBe(9);
    expect(course(15, 9).responseLine).toBe(7.5);
  });
});

describe("instrumentProgress: remission", () => {
  const latest = (code: InstrumentCode, total: number) =>
    instrumentProgress(
      code,
      [row(code, "2026-02-02T15:00:00Z", 30), row(code, "2026-02-20T15:00:00Z", total)],
      FIRST_DOSE,
    );

  it.each<[InstrumentCode, number, boolean]>([
    ["PHQ-9", 4, true],
    ["PHQ-9", 5, false],
    ["GAD-7", 4, true],
    ["GAD-7", 5, false],
    ["MADRS", 10, true],
    ["MADRS", 11, false],
    ["QIDS-SR16", 5, true],
    ["QIDS-SR16", 6, false],
    ["PCL-5", 32, true],
    ["PCL-5", 33, false],
  ])("%s latest %i → remission %s", (code, total, expected) => {
    expect(latest(code, total).remission).toBe(expected);
  });

  it("carries each instrument's remission line for the chart", () => {
    expect(latest("PHQ-9", 4).remissionLine).toEqual({ comparator: "<", value: 5 });
    expect(latest("MADRS", 4).remissionLine).toEqual({ comparator: "<=", value: 10 });
    expect(latest("PCL-5", 4).remissionLine).toEqual({ comparator: "<", value: 33 });
  });
});

describe("instrumentProgress: CADSS and C-SSRS", () => {
  it("gives CADSS no baseline, change, response or remission, but keeps its points", () => {
    const rows = [
      row("CADSS", "2026-02-02T16:00:00Z", 20),
      row("CADSS", "2026-02-05T16:00:00Z", 8),
    ];
    const p = instrumentProgress("CADSS", rows, FIRST_DOSE);
    expect(p).toMatchObject({
      instrument: "CADSS",
      baseline: null,
      changePercent: null,
      response: false,
      remission: null,
      responseLine: null,
      remissionLine: null,
    });
    expect(p.latest?.total).toBe(8);
    expect(p.points.map((pt) => pt.total)).toEqual([20, 8]);
  });

  it("gives the C-SSRS (no total) no baseline, latest, response or remission", () => {
    const rows = [
      row("C-SSRS", "2026-01-26T14:00:00Z", null, {
        band: "moderate",
        answers: [1, 1, 1, 0, 0, 0, 0],
        flags: ["suicide-risk"],
      }),
      row("C-SSRS", "2026-02-02T15:00:00Z", null, { band: "low" }),
    ];
    const p = instrumentProgress("C-SSRS", rows, FIRST_DOSE);
    expect(p).toMatchObject({
      baseline: null,
      latest: null,
      changePercent: null,
      response: false,
      remission: null,
      responseLine: null,
      remissionLine: null,
    });
    expect(p.points.map((pt) => [pt.band, pt.flags])).toEqual([
      ["moderate", ["suicide-risk"]],
      ["low", []],
    ]);
  });
});

describe("instrumentProgress: points", () => {
  it("keeps every score with its item answers, flags and band, in time order", () => {
    const a = row("PHQ-9", "2026-01-26T14:20:00Z", 19, {
      band: "moderately severe",
      answers: [3, 3, 2, 2, 2, 2, 2, 2, 1],
      flags: ["suicidal-ideation"],
    });
    const b = row("PHQ-9", "2026-02-02T15:03:00Z", 14, {
      band: "moderate",
      answers: [2, 2, 2, 2, 2, 2, 1, 1, 0],
    });
    const c = row("PHQ-9", "2026-02-12T15:03:00Z", 4, {
      band: "minimal",
      answers: [1, 1, 1, 1, 0, 0, 0, 0, 0],
    });
    const p = instrumentProgress("PHQ-9", [c, a, b], FIRST_DOSE);
    expect(p.points).toEqual(
      [a, b, c].map((r) => ({
        assessmentId: r.id,
        at: r.administeredAt.toISOString(),
        total: r.total,
        band: r.band,
        answers: r.answers,
        flags: r.flags,
      })),
    );
    expect(p.latest).toEqual({ total: 4, at: c.administeredAt.toISOString(), band: "minimal" });
    expect(p.remission).toBe(true);
  });
});

describe("buildProgress", () => {
  const assessments = [
    row("GAD-7", "2026-01-26T14:22:00Z", 12),
    row("PHQ-9", "2026-01-26T14:20:00Z", 19),
    row("CADSS", "2026-02-02T16:00:00Z", 18),
    row("PCL-5", "2026-01-26T14:25:00Z", 50),
    row("PCL-5", "2026-02-12T15:05:00Z", 24),
    row("C-SSRS", "2026-01-26T14:00:00Z", null, { band: "none" }),
    row("PHQ-9", "2026-02-12T15:03:00Z", 11),
  ];
  const marker = {
    sessionId: "00000000-0000-4000-8000-0000000000aa",
    at: FIRST_DOSE.toISOString(),
    numberInCourse: 1,
    doseMg: 35,
    doseMgPerKg: 0.5,
  };

  it("lists the primary instrument first, then the others in the catalogue's order", () => {
    const progress = buildProgress({
      patientId: "00000000-0000-4000-8000-0000000000bb",
      primaryInstrument: "PCL-5",
      firstDosingStart: FIRST_DOSE,
      assessments,
      dosingSessions: [marker],
    });
    expect(progress.instruments.map((i) => i.instrument)).toEqual([
      "PCL-5",
      "PHQ-9",
      "GAD-7",
      "CADSS",
      "C-SSRS",
    ]);
    expect(progress).toMatchObject({
      patientId: "00000000-0000-4000-8000-0000000000bb",
      primaryInstrument: "PCL-5",
      firstDosingAt: FIRST_DOSE.toISOString(),
      dosingSessions: [marker],
    });
    const pcl = progress.instruments[0];
    expect(pcl?.baseline?.total).toBe(50);
    expect(pcl?.latest?.total).toBe(24);
    expect(pcl?.response).toBe(true);
    expect(pcl?.remission).toBe(true);
    const phq = progress.instruments[1];
    expect(phq?.response).toBe(false);
    expect(phq?.changePercent).toBeCloseTo(((11 - 19) / 19) * 100, 10);
  });

  it("puts a primary instrument with scores first even when the catalogue lists it later", () => {
    const progress = buildProgress({
      patientId: "00000000-0000-4000-8000-0000000000bb",
      primaryInstrument: "GAD-7",
      firstDosingStart: null,
      assessments,
      dosingSessions: [],
    });
    expect(progress.instruments.map((i) => i.instrument)[0]).toBe("GAD-7");
    expect(progress.firstDosingAt).toBeNull();
    // No dose yet: each baseline is the earliest score.
    expect(progress.instruments.find((i) => i.instrument === "PHQ-9")?.baseline?.total).toBe(19);
  });

  it("leaves out instruments without scores and codes it does not know", () => {
    const progress = buildProgress({
      patientId: "00000000-0000-4000-8000-0000000000bb",
      primaryInstrument: "PHQ-9",
      firstDosingStart: FIRST_DOSE,
      assessments: [
        row("PHQ-9", "2026-01-26T14:20:00Z", 19),
        { ...row("PHQ-9", "2026-01-27T14:20:00Z", 3), instrument: "BDI-II" },
      ],
      dosingSessions: [],
    });
    expect(progress.instruments.map((i) => i.instrument)).toEqual(["PHQ-9"]);
    expect(progress.instruments[0]?.points).toHaveLength(1);
  });
});
