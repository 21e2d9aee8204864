/**
 * Clinic outcomes computed from plain data (CLINICAL.md "Progress across a course"), so the rules
 * are tested without a database: one evaluation per patient, then rates, the distribution of
 * change and the number of dosing sessions it took to respond.
 */
import type { Protocol } from "@/db/schema";
import type { PrimaryInstrument } from "@/lib/clinical/primary-instrument";
import { changePercent, findBaseline, isRemission, isResponse } from "@/lib/clinical/progress";
import { PROTOCOL_LABEL } from "@/lib/labels";
import { diagnosisCategory, type DiagnosisCategory } from "./diagnosis-category";

export type ScoredAssessment = { administeredAt: Date; total: number };

/** One patient's index course and the records its outcome is read from. */
export type PatientCourse = {
  patientId: string;
  diagnosisCode: string;
  diagnosisLabel: string;
  instrument: PrimaryInstrument;
  protocol: Protocol;
  /** Start of the course's first dosing session that went ahead; null before any. */
  firstDosingStart: Date | null;
  /** The patient's totals on the primary instrument, in any order. */
  scores: readonly ScoredAssessment[];
  /** Starts of the patient's completed dosing sessions, in any order. */
  completedDosingStarts: readonly Date[];
};

// In the order they are tested: a patient is counted once, under the first reason that applies.
export const EXCLUSION_REASONS = [
  "not-dosed",
  "no-baseline",
  "baseline-zero",
  "no-follow-up",
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** Completes "4 patients …". */
export const EXCLUSION_LABEL: Readonly<Record<ExclusionReason, string>> = {
  "not-dosed": "not yet dosed",
  "no-baseline": "without a baseline assessment",
  "baseline-zero": "with a baseline of 0",
  "no-follow-up": "without an assessment after baseline",
};

export type PatientOutcome = {
  patientId: string;
  instrument: PrimaryInstrument;
  protocol: Protocol;
  category: DiagnosisCategory;
  baseline: number;
  latest: number;
  /** Negative = improvement. */
  changePct: number;
  response: boolean;
  remission: boolean;
  /** Completed dosing sessions before the first assessment meeting response; null if none did. */
  sessionsToFirstResponse: number | null;
};

export type PatientEvaluation =
  | { included: true; outcome: PatientOutcome }
  | { included: false; patientId: string; reason: ExclusionReason };

/**
 * A patient who has not been dosed has no treatment outcome yet, and one whose only score is the
 * baseline has no change to measure: both are excluded and counted, like a baseline of 0 (change
 * undefined) or no baseline at all, rather than entering the rates as non-responders.
 */
export function evaluatePatient(course: PatientCourse): PatientEvaluation {
  const excluded = (reason: ExclusionReason): PatientEvaluation => ({
    included: false,
    patientId: course.patientId,
    reason,
  });
  if (course.firstDosingStart === null) return excluded("not-dosed");
  const baseline = findBaseline(course.scores, course.firstDosingStart);
  if (baseline === null) return excluded("no-baseline");
  if (baseline.total === 0) return excluded("baseline-zero");
  const after = course.scores
    .filter((s) => s.administeredAt > baseline.administeredAt)
    .sort((a, b) => a.administeredAt.getTime() - b.administeredAt.getTime());
  const latest = after.at(-1);
  if (latest === undefined) return excluded("no-follow-up");
  const changePct = changePercent(baseline.total, latest.total);
  if (changePct === null) return excluded("baseline-zero");

  const firstResponse = after.find((s) => isResponse(baseline.total, s.total));
  return {
    included: true,
    outcome: {
      patientId: course.patientId,
      instrument: course.instrument,
      protocol: course.protocol,
      category: diagnosisCategory(course.diagnosisCode, course.diagnosisLabel),
      baseline: baseline.total,
      latest: latest.total,
      changePct,
      response: isResponse(baseline.total, latest.total),
      remission: isRemission(course.instrument, latest.total) === true,
      sessionsToFirstResponse: firstResponse
        ? course.completedDosingStarts.filter((t) => t < firstResponse.administeredAt).length
        : null,
    },
  };
}

export type OutcomeRate = {
  key: string;
  label: string;
  /** Patients in the group: the denominator of both rates. */
  n: number;
  responders: number;
  remitters: number;
  /** 0–1 */
  responseRate: number;
  /** 0–1 */
  remissionRate: number;
  medianChangePct: number;
};

export type ChangeBin = {
  /** "≤ −90 %", "−60 to −50 %", "≥ +20 %" */
  label: string;
  count: number;
  /** Every change in the bin is a reduction of at least 50 %. */
  meetsResponse: boolean;
};

export type SessionsToResponse = {
  /** Patients who met response at some assessment. */
  n: number;
  median: number | null;
  /** Every session count from the lowest to the highest seen, gaps included. */
  histogram: { sessions: number; count: number }[];
};

export type ClinicOutcomeSummary = {
  /** One evaluation per patient with a course, for drill-down and checks. */
  patients: PatientEvaluation[];
  patientsWithCourse: number;
  included: number;
  /** Only reasons that excluded someone, in `EXCLUSION_REASONS` order. */
  excluded: { reason: ExclusionReason; label: string; count: number }[];
  overall: OutcomeRate | null;
  byProtocol: OutcomeRate[];
  byDiagnosis: OutcomeRate[];
  byInstrument: OutcomeRate[];
  changeDistribution: ChangeBin[];
  sessionsToResponse: SessionsToResponse;
};

export function median(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid];
  if (upper === undefined) return null;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[mid - 1] ?? upper) + upper) / 2;
}

function rate(key: string, label: string, outcomes: readonly PatientOutcome[]): OutcomeRate {
  const n = outcomes.length;
  const responders = outcomes.filter((o) => o.response).length;
  const remitters = outcomes.filter((o) => o.remission).length;
  return {
    key,
    label,
    n,
    responders,
    remitters,
    responseRate: n === 0 ? 0 : responders / n,
    remissionRate: n === 0 ? 0 : remitters / n,
    medianChangePct: median(outcomes.map((o) => o.changePct)) ?? 0,
  };
}

function ratesBy(
  outcomes: readonly PatientOutcome[],
  group: (o: PatientOutcome) => { key: string; label: string },
): OutcomeRate[] {
  const groups = new Map<string, { label: string; members: PatientOutcome[] }>();
  for (const o of outcomes) {
    const { key, label } = group(o);
    const entry = groups.get(key) ?? { label, members: [] };
    entry.members.push(o);
    groups.set(key, entry);
  }
  return [...groups.entries()]
    .map(([key, { label, members }]) => rate(key, label, members))
    .sort((a, b) => b.n - a.n || a.label.localeCompare(b.label));
}

const BIN_LOWEST = -90;
const BIN_HIGHEST = 20;
const BIN_WIDTH = 10;
const signed = (v: number): string => (v > 0 ? `+${v}` : v < 0 ? `−${-v}` : "0");

/**
 * Bins of 10 percentage points, each including its upper edge — (−60, −50] — so every bin at or
 * below −50 % holds responders only; the ends are open: ≤ −90 % and ≥ +20 % (so "+10 to +20 %"
 * stops just short of +20).
 */
export function changeBins(): ChangeBin[] {
  const bins: ChangeBin[] = [{ label: `≤ ${signed(BIN_LOWEST)}%`, count: 0, meetsResponse: true }];
  for (let hi = BIN_LOWEST + BIN_WIDTH; hi <= BIN_HIGHEST; hi += BIN_WIDTH) {
    bins.push({
      label: `${signed(hi - BIN_WIDTH)} to ${signed(hi)}%`,
      count: 0,
      meetsResponse: hi <= -50,
    });
  }
  bins.push({ label: `≥ ${signed(BIN_HIGHEST)}%`, count: 0, meetsResponse: false });
  return bins;
}

/** Index into `changeBins()`, computed on the integer totals so no rounding moves an edge. */
export function changeBinIndex(baseline: number, latest: number): number {
  const last = (BIN_HIGHEST - BIN_LOWEST) / BIN_WIDTH + 1;
  // 100 × (latest − baseline) ≥ 20 × baseline, i.e. a change of +20 % or more.
  if (5 * (latest - baseline) >= baseline) return last;
  // Tens of percent, rounded up: a change in (−60, −50] gives −5.
  const tens = Math.ceil((10 * (latest - baseline)) / baseline);
  return Math.min(last - 1, Math.max(0, tens - BIN_LOWEST / BIN_WIDTH));
}

function sessionsToResponse(outcomes: readonly PatientOutcome[]): SessionsToResponse {
  const counts = outcomes
    .map((o) => o.sessionsToFirstResponse)
    .filter((s): s is number => s !== null);
  const histogram: SessionsToResponse["histogram"] = [];
  if (counts.length > 0) {
    const low = Math.min(1, ...counts);
    const high = Math.max(...counts);
    for (let sessions = low; sessions <= high; sessions += 1) {
      histogram.push({ sessions, count: counts.filter((c) => c === sessions).length });
    }
  }
  return { n: counts.length, median: median(counts), histogram };
}

export function summariseOutcomes(evaluations: readonly PatientEvaluation[]): ClinicOutcomeSummary {
  const outcomes = evaluations.flatMap((e) => (e.included ? [e.outcome] : []));
  const excluded = EXCLUSION_REASONS.map((reason) => ({
    reason,
    label: EXCLUSION_LABEL[reason],
    count: evaluations.filter((e) => !e.included && e.reason === reason).length,
  })).filter((e) => e.count > 0);
  const distribution = changeBins();
  for (const o of outcomes) {
    const bin = distribution[changeBinIndex(o.baseline, o.latest)];
    if (bin) bin.count += 1;
  }
  return {
    patients: [...evaluations],
    patientsWithCourse: evaluations.length,
    included: outcomes.length,
    excluded,
    overall: outcomes.length > 0 ? rate("all", "All patients", outcomes) : null,
    byProtocol: ratesBy(outcomes, (o) => ({ key: o.protocol, label: PROTOCOL_LABEL[o.protocol] })),
    byDiagnosis: ratesBy(outcomes, (o) => ({ key: o.category.code, label: o.category.label })),
    byInstrument: ratesBy(outcomes, (o) => ({ key: o.instrument, label: o.instrument })),
    changeDistribution: distribution,
    sessionsToResponse: sessionsToResponse(outcomes),
  };
}
