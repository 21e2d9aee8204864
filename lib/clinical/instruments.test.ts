import { describe, expect, it } from "vitest";
import { PRIMARY_INSTRUMENTS } from "@/lib/clinical/primary-instrument";
import {
  INSTRUMENT_CODES,
  INSTRUMENTS,
  SAFETY_FLAGS,
  bandFor,
  isInstrumentCode,
  scoreAssessment,
  type AssessmentScore,
  type InstrumentCode,
} from "./instruments";

/** Fills items from the first one, each up to `max`, until `total` is reached. */
function spread(count: number, max: number, total: number): number[] {
  let left = total;
  return Array.from({ length: count }, () => {
    const v = Math.min(max, left);
    left -= v;
    return v;
  });
}

function scored(code: string, answers: readonly unknown[]): AssessmentScore {
  const outcome = scoreAssessment(code, answers);
  if (!outcome.ok) throw new Error(`expected a score, got ${outcome.errors.join("; ")}`);
  return outcome.score;
}

function rejected(code: string, answers: readonly unknown[]): string[] {
  const outcome = scoreAssessment(code, answers);
  if (outcome.ok) throw new Error("expected a rejection");
  return outcome.errors;
}

/** QIDS-SR16 answers whose domain total is `total`: one item per domain, in domain order. */
function qidsForTotal(total: number): number[] {
  const answers = Array.from({ length: 16 }, () => 0);
  const oneItemPerDomain = [1, 5, 6, 10, 11, 12, 13, 14, 15];
  let left = total;
  for (const n of oneItemPerDomain) {
    const v = Math.min(3, left);
    answers[n - 1] = v;
    left -= v;
  }
  return answers;
}

describe("instrument definitions", () => {
  it.each(INSTRUMENT_CODES)("%s has consistent items and contiguous bands", (code) => {
    const def = INSTRUMENTS[code];
    expect(def.code).toBe(code);
    expect(def.items).toHaveLength(def.itemCount);
    expect(def.items.map((i) => i.number)).toEqual(
      Array.from({ length: def.itemCount }, (_, i) => i + 1),
    );
    if (def.bands.length > 0) {
      expect(def.bands[0]?.min).toBe(0);
      expect(def.bands.at(-1)?.max).toBe(def.totalMax);
      def.bands.forEach((band, i) => {
        const next = def.bands[i + 1];
        if (next) expect(next.min).toBe(band.max + 1);
      });
    }
  });

  it("matches CLINICAL.md item counts, ranges, raters and totals", () => {
    const summary = INSTRUMENT_CODES.map((code) => {
      const d = INSTRUMENTS[code];
      return [code, d.itemCount, d.itemMin, d.itemMax, d.rater, d.totalMax];
    });
    expect(summary).toEqual([
      ["PHQ-9", 9, 0, 3, "self", 27],
      ["GAD-7", 7, 0, 3, "self", 21],
      ["PCL-5", 20, 0, 4, "self", 80],
      ["MADRS", 10, 0, 6, "clinician", 60],
      ["QIDS-SR16", 16, 0, 3, "self", 27],
      ["CADSS", 23, 0, 4, "clinician", 92],
      ["C-SSRS", 7, 0, 1, "clinician", null],
    ]);
  });

  it("carries the remission rules", () => {
    expect(INSTRUMENTS["PHQ-9"].remission).toEqual({ comparator: "<", value: 5 });
    expect(INSTRUMENTS["GAD-7"].remission).toEqual({ comparator: "<", value: 5 });
    expect(INSTRUMENTS.MADRS.remission).toEqual({ comparator: "<=", value: 10 });
    expect(INSTRUMENTS["QIDS-SR16"].remission).toEqual({ comparator: "<=", value: 5 });
    expect(INSTRUMENTS["PCL-5"].remission).toEqual({ comparator: "<", value: 33 });
    expect(INSTRUMENTS.CADSS.remission).toBeNull();
    expect(INSTRUMENTS["C-SSRS"].remission).toBeNull();
  });

  it("uses the public-domain PHQ-9 and GAD-7 wording", () => {
    expect(INSTRUMENTS["PHQ-9"].items[8]?.label).toBe(
      "Thoughts that you would be better off dead or of hurting yourself in some way",
    );
    expect(INSTRUMENTS["GAD-7"].items[0]?.label).toBe("Feeling nervous, anxious or on edge");
    expect(INSTRUMENTS["PHQ-9"].responseOptions?.map((o) => o.label)).toEqual([
      "Not at all",
      "Several days",
      "More than half the days",
      "Nearly every day",
    ]);
  });

  it("is frozen", () => {
    expect(Object.isFrozen(INSTRUMENTS)).toBe(true);
    expect(Object.isFrozen(INSTRUMENTS["PHQ-9"])).toBe(true);
    expect(Object.isFrozen(INSTRUMENTS["PHQ-9"].bands)).toBe(true);
    expect(Object.isFrozen(INSTRUMENTS["PHQ-9"].bands[0])).toBe(true);
  });

  it("recognises codes and safety flags", () => {
    expect(isInstrumentCode("PHQ-9")).toBe(true);
    expect(isInstrumentCode("phq-9")).toBe(false);
    expect(isInstrumentCode("BDI-II")).toBe(false);
    expect(SAFETY_FLAGS).toEqual(["suicidal-ideation", "suicide-risk"]);
  });
});

const bandEdges: [InstrumentCode, number, string][] = [
  ["PHQ-9", 0, "minimal"],
  ["PHQ-9", 4, "minimal"],
  ["PHQ-9", 5, "mild"],
  ["PHQ-9", 9, "mild"],
  ["PHQ-9", 10, "moderate"],
  ["PHQ-9", 14, "moderate"],
  ["PHQ-9", 15, "moderately severe"],
  ["PHQ-9", 19, "moderately severe"],
  ["PHQ-9", 20, "severe"],
  ["PHQ-9", 27, "severe"],
  ["GAD-7", 0, "minimal"],
  ["GAD-7", 4, "minimal"],
  ["GAD-7", 5, "mild"],
  ["GAD-7", 9, "mild"],
  ["GAD-7", 10, "moderate"],
  ["GAD-7", 14, "moderate"],
  ["GAD-7", 15, "severe"],
  ["GAD-7", 21, "severe"],
  ["PCL-5", 0, "below threshold"],
  ["PCL-5", 32, "below threshold"],
  ["PCL-5", 33, "probable PTSD"],
  ["PCL-5", 80, "probable PTSD"],
  ["MADRS", 0, "normal"],
  ["MADRS", 6, "normal"],
  ["MADRS", 7, "mild"],
  ["MADRS", 19, "mild"],
  ["MADRS", 20, "moderate"],
  ["MADRS", 34, "moderate"],
  ["MADRS", 35, "severe"],
  ["MADRS", 60, "severe"],
];

describe("scoreAssessment bands", () => {
  it.each(bandEdges)("%s total %i → %s", (code, total, band) => {
    const def = INSTRUMENTS[code];
    const score = scored(code, spread(def.itemCount, def.itemMax, total));
    expect(score.total).toBe(total);
    expect(score.band).toBe(band);
    expect(bandFor(code, total)).toBe(band);
  });

  it.each([
    [0, "none"],
    [5, "none"],
    [6, "mild"],
    [10, "mild"],
    [11, "moderate"],
    [15, "moderate"],
    [16, "severe"],
    [20, "severe"],
    [21, "very severe"],
    [27, "very severe"],
  ])("QIDS-SR16 total %i → %s", (total, band) => {
    const score = scored("QIDS-SR16", qidsForTotal(total));
    expect(score.total).toBe(total);
    expect(score.band).toBe(band);
  });

  it("scores a realistic PHQ-9 item by item", () => {
    // Moderate depression, no thoughts of self-harm.
    expect(scored("PHQ-9", [2, 2, 3, 2, 1, 1, 1, 0, 0])).toEqual({
      total: 12,
      band: "moderate",
      flags: [],
    });
  });
});

describe("scoreAssessment rejections", () => {
  it("rejects an unknown instrument", () => {
    expect(rejected("BDI-II", [1, 2])).toEqual(["Unknown instrument BDI-II"]);
  });

  it.each(INSTRUMENT_CODES)("%s rejects one item too few and one too many", (code) => {
    const n = INSTRUMENTS[code].itemCount;
    expect(
      rejected(
        code,
        Array.from({ length: n - 1 }, () => 0),
      ),
    ).toEqual([`${code} needs ${n} answers, got ${n - 1}`]);
    expect(
      rejected(
        code,
        Array.from({ length: n + 1 }, () => 0),
      ),
    ).toEqual([`${code} needs ${n} answers, got ${n + 1}`]);
  });

  it.each(INSTRUMENT_CODES)("%s rejects values just outside the item range", (code) => {
    const def = INSTRUMENTS[code];
    const zeros = (): number[] => Array.from({ length: def.itemCount }, () => 0);
    const tooHigh = zeros();
    tooHigh[0] = def.itemMax + 1;
    expect(rejected(code, tooHigh)).toEqual([
      `${code} item 1 must be an integer from 0 to ${def.itemMax} (got ${def.itemMax + 1})`,
    ]);
    const negative = zeros();
    negative[def.itemCount - 1] = -1;
    expect(rejected(code, negative)).toEqual([
      `${code} item ${def.itemCount} must be an integer from 0 to ${def.itemMax} (got -1)`,
    ]);
    const atMax = zeros();
    atMax[0] = def.itemMax;
    expect(scoreAssessment(code, atMax).ok).toBe(true);
  });

  it("rejects non-integers and non-numbers, listing every bad item", () => {
    expect(rejected("GAD-7", [1, 1.5, "2", null, 0, 0, 0])).toEqual([
      "GAD-7 item 2 must be an integer from 0 to 3 (got 1.5)",
      'GAD-7 item 3 must be an integer from 0 to 3 (got "2")',
      "GAD-7 item 4 must be an integer from 0 to 3 (got null)",
    ]);
    expect(rejected("PHQ-9", [0, 0, 0, 0, 0, 0, 0, 0, Number.NaN])).toEqual([
      "PHQ-9 item 9 must be an integer from 0 to 3 (got NaN)",
    ]);
  });
});

describe("safety flags", () => {
  it("PHQ-9 item 9: 0 → none, 1 → suicidal-ideation", () => {
    expect(scored("PHQ-9", [1, 1, 2, 1, 1, 0, 1, 0, 0]).flags).toEqual([]);
    expect(scored("PHQ-9", [1, 1, 2, 1, 1, 0, 1, 0, 1]).flags).toEqual(["suicidal-ideation"]);
  });

  it("QIDS-SR16 item 12: 0 → none, 1 → suicidal-ideation", () => {
    const answers = [1, 2, 0, 0, 2, 1, 0, 1, 0, 2, 2, 0, 2, 2, 1, 0];
    expect(scored("QIDS-SR16", answers).flags).toEqual([]);
    answers[11] = 1;
    expect(scored("QIDS-SR16", answers).flags).toEqual(["suicidal-ideation"]);
  });

  it("MADRS item 10: 1 → none, 2 → suicidal-ideation", () => {
    const answers = [3, 3, 2, 4, 2, 3, 3, 2, 3, 1];
    expect(scored("MADRS", answers)).toEqual({ total: 26, band: "moderate", flags: [] });
    answers[9] = 2;
    expect(scored("MADRS", answers).flags).toEqual(["suicidal-ideation"]);
  });

  it("GAD-7, PCL-5 and CADSS never carry a safety flag", () => {
    expect(scored("GAD-7", [3, 3, 3, 3, 3, 3, 3]).flags).toEqual([]);
    expect(
      scored(
        "CADSS",
        Array.from({ length: 23 }, () => 4),
      ).flags,
    ).toEqual([]);
  });
});

describe("QIDS-SR16 domains", () => {
  it("takes the maximum of the sleep, appetite/weight and psychomotor items", () => {
    // Sleep 1,3,2,0 → 3; appetite/weight 2,0,1,0 → 2; psychomotor 1,2 → 2.
    const score = scored("QIDS-SR16", [1, 3, 2, 0, 2, 2, 0, 1, 0, 1, 2, 0, 2, 1, 1, 2]);
    expect(score.domains).toEqual({
      sleep: 3,
      sadMood: 2,
      appetiteWeight: 2,
      concentration: 1,
      selfView: 2,
      suicidalIdeation: 0,
      interest: 2,
      energy: 1,
      psychomotor: 2,
    });
    expect(score.total).toBe(15);
    expect(score.band).toBe("moderate");
  });

  it("caps the total at 27 even with every item at 3", () => {
    const score = scored(
      "QIDS-SR16",
      Array.from({ length: 16 }, () => 3),
    );
    expect(score.total).toBe(27);
    expect(score.band).toBe("very severe");
  });

  it("counts each domain once when only the later items of a group are endorsed", () => {
    const answers = Array.from({ length: 16 }, () => 0);
    answers[3] = 3; // sleeping too much
    answers[8] = 2; // increased weight
    answers[15] = 1; // feeling restless
    expect(scored("QIDS-SR16", answers)).toMatchObject({
      total: 6,
      domains: { sleep: 3, appetiteWeight: 2, psychomotor: 1 },
    });
  });
});

describe("PCL-5 DSM-5 pattern", () => {
  // Items rated ≥ 2: B 1 of 1–5, C 1 of 6–7, D 2 of 8–14, E 2 of 15–20 — the minimum pattern.
  const minimal = [2, 1, 1, 1, 1, 2, 0, 2, 2, 1, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1];

  it("flags the minimal pattern", () => {
    expect(scored("PCL-5", minimal)).toEqual({
      total: 25,
      band: "below threshold",
      flags: ["dsm5-pattern"],
    });
  });

  it.each([
    ["B (items 1–5)", 0],
    ["C (items 6–7)", 5],
    ["D (items 8–14)", 8],
    ["E (items 15–20)", 14],
  ])("misses the pattern when cluster %s falls one short", (_cluster, index) => {
    const answers = [...minimal];
    answers[index] = 1;
    expect(scored("PCL-5", answers).flags).toEqual([]);
  });

  it("counts an item only when rated 2 or more", () => {
    const allOnes = Array.from({ length: 20 }, () => 1);
    expect(scored("PCL-5", allOnes)).toEqual({ total: 20, band: "below threshold", flags: [] });
  });

  it("can be probable PTSD by total without the pattern", () => {
    const answers = [4, 4, 4, 4, 4, 0, 0, 4, 1, 1, 1, 1, 1, 1, 4, 1, 1, 1, 0, 0];
    expect(scored("PCL-5", answers)).toEqual({ total: 37, band: "probable PTSD", flags: [] });
  });
});

describe("CADSS", () => {
  it("reports a total with no band", () => {
    const answers = [1, 2, 0, 1, 3, 2, 1, 0, 0, 1, 2, 1, 0, 0, 1, 2, 1, 0, 0, 1, 0, 0, 1];
    expect(scored("CADSS", answers)).toEqual({ total: 20, band: null, flags: [] });
    expect(
      scored(
        "CADSS",
        Array.from({ length: 23 }, () => 4),
      ).total,
    ).toBe(92);
  });
});

describe("C-SSRS screener", () => {
  it.each([
    ["no to everything", "none", [0, 0, 0, 0, 0, 0, 0]],
    ["wish to be dead only", "low", [1, 0, 0, 0, 0, 0, 0]],
    ["active thoughts only", "low", [1, 1, 0, 0, 0, 0, 0]],
    ["thoughts with method", "moderate", [1, 1, 1, 0, 0, 0, 0]],
    ["lifetime behaviour, not recent", "moderate", [0, 0, 0, 0, 0, 1, 0]],
    ["intent without plan", "high", [1, 1, 1, 1, 0, 0, 0]],
    ["plan and intent", "high", [1, 1, 1, 1, 1, 0, 0]],
    ["intent asked after Q2, Q3 no", "high", [0, 1, 0, 1, 0, 0, 0]],
    ["behaviour within 3 months", "high", [0, 0, 0, 0, 0, 1, 1]],
  ] as const)("%s → %s", (_case, risk, answers) => {
    const score = scored("C-SSRS", answers);
    expect(score.total).toBeNull();
    expect(score.risk).toBe(risk);
    expect(score.band).toBe(risk);
    expect(score.flags).toEqual(risk === "moderate" || risk === "high" ? ["suicide-risk"] : []);
  });

  it("rejects a yes to Q3, Q4 or Q5 when Q2 is no", () => {
    expect(rejected("C-SSRS", [1, 0, 1, 0, 0, 0, 0])).toEqual([
      "C-SSRS Q3 is answered yes but is asked only when Q2 is yes",
    ]);
    expect(rejected("C-SSRS", [1, 0, 0, 1, 1, 0, 0])).toEqual([
      "C-SSRS Q4 is answered yes but is asked only when Q2 is yes",
      "C-SSRS Q5 is answered yes but is asked only when Q2 is yes",
    ]);
  });

  it("rejects a yes to Q6-within-3-months when Q6 is no", () => {
    expect(rejected("C-SSRS", [0, 0, 0, 0, 0, 0, 1])).toEqual([
      "C-SSRS Q6 within 3 months is answered yes but is asked only when Q6 is yes",
    ]);
  });

  it("rejects answers other than 0 and 1", () => {
    expect(rejected("C-SSRS", [2, 0, 0, 0, 0, 0, 0])).toEqual([
      "C-SSRS item 1 must be an integer from 0 to 1 (got 2)",
    ]);
  });
});

describe("CADSS", () => {
  // The caseload leaves CADSS scores out of what it reads for each patient: this is why it may.
  it("raises no safety flag at any score, and is never a primary outcome", () => {
    for (const value of [0, 1, 2, 3, 4]) {
      const outcome = scoreAssessment(
        "CADSS",
        Array.from({ length: 23 }, () => value),
      );
      expect(outcome.ok).toBe(true);
      if (outcome.ok) expect(outcome.score.flags).toEqual([]);
    }
    expect(PRIMARY_INSTRUMENTS).not.toContain("CADSS");
  });
});
