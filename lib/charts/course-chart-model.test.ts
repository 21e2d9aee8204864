import { describe, expect, it } from "vitest";
import type { DosingMarker, InstrumentProgress, Progress } from "@/lib/api/patient-schemas";
import { scoreAssessment, type InstrumentCode } from "@/lib/clinical/instruments";
import { changePercent, isRemission, isResponse, responseLine } from "@/lib/clinical/progress";
import {
  assessmentsOnDay,
  chartableInstruments,
  instrumentLines,
  percentAxis,
  percentRows,
  percentSeries,
  scoredPoints,
  totalAxis,
} from "@/lib/charts/course-chart-model";
import {
  formatChange,
  ideationItemNote,
  instrumentPointText,
  instrumentSummary,
  percentRowText,
  percentSummary,
} from "@/lib/charts/course-chart-text";
import {
  dateTickFormatter,
  doseContext,
  doseMarkers,
  estimateTextWidth,
  formatDose,
  placeMarkerLabels,
  timeAxis,
  uniformDose,
} from "@/lib/charts/course-chart-time";

const TZ = "America/New_York";
let seq = 0;
const uuid = (): string => `00000000-0000-4000-8000-${String(++seq).padStart(12, "0")}`;

/** An instrument's progress as the API builds it, scored by the real scoring code. */
function progressOf(
  instrument: InstrumentCode,
  assessments: readonly [at: string, answers: number[]][],
): InstrumentProgress {
  const points = assessments.map(([at, answers]) => {
    const outcome = scoreAssessment(instrument, answers);
    if (!outcome.ok) throw new Error(outcome.errors.join("; "));
    const { total, band, flags } = outcome.score;
    return { assessmentId: uuid(), at, total, band, answers, flags };
  });
  const first = points[0];
  const last = points.at(-1);
  const baseline = first?.total != null ? { total: first.total, at: first.at } : null;
  const latest = last?.total != null ? { total: last.total, at: last.at, band: last.band } : null;
  return {
    instrument,
    baseline,
    latest,
    changePercent: changePercent(baseline?.total ?? null, latest?.total ?? null),
    response: isResponse(baseline?.total ?? null, latest?.total ?? null),
    remission: isRemission(instrument, latest?.total ?? null),
    responseLine: baseline ? responseLine(baseline.total) : null,
    remissionLine: null,
    points,
  };
}

// Six IV infusions at 0.5 mg/kg, Mon/Wed/Fri, across the US daylight-saving change of 9 March.
const INFUSION_DAYS = ["03-03", "03-05", "03-07", "03-10", "03-12", "03-14"];
const dosingSessions: DosingMarker[] = INFUSION_DAYS.map((day, i) => ({
  sessionId: uuid(),
  at: `2025-${day}T15:00:00.000Z`,
  numberInCourse: i + 1,
  doseMg: 35,
  doseMgPerKg: 0.5,
}));

const phq9 = progressOf("PHQ-9", [
  ["2025-03-03T14:00:00.000Z", [3, 3, 2, 3, 2, 3, 2, 1, 2]], // 21, item 9 = 2
  ["2025-03-05T14:10:00.000Z", [3, 2, 2, 3, 2, 2, 2, 1, 2]], // 19
  ["2025-03-07T14:05:00.000Z", [2, 2, 2, 2, 1, 2, 1, 1, 1]], // 14
  ["2025-03-10T14:00:00.000Z", [2, 1, 2, 2, 1, 1, 1, 1, 0]], // 11
  ["2025-03-14T14:00:00.000Z", [1, 1, 1, 2, 1, 1, 1, 0, 0]], // 8
  ["2025-03-21T14:00:00.000Z", [1, 1, 1, 1, 1, 0, 1, 0, 0]], // 6
]);
const gad7 = progressOf("GAD-7", [
  ["2025-03-03T14:00:00.000Z", [3, 2, 3, 2, 2, 2, 2]], // 16
  ["2025-03-21T14:00:00.000Z", [1, 1, 1, 1, 1, 1, 1]], // 7
]);
const qids = progressOf("QIDS-SR16", [
  ["2025-03-03T14:20:00.000Z", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
  ["2025-03-21T14:20:00.000Z", [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]],
]);
const cssrs = progressOf("C-SSRS", [["2025-03-03T14:00:00.000Z", [1, 0, 0, 0, 0, 0, 0]]]);
const cadss = progressOf("CADSS", [["2025-03-03T16:00:00.000Z", Array<number>(23).fill(1)]]);

const progress: Progress = {
  patientId: uuid(),
  primaryInstrument: "PHQ-9",
  firstDosingAt: dosingSessions[0]?.at ?? null,
  instruments: [cssrs, gad7, qids, cadss, phq9],
  dosingSessions,
};

describe("instruments and points", () => {
  it("lists instruments with a total, the primary first; C-SSRS has a risk level, not a total", () => {
    expect(chartableInstruments(progress).map((ip) => ip.instrument)).toEqual([
      "PHQ-9",
      "GAD-7",
      "QIDS-SR16",
      "CADSS",
    ]);
  });

  it("gives each PHQ-9 total in time order with its share of the baseline", () => {
    const points = scoredPoints(phq9);
    expect(points.map((p) => p.total)).toEqual([21, 19, 14, 11, 8, 6]);
    expect(points[0]?.percentOfBaseline).toBe(100);
    expect(points.at(-1)?.percentOfBaseline).toBeCloseTo(28.57, 2);
    expect(points[0]?.flags).toEqual(["suicidal-ideation"]);
  });
});

describe("reference lines and axes", () => {
  it("draws the PHQ-9 baseline, response at half of it and remission below 5", () => {
    expect(instrumentLines(phq9)).toEqual([
      { key: "baseline", value: 21, label: "Baseline 21", tone: "baseline" },
      { key: "response", value: 10.5, label: "Response ≤ 10", tone: "response" },
      { key: "remission", value: 5, label: "Remission < 5", tone: "remission" },
    ]);
  });

  it("uses ≤ 10 for MADRS remission and has no response line for a baseline of 0", () => {
    const madrs = progressOf("MADRS", [
      ["2025-03-03T14:00:00.000Z", [4, 4, 3, 4, 3, 3, 4, 3, 3, 1]],
    ]);
    expect(instrumentLines(madrs).map((l) => l.label)).toEqual([
      "Baseline 32",
      "Response ≤ 16",
      "Remission ≤ 10",
    ]);
    expect(instrumentLines(qids).map((l) => l.label)).toEqual(["Baseline 0", "Remission ≤ 5"]);
    expect(instrumentLines(cadss).map((l) => l.key)).toEqual(["baseline", "response"]);
  });

  it("spans the y axis from 0 to the instrument's maximum total", () => {
    expect(totalAxis("PHQ-9")).toEqual({ domain: [0, 27], ticks: [0, 5, 10, 15, 20, 25] });
    expect(totalAxis("MADRS").ticks).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(totalAxis("PCL-5").ticks).toEqual([0, 20, 40, 60, 80]);
  });
});

describe("all instruments as % of baseline", () => {
  it("charts instruments with a baseline above 0 and says why the others are missing", () => {
    const { series, excluded } = percentSeries(progress);
    expect(series.map((s) => s.instrument)).toEqual(["PHQ-9", "GAD-7"]);
    expect(excluded).toEqual([
      { instrument: "QIDS-SR16", reason: "baseline 0" },
      { instrument: "CADSS", reason: "dissociation scale, not a symptom score" },
      { instrument: "C-SSRS", reason: "risk level, no total" },
    ]);
  });

  it("merges assessments taken at the same time into one row", () => {
    const rows = percentRows(percentSeries(progress).series);
    expect(rows).toHaveLength(6);
    expect(rows[0]?.values).toEqual({ "PHQ-9": 100, "GAD-7": 100 });
    expect(rows[0]?.flagged).toEqual(["PHQ-9"]);
    expect(rows.at(-1)?.values["GAD-7"]).toBeCloseTo(43.75, 2);
  });

  it("reaches at least 100 % and rises above it when a score worsened", () => {
    expect(percentAxis(percentSeries(progress).series).domain).toEqual([0, 125]);
    const worse = progressOf("GAD-7", [
      ["2025-03-03T14:00:00.000Z", [1, 1, 1, 1, 1, 1, 3]], // 9
      ["2025-03-10T14:00:00.000Z", [2, 2, 2, 2, 2, 1, 1]], // 12 → 133 %
    ]);
    const { series } = percentSeries({ ...progress, instruments: [worse] });
    expect(percentAxis(series).domain).toEqual([0, 150]);
  });

  it("summarises the latest share of baseline and the instruments not shown", () => {
    const { series, excluded } = percentSeries(progress);
    expect(percentSummary(series, excluded, 6)).toBe(
      "All instruments as % of baseline, latest: PHQ-9 29 % (6 of 21), GAD-7 44 % (7 of 16); " +
        "6 dosing sessions. Not shown: QIDS-SR16 (baseline 0), " +
        "CADSS (dissociation scale, not a symptom score), C-SSRS (risk level, no total).",
    );
  });
});

describe("summary and tooltip wording", () => {
  it("gathers a visit's questionnaires for the tooltip even when minutes apart", () => {
    const { series } = percentSeries(progress);
    const entries = assessmentsOnDay(series, Date.parse("2025-03-21T14:00:00.000Z"), TZ);
    expect(entries.map((e) => [e.instrument, e.point.total])).toEqual([
      ["PHQ-9", 6],
      ["GAD-7", 7],
    ]);
    const midCourse = assessmentsOnDay(series, Date.parse("2025-03-10T14:00:00.000Z"), TZ);
    expect(midCourse.map((e) => e.instrument)).toEqual(["PHQ-9"]);
  });

  it("reads the whole PHQ-9 course in one sentence", () => {
    expect(instrumentSummary(phq9, 6)).toBe(
      "PHQ-9 from 21 at baseline to 6 latest (−71 %), response, 6 dosing sessions",
    );
    expect(instrumentSummary(cadss, 0)).toBe("CADSS 23, 1 assessment, no dosing sessions");
    expect(instrumentSummary(qids, 6)).toBe(
      "QIDS-SR16 from 0 at baseline to 2 latest (change undefined, baseline 0), remission, " +
        "6 dosing sessions",
    );
  });

  it("writes changes with a true minus sign", () => {
    expect(formatChange(-61.9)).toBe("−62 %");
    expect(formatChange(12.4)).toBe("+12 %");
  });

  it("names the PHQ-9 ideation item when it is above 0", () => {
    expect(ideationItemNote("PHQ-9", [3, 3, 2, 3, 2, 3, 2, 1, 2])).toBe(
      "Item 9 (thoughts of death or self-harm): 2",
    );
    expect(ideationItemNote("PHQ-9", [1, 1, 1, 1, 1, 0, 1, 0, 0])).toBeNull();
    expect(ideationItemNote("GAD-7", [1, 1, 1, 1, 1, 1, 1])).toBeNull();
  });
});

describe("each point in words, for the keyboard", () => {
  const markers = doseMarkers(dosingSessions);
  const context = {
    code: "PHQ-9" as const,
    baselineAt: phq9.baseline?.at ?? null,
    markers,
    timeZone: TZ,
  };
  const points = scoredPoints(phq9);

  it("reads an assessment with its score, band, change and place among the doses", () => {
    const [baseline, , third] = points;
    expect(baseline && instrumentPointText(baseline, context)).toBe(
      "Mon, Mar 3 · 9:00 AM: PHQ-9 21 of 27, severe, baseline. Before dose 1 (0.5 mg/kg), same day. " +
        "Safety flag: Item 9 (thoughts of death or self-harm): 2.",
    );
    expect(third && instrumentPointText(third, context)).toBe(
      "Fri, Mar 7 · 9:05 AM: PHQ-9 14 of 27, moderate, −33 % from baseline. " +
        "Before dose 3 (0.5 mg/kg), same day. Safety flag: Item 9 (thoughts of death or self-harm): 1.",
    );
    const last = points.at(-1);
    expect(last && instrumentPointText(last, { ...context, markers: [] })).toBe(
      "Fri, Mar 21 · 10:00 AM: PHQ-9 6 of 27, mild, −71 % from baseline.",
    );
    // MADRS item 10 at 1 is below the flag threshold: named, not alarmed.
    const madrs = scoredPoints(
      progressOf("MADRS", [["2025-03-03T14:00:00.000Z", [4, 4, 3, 4, 3, 3, 4, 3, 3, 1]]]),
    );
    const madrsContext = {
      code: "MADRS" as const,
      baselineAt: "2025-03-03T14:00:00.000Z",
      markers: [],
      timeZone: TZ,
    };
    expect(madrs[0] && instrumentPointText(madrs[0], madrsContext)).toMatch(
      /: MADRS 32 of 60, [a-z ]+, baseline\. Item 10 \(suicidal thoughts\): 1\.$/,
    );
  });

  it("reads a visit in the % of baseline view with every instrument assessed that day", () => {
    const { series } = percentSeries(progress);
    const rows = percentRows(series);
    const last = rows.at(-1);
    expect(last && percentRowText(last, series, markers, TZ)).toBe(
      "Fri, Mar 21: PHQ-9 29 % of baseline (6, mild); GAD-7 44 % (7, mild). 7 days after dose 6 (0.5 mg/kg).",
    );
    const first = rows[0];
    expect(first && percentRowText(first, series, [], TZ)).toBe(
      "Mon, Mar 3: PHQ-9 100 % of baseline (21, severe), safety flag; GAD-7 100 % (16, severe).",
    );
  });
});

describe("dosing markers and time", () => {
  it("labels weight-based doses in mg/kg and fixed doses in mg", () => {
    expect(formatDose({ doseMgPerKg: 0.5, doseMg: 35 })).toBe("0.5 mg/kg");
    expect(formatDose({ doseMgPerKg: null, doseMg: 56 })).toBe("56 mg");
    expect(formatDose({ doseMgPerKg: null, doseMg: null })).toBeNull();
  });

  it("marks the first dose and each change of dose", () => {
    const changed = [...dosingSessions];
    const fifth = changed[4];
    if (fifth) changed[4] = { ...fifth, doseMgPerKg: 0.75 };
    expect(doseMarkers(changed.reverse()).map((m) => m.doseChanged)).toEqual([
      true,
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it("puts date ticks on clinic midnights across the daylight-saving change", () => {
    const times = scoredPoints(phq9).map((p) => p.t);
    const axis = timeAxis(times, TZ);
    expect(axis.ticks.length).toBeGreaterThan(2);
    expect(axis.ticks.length).toBeLessThanOrEqual(7);
    const hour = new Intl.DateTimeFormat("en-US", { timeZone: TZ, hour: "numeric", hour12: false });
    for (const tick of axis.ticks) expect(hour.format(new Date(tick))).toMatch(/^(0|24)$/);
    expect(dateTickFormatter(axis.domain, TZ)(axis.ticks[0] ?? 0)).toMatch(/^Mar \d+$/);
  });

  it("names a dose given at every session once, and starts weekly ticks on Mondays", () => {
    expect(uniformDose(doseMarkers(dosingSessions))).toBe("0.5 mg/kg");
    const esketamine = dosingSessions.map((s, i) => ({
      ...s,
      doseMgPerKg: null,
      doseMg: i < 2 ? 56 : 84,
    }));
    expect(uniformDose(doseMarkers(esketamine))).toBeNull();
    const fourMonths = [Date.parse("2025-01-08T15:00:00Z"), Date.parse("2025-04-30T15:00:00Z")];
    const weekday = new Intl.DateTimeFormat("en-US", { timeZone: TZ, weekday: "short" });
    const { ticks } = timeAxis(fourMonths, TZ);
    expect(ticks.length).toBeGreaterThan(3);
    for (const tick of ticks) expect(weekday.format(new Date(tick))).toBe("Mon");
  });

  it("says where an assessment falls relative to the doses", () => {
    const markers = doseMarkers(dosingSessions);
    const at = (iso: string): number => Date.parse(iso);
    expect(doseContext(at("2025-03-03T14:00:00.000Z"), markers, TZ)).toBe(
      "Before dose 1 (0.5 mg/kg), same day",
    );
    expect(doseContext(at("2025-03-01T14:00:00.000Z"), markers, TZ)).toBe("Before the first dose");
    expect(doseContext(at("2025-03-10T14:00:00.000Z"), markers, TZ)).toBe(
      "Before dose 4 (0.5 mg/kg), same day",
    );
    expect(doseContext(at("2025-03-03T17:00:00.000Z"), markers, TZ)).toBe(
      "Same day, after dose 1 (0.5 mg/kg)",
    );
    // 9 March, the day clocks change, is still two clinic days after 7 March.
    expect(doseContext(at("2025-03-09T18:00:00.000Z"), markers, TZ)).toBe(
      "2 days after dose 3 (0.5 mg/kg)",
    );
    expect(doseContext(at("2025-03-07T14:05:00.000Z"), [], TZ)).toBeNull();
  });

  it("never lets marker labels overlap, falling back to the session number", () => {
    const byChars = (text: string): number => text.length * 6;
    const label = (x: number, i: number): { x: number; full: string; short: string } => ({
      x,
      full: i === 0 ? "1 · 0.5 mg/kg" : String(i + 1),
      short: String(i + 1),
    });
    const crowded = placeMarkerLabels(
      [0, 20, 40, 100].map(label),
      { left: 0, right: 400 },
      byChars,
    );
    expect(crowded.map((p) => p.text)).toEqual(["1 · 0.5 mg/kg", "4"]);
    // The first dose's label reaches past the next two markers; their numbers give way to it.
    const tight = placeMarkerLabels([0, 30, 60].map(label), { left: 0, right: 400 }, byChars);
    expect(tight.map((p) => p.text)).toEqual(["1 · 0.5 mg/kg"]);
    const spread = placeMarkerLabels(
      [0, 100, 200, 300].map(label),
      { left: 0, right: 400 },
      byChars,
    );
    expect(spread.map((p) => p.text)).toEqual(["1 · 0.5 mg/kg", "2", "3", "4"]);
    const atEdge = placeMarkerLabels(
      [{ x: 398, full: "6", short: "6" }],
      { left: 0, right: 400 },
      byChars,
    );
    expect(atEdge[0]?.anchor).toBe("end");
    // "1 · 0.5 mg/kg" at 11 px is about 70 px wide: it fits before a marker 80 px on.
    expect(estimateTextWidth("1 · 0.5 mg/kg", 11)).toBeGreaterThan(60);
    expect(estimateTextWidth("1 · 0.5 mg/kg", 11)).toBeLessThan(75);
  });
});
