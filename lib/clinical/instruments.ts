/**
 * Symptom instruments and their scoring (CLINICAL.md "Symptom instruments"). Answers are stored
 * item by item; totals, bands and flags are computed here and never typed.
 */

export const INSTRUMENT_CODES = [
  "PHQ-9",
  "GAD-7",
  "PCL-5",
  "MADRS",
  "QIDS-SR16",
  "CADSS",
  "C-SSRS",
] as const;

export type InstrumentCode = (typeof INSTRUMENT_CODES)[number];

export type Rater = "self" | "clinician";

/** Inclusive total range and its label, spelled exactly as in CLINICAL.md. */
export type Band = { readonly min: number; readonly max: number; readonly label: string };

/** Remission when `total comparator value`. */
export type RemissionRule = { readonly comparator: "<" | "<="; readonly value: number };

export type InstrumentItem = { readonly number: number; readonly label: string };

export type ResponseOption = { readonly value: number; readonly label: string };

export type InstrumentDefinition = {
  readonly code: InstrumentCode;
  readonly name: string;
  readonly source: string;
  readonly itemCount: number;
  readonly itemMin: number;
  readonly itemMax: number;
  readonly rater: Rater;
  /** Null for C-SSRS, which has no total (its result is a risk level). */
  readonly totalMax: number | null;
  /** Empty for CADSS (no bands) and C-SSRS (risk levels instead, see `CSSRS_RISKS`). */
  readonly bands: readonly Band[];
  readonly remission: RemissionRule | null;
  /** Question stem shown above the items, where the instrument has a public-domain one. */
  readonly stem: string | null;
  readonly responseOptions: readonly ResponseOption[] | null;
  readonly items: readonly InstrumentItem[];
};

export type AssessmentFlag = "suicidal-ideation" | "suicide-risk" | "dsm5-pattern";

/** Flags shown prominently to the psychiatrist and the nurse on duty and listed on the caseload. */
export const SAFETY_FLAGS: readonly AssessmentFlag[] = Object.freeze([
  "suicidal-ideation",
  "suicide-risk",
]);

export const CSSRS_RISKS = ["none", "low", "moderate", "high"] as const;

export type CssrsRisk = (typeof CSSRS_RISKS)[number];

/** QIDS-SR16's nine domains, each 0–3; the total is their sum. */
export type QidsDomains = {
  sleep: number;
  sadMood: number;
  appetiteWeight: number;
  concentration: number;
  selfView: number;
  suicidalIdeation: number;
  interest: number;
  energy: number;
  psychomotor: number;
};

export type AssessmentScore = {
  /** Null for C-SSRS. */
  total: number | null;
  /** Band label; the risk level for C-SSRS; null for CADSS. */
  band: string | null;
  flags: AssessmentFlag[];
  /** C-SSRS only. */
  risk?: CssrsRisk;
  /** QIDS-SR16 only. */
  domains?: QidsDomains;
};

export type ScoreOutcome = { ok: true; score: AssessmentScore } | { ok: false; errors: string[] };

function numbered(labels: readonly string[]): readonly InstrumentItem[] {
  return labels.map((label, i) => ({ number: i + 1, label }));
}

// Kroenke, Spitzer & Williams 2001 (PHQ-9) and Spitzer et al. 2006 (GAD-7); both public domain.
const PHQ_GAD_STEM =
  "Over the last 2 weeks, how often have you been bothered by any of the following problems?";

const PHQ_GAD_OPTIONS: readonly ResponseOption[] = [
  { value: 0, label: "Not at all" },
  { value: 1, label: "Several days" },
  { value: 2, label: "More than half the days" },
  { value: 3, label: "Nearly every day" },
];

const definitions: Record<InstrumentCode, InstrumentDefinition> = {
  "PHQ-9": {
    code: "PHQ-9",
    name: "Patient Health Questionnaire-9",
    source: "Kroenke, Spitzer & Williams, J Gen Intern Med 2001",
    itemCount: 9,
    itemMin: 0,
    itemMax: 3,
    rater: "self",
    totalMax: 27,
    bands: [
      { min: 0, max: 4, label: "minimal" },
      { min: 5, max: 9, label: "mild" },
      { min: 10, max: 14, label: "moderate" },
      { min: 15, max: 19, label: "moderately severe" },
      { min: 20, max: 27, label: "severe" },
    ],
    remission: { comparator: "<", value: 5 },
    stem: PHQ_GAD_STEM,
    responseOptions: PHQ_GAD_OPTIONS,
    items: numbered([
      "Little interest or pleasure in doing things",
      "Feeling down, depressed, or hopeless",
      "Trouble falling or staying asleep, or sleeping too much",
      "Feeling tired or having little energy",
      "Poor appetite or overeating",
      "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
      "Trouble concentrating on things, such as reading the newspaper or watching television",
      "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
      "Thoughts that you would be better off dead or of hurting yourself in some way",
    ]),
  },
  "GAD-7": {
    code: "GAD-7",
    name: "Generalized Anxiety Disorder-7",
    source: "Spitzer, Kroenke, Williams & Löwe, Arch Intern Med 2006",
    itemCount: 7,
    itemMin: 0,
    itemMax: 3,
    rater: "self",
    totalMax: 21,
    bands: [
      { min: 0, max: 4, label: "minimal" },
      { min: 5, max: 9, label: "mild" },
      { min: 10, max: 14, label: "moderate" },
      { min: 15, max: 21, label: "severe" },
    ],
    remission: { comparator: "<", value: 5 },
    stem: PHQ_GAD_STEM,
    responseOptions: PHQ_GAD_OPTIONS,
    items: numbered([
      "Feeling nervous, anxious or on edge",
      "Not being able to stop or control worrying",
      "Worrying too much about different things",
      "Trouble relaxing",
      "Being so restless that it is hard to sit still",
      "Becoming easily annoyed or irritable",
      "Feeling afraid as if something awful might happen",
    ]),
  },
  "PCL-5": {
    code: "PCL-5",
    name: "PTSD Checklist for DSM-5",
    source: "Weathers et al., National Center for PTSD 2013",
    itemCount: 20,
    itemMin: 0,
    itemMax: 4,
    rater: "self",
    totalMax: 80,
    bands: [
      { min: 0, max: 32, label: "below threshold" },
      { min: 33, max: 80, label: "probable PTSD" },
    ],
    remission: { comparator: "<", value: 33 },
    stem: null,
    responseOptions: [
      { value: 0, label: "Not at all" },
      { value: 1, label: "A little bit" },
      { value: 2, label: "Moderately" },
      { value: 3, label: "Quite a bit" },
      { value: 4, label: "Extremely" },
    ],
    // Short domain labels; clusters B (1–5), C (6–7), D (8–14), E (15–20).
    items: numbered([
      "Intrusive memories",
      "Disturbing dreams",
      "Flashbacks",
      "Upset at reminders",
      "Physical reactions to reminders",
      "Avoiding memories, thoughts or feelings",
      "Avoiding external reminders",
      "Trouble remembering the event",
      "Negative beliefs about self, others or the world",
      "Blaming self or others",
      "Strong negative feelings",
      "Loss of interest in activities",
      "Feeling distant or cut off",
      "Trouble experiencing positive feelings",
      "Irritability or angry outbursts",
      "Risk-taking or self-destructive behaviour",
      "Being superalert or on guard",
      "Feeling jumpy or easily startled",
      "Difficulty concentrating",
      "Trouble falling or staying asleep",
    ]),
  },
  MADRS: {
    code: "MADRS",
    name: "Montgomery–Åsberg Depression Rating Scale",
    source: "Montgomery & Åsberg, Br J Psychiatry 1979",
    itemCount: 10,
    itemMin: 0,
    itemMax: 6,
    rater: "clinician",
    totalMax: 60,
    bands: [
      { min: 0, max: 6, label: "normal" },
      { min: 7, max: 19, label: "mild" },
      { min: 20, max: 34, label: "moderate" },
      { min: 35, max: 60, label: "severe" },
    ],
    remission: { comparator: "<=", value: 10 },
    stem: null,
    responseOptions: null,
    items: numbered([
      "Apparent sadness",
      "Reported sadness",
      "Inner tension",
      "Reduced sleep",
      "Reduced appetite",
      "Concentration difficulties",
      "Lassitude",
      "Inability to feel",
      "Pessimistic thoughts",
      "Suicidal thoughts",
    ]),
  },
  "QIDS-SR16": {
    code: "QIDS-SR16",
    name: "Quick Inventory of Depressive Symptomatology (Self-Report, 16 items)",
    source: "Rush et al., Biol Psychiatry 2003",
    itemCount: 16,
    itemMin: 0,
    itemMax: 3,
    rater: "self",
    totalMax: 27,
    bands: [
      { min: 0, max: 5, label: "none" },
      { min: 6, max: 10, label: "mild" },
      { min: 11, max: 15, label: "moderate" },
      { min: 16, max: 20, label: "severe" },
      { min: 21, max: 27, label: "very severe" },
    ],
    remission: { comparator: "<=", value: 5 },
    stem: null,
    responseOptions: null,
    items: numbered([
      "Falling asleep",
      "Sleep during the night",
      "Waking up too early",
      "Sleeping too much",
      "Feeling sad",
      "Decreased appetite",
      "Increased appetite",
      "Decreased weight (last two weeks)",
      "Increased weight (last two weeks)",
      "Concentration / decision making",
      "View of myself",
      "Thoughts of death or suicide",
      "General interest",
      "Energy level",
      "Feeling slowed down",
      "Feeling restless",
    ]),
  },
  CADSS: {
    code: "CADSS",
    name: "Clinician-Administered Dissociative States Scale (23 items)",
    source: "Bremner et al., J Trauma Stress 1998; 23-item version as used in ketamine trials",
    itemCount: 23,
    itemMin: 0,
    itemMax: 4,
    rater: "clinician",
    totalMax: 92,
    bands: [],
    remission: null,
    stem: null,
    responseOptions: [
      { value: 0, label: "Not at all" },
      { value: 1, label: "Slightly" },
      { value: 2, label: "Moderately" },
      { value: 3, label: "Considerably" },
      { value: 4, label: "Extremely" },
    ],
    // Item wording is not reproduced; items are shown by number with the scale's domain.
    items: Array.from({ length: 23 }, (_, i) => ({
      number: i + 1,
      label: `Item ${i + 1} (dissociative state)`,
    })),
  },
  "C-SSRS": {
    code: "C-SSRS",
    name: "Columbia–Suicide Severity Rating Scale (screener)",
    source: "Posner et al., Am J Psychiatry 2011",
    itemCount: 7,
    itemMin: 0,
    itemMax: 1,
    rater: "clinician",
    totalMax: null,
    bands: [],
    remission: null,
    stem: null,
    responseOptions: [
      { value: 0, label: "No" },
      { value: 1, label: "Yes" },
    ],
    // Q3–Q5 are asked only after a yes to Q2; the last answer only after a yes to Q6.
    items: numbered([
      "Q1 Wish to be dead",
      "Q2 Non-specific active suicidal thoughts",
      "Q3 Suicidal thoughts with method (without plan or intent)",
      "Q4 Suicidal intent (without specific plan)",
      "Q5 Suicidal intent with specific plan",
      "Q6 Suicidal behaviour (lifetime)",
      "Q6 within the past 3 months",
    ]),
  },
};

function deepFreezeDefinition(def: InstrumentDefinition): InstrumentDefinition {
  for (const band of def.bands) Object.freeze(band);
  for (const item of def.items) Object.freeze(item);
  for (const option of def.responseOptions ?? []) Object.freeze(option);
  Object.freeze(def.bands);
  Object.freeze(def.items);
  if (def.responseOptions) Object.freeze(def.responseOptions);
  if (def.remission) Object.freeze(def.remission);
  return Object.freeze(def);
}

for (const code of INSTRUMENT_CODES) deepFreezeDefinition(definitions[code]);

export const INSTRUMENTS: Readonly<Record<InstrumentCode, InstrumentDefinition>> =
  Object.freeze(definitions);

export function isInstrumentCode(value: string): value is InstrumentCode {
  return INSTRUMENT_CODES.some((code) => code === value);
}

/** The band label for a total, or null when the instrument has no bands. */
export function bandFor(code: InstrumentCode, total: number): string | null {
  const band = INSTRUMENTS[code].bands.find((b) => total >= b.min && total <= b.max);
  return band ? band.label : null;
}

/** 1-based item access; validation guarantees the index exists. */
function item(answers: readonly number[], n: number): number {
  const value = answers[n - 1];
  if (value === undefined) throw new Error(`Missing item ${n}`);
  return value;
}

function sum(values: readonly number[]): number {
  return values.reduce((acc, v) => acc + v, 0);
}

function maxOfItems(answers: readonly number[], from: number, to: number): number {
  let max = 0;
  for (let n = from; n <= to; n += 1) max = Math.max(max, item(answers, n));
  return max;
}

function countAtLeast(answers: readonly number[], from: number, to: number, min: number): number {
  let count = 0;
  for (let n = from; n <= to; n += 1) if (item(answers, n) >= min) count += 1;
  return count;
}

function describeValue(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function validateAnswers(def: InstrumentDefinition, answers: readonly unknown[]): string[] {
  if (answers.length !== def.itemCount) {
    return [`${def.code} needs ${def.itemCount} answers, got ${answers.length}`];
  }
  const errors: string[] = [];
  answers.forEach((value, i) => {
    if (
      typeof value !== "number" ||
      !Number.isInteger(value) ||
      value < def.itemMin ||
      value > def.itemMax
    ) {
      errors.push(
        `${def.code} item ${i + 1} must be an integer from ${def.itemMin} to ${def.itemMax} (got ${describeValue(value)})`,
      );
    }
  });
  return errors;
}

/**
 * C-SSRS screener skip logic: Q3–Q5 only when Q2 is yes, Q6-within-3-months only when Q6 is yes.
 * A yes to a question that was not asked is inconsistent.
 */
function cssrsSkipErrors(a: readonly number[]): string[] {
  const errors: string[] = [];
  if (item(a, 2) === 0) {
    for (const q of [3, 4, 5]) {
      if (item(a, q) === 1) {
        errors.push(`C-SSRS Q${q} is answered yes but is asked only when Q2 is yes`);
      }
    }
  }
  if (item(a, 6) === 0 && item(a, 7) === 1) {
    errors.push("C-SSRS Q6 within 3 months is answered yes but is asked only when Q6 is yes");
  }
  return errors;
}

function cssrsRisk(a: readonly number[]): CssrsRisk {
  if (item(a, 4) === 1 || item(a, 5) === 1 || item(a, 7) === 1) return "high";
  if (item(a, 3) === 1 || item(a, 6) === 1) return "moderate";
  if (item(a, 1) === 1 || item(a, 2) === 1) return "low";
  return "none";
}

function qidsDomains(a: readonly number[]): QidsDomains {
  return {
    sleep: maxOfItems(a, 1, 4),
    sadMood: item(a, 5),
    appetiteWeight: maxOfItems(a, 6, 9),
    concentration: item(a, 10),
    selfView: item(a, 11),
    suicidalIdeation: item(a, 12),
    interest: item(a, 13),
    energy: item(a, 14),
    psychomotor: maxOfItems(a, 15, 16),
  };
}

/** DSM-5 pattern on the PCL-5: an item rated ≥ 2 (moderately) counts as a symptom. */
function pclDsm5Pattern(a: readonly number[]): boolean {
  return (
    countAtLeast(a, 1, 5, 2) >= 1 &&
    countAtLeast(a, 6, 7, 2) >= 1 &&
    countAtLeast(a, 8, 14, 2) >= 2 &&
    countAtLeast(a, 15, 20, 2) >= 2
  );
}

/**
 * Scores one answer set. Rejects (ok: false) an unknown instrument, the wrong number of items,
 * a non-integer or out-of-range value, or an inconsistent C-SSRS skip; nothing should be stored.
 */
export function scoreAssessment(code: string, answers: readonly unknown[]): ScoreOutcome {
  if (!isInstrumentCode(code)) return { ok: false, errors: [`Unknown instrument ${code}`] };
  if (!Array.isArray(answers)) return { ok: false, errors: ["Answers must be a list"] };
  const def = INSTRUMENTS[code];
  const errors = validateAnswers(def, answers);
  if (errors.length > 0) return { ok: false, errors };
  const a: number[] = answers.filter((v): v is number => typeof v === "number");

  switch (code) {
    case "PHQ-9":
    case "GAD-7":
    case "MADRS": {
      const total = sum(a);
      const flags: AssessmentFlag[] = [];
      // PHQ-9 item 9 > 0 and MADRS item 10 (suicidal thoughts) ≥ 2 → suicidal ideation.
      if (code === "PHQ-9" && item(a, 9) > 0) flags.push("suicidal-ideation");
      if (code === "MADRS" && item(a, 10) >= 2) flags.push("suicidal-ideation");
      return { ok: true, score: { total, band: bandFor(code, total), flags } };
    }
    case "PCL-5": {
      const total = sum(a);
      const flags: AssessmentFlag[] = pclDsm5Pattern(a) ? ["dsm5-pattern"] : [];
      return { ok: true, score: { total, band: bandFor(code, total), flags } };
    }
    case "QIDS-SR16": {
      const domains = qidsDomains(a);
      const total = sum(Object.values(domains));
      const flags: AssessmentFlag[] = item(a, 12) > 0 ? ["suicidal-ideation"] : [];
      return { ok: true, score: { total, band: bandFor(code, total), flags, domains } };
    }
    case "CADSS":
      return { ok: true, score: { total: sum(a), band: null, flags: [] } };
    case "C-SSRS": {
      const skipErrors = cssrsSkipErrors(a);
      if (skipErrors.length > 0) return { ok: false, errors: skipErrors };
      const risk = cssrsRisk(a);
      const flags: AssessmentFlag[] =
        risk === "moderate" || risk === "high" ? ["suicide-risk"] : [];
      return { ok: true, score: { total: null, band: risk, flags, risk } };
    }
    default: {
      const unreachable: never = code;
      throw new Error(`Unhandled instrument ${String(unreachable)}`);
    }
  }
}
