/**
 * What the course chart draws, worked out without React: which instruments can be charted, their
 * points, the baseline / response / remission lines, the "% of baseline" series, the axes and the
 * summary a screen reader hears (CLINICAL.md "Progress across a course"). Time and dosing-marker
 * helpers live in course-chart-time.ts.
 */
import type { InstrumentProgress, Progress } from "@/lib/api/patient-schemas";
import {
  INSTRUMENT_CODES,
  INSTRUMENTS,
  SAFETY_FLAGS,
  type InstrumentCode,
} from "@/lib/clinical/instruments";
import { clinicDateKey } from "@/lib/format";

export type CourseChartMode = "instrument" | "percent";

export type CoursePoint = {
  assessmentId: string;
  /** Epoch milliseconds, the x value. */
  t: number;
  at: string;
  total: number;
  band: string | null;
  answers: number[];
  flags: string[];
  /** total / baseline × 100; null when the baseline is missing or 0. */
  percentOfBaseline: number | null;
};

export type CourseLineTone = "baseline" | "response" | "remission";

export type CourseLine = { key: string; value: number; label: string; tone: CourseLineTone };

export type AxisRange = { domain: [number, number]; ticks: number[] };

/** The percentage at which a reduction counts as a response (CLINICAL.md: at least 50 %). */
export const RESPONSE_PERCENT_OF_BASELINE = 50;

/**
 * Measured after the dose, of the drug's dissociative effect rather than of the illness: a fall
 * from its first value is tolerance, not improvement, so it is not drawn against the response line.
 */
const NOT_A_SYMPTOM_SCORE: readonly InstrumentCode[] = ["CADSS"];

function baselineTotal(ip: InstrumentProgress): number | null {
  return ip.baseline?.total ?? null;
}

/** Assessments with a total, oldest first (C-SSRS has a risk level instead of a total). */
export function scoredPoints(ip: InstrumentProgress): CoursePoint[] {
  const baseline = baselineTotal(ip);
  const points: CoursePoint[] = [];
  for (const p of ip.points) {
    if (p.total === null) continue;
    points.push({
      assessmentId: p.assessmentId,
      t: Date.parse(p.at),
      at: p.at,
      total: p.total,
      band: p.band,
      answers: p.answers,
      flags: p.flags,
      percentOfBaseline: baseline === null || baseline === 0 ? null : (p.total / baseline) * 100,
    });
  }
  return points.sort((a, b) => a.t - b.t);
}

function codeOrder(code: InstrumentCode): number {
  return INSTRUMENT_CODES.indexOf(code);
}

/** Instruments with at least one total, the primary one first, then in the usual order. */
export function chartableInstruments(progress: Progress): InstrumentProgress[] {
  return progress.instruments
    .filter((ip) => ip.points.some((p) => p.total !== null))
    .sort((a, b) => {
      if (a.instrument === progress.primaryInstrument) return -1;
      if (b.instrument === progress.primaryInstrument) return 1;
      return codeOrder(a.instrument) - codeOrder(b.instrument);
    });
}

/** Whole numbers as they are; a half (a response line at 9.5) with one decimal. */
export function formatScore(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * Baseline (dashed), response (50 % of baseline) and remission lines for one instrument. Totals
 * are whole numbers, so a response line at 9.5 is labelled "≤ 9": the highest total that counts.
 */
export function instrumentLines(ip: InstrumentProgress): CourseLine[] {
  const lines: CourseLine[] = [];
  const baseline = baselineTotal(ip);
  if (baseline !== null) {
    lines.push({
      key: "baseline",
      value: baseline,
      label: `Baseline ${baseline}`,
      tone: "baseline",
    });
  }
  const response = ip.responseLine ?? (baseline === null ? null : baseline / 2);
  if (response !== null && baseline !== null && baseline > 0) {
    lines.push({
      key: "response",
      value: response,
      label: `Response ≤ ${Math.floor(response)}`,
      tone: "response",
    });
  }
  const remission = ip.remissionLine ?? INSTRUMENTS[ip.instrument].remission;
  if (remission) {
    const comparator = remission.comparator === "<" ? "<" : "≤";
    lines.push({
      key: "remission",
      value: remission.value,
      label: `Remission ${comparator} ${formatScore(remission.value)}`,
      tone: "remission",
    });
  }
  return lines;
}

export function percentLines(): CourseLine[] {
  return [
    { key: "baseline", value: 100, label: "Baseline 100 %", tone: "baseline" },
    {
      key: "response",
      value: RESPONSE_PERCENT_OF_BASELINE,
      label: `Response ${RESPONSE_PERCENT_OF_BASELINE} %`,
      tone: "response",
    },
  ];
}

function ticksFrom(min: number, max: number, step: number): number[] {
  const ticks: number[] = [];
  for (let tick = min; tick <= max; tick += step) ticks.push(tick);
  return ticks;
}

/** 0 to the instrument's maximum total, so a score is always read against the whole scale. */
export function totalAxis(code: InstrumentCode): AxisRange {
  const max = INSTRUMENTS[code].totalMax ?? 0;
  const step = max <= 30 ? 5 : max <= 60 ? 10 : 20;
  return { domain: [0, max], ticks: ticksFrom(0, max, step) };
}

export type PercentSeries = {
  instrument: InstrumentCode;
  baseline: number;
  points: CoursePoint[];
};

export type PercentExclusion = { instrument: InstrumentCode; reason: string };

function exclusionReason(ip: InstrumentProgress): string | null {
  if (!ip.points.some((p) => p.total !== null)) return "risk level, no total";
  if (NOT_A_SYMPTOM_SCORE.includes(ip.instrument)) return "dissociation scale, not a symptom score";
  const baseline = baselineTotal(ip);
  if (baseline === null) return "no baseline";
  if (baseline === 0) return "baseline 0";
  return null;
}

/**
 * Every symptom instrument with a baseline above 0, as total / baseline × 100. The others are
 * listed with the reason, so an instrument is never silently missing.
 */
export function percentSeries(progress: Progress): {
  series: PercentSeries[];
  excluded: PercentExclusion[];
} {
  const series: PercentSeries[] = [];
  const excluded: PercentExclusion[] = [];
  const withPoints = progress.instruments.filter((ip) => ip.points.length > 0);
  for (const ip of withPoints.sort((a, b) => codeOrder(a.instrument) - codeOrder(b.instrument))) {
    const reason = exclusionReason(ip);
    const baseline = baselineTotal(ip);
    if (reason !== null || baseline === null) {
      excluded.push({ instrument: ip.instrument, reason: reason ?? "no baseline" });
      continue;
    }
    series.push({ instrument: ip.instrument, baseline, points: scoredPoints(ip) });
  }
  return { series, excluded };
}

/** One row per assessment time; an instrument not assessed at that time is absent. */
export type PercentRow = {
  t: number;
  values: Partial<Record<InstrumentCode, number>>;
  /** Instruments whose assessment at this time raised a safety flag. */
  flagged: InstrumentCode[];
};

export function hasSafetyFlag(flags: readonly string[]): boolean {
  return SAFETY_FLAGS.some((flag) => flags.includes(flag));
}

export function percentRows(series: readonly PercentSeries[]): PercentRow[] {
  const byTime = new Map<number, PercentRow>();
  for (const s of series) {
    for (const p of s.points) {
      if (p.percentOfBaseline === null) continue;
      const row = byTime.get(p.t) ?? { t: p.t, values: {}, flagged: [] };
      row.values[s.instrument] = p.percentOfBaseline;
      if (hasSafetyFlag(p.flags)) row.flagged.push(s.instrument);
      byTime.set(p.t, row);
    }
  }
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

export type DayEntry = { instrument: InstrumentCode; point: CoursePoint };

/**
 * Each instrument's assessment on the clinic day of `t` (the nearest in time if there were two),
 * so the tooltip shows a visit's questionnaires together even when they were minutes apart.
 */
export function assessmentsOnDay(
  series: readonly PercentSeries[],
  t: number,
  timeZone: string,
): DayEntry[] {
  const day = clinicDateKey(new Date(t), timeZone);
  const entries: DayEntry[] = [];
  for (const s of series) {
    const sameDay = s.points.filter((p) => clinicDateKey(new Date(p.t), timeZone) === day);
    const nearest = sameDay.sort((a, b) => Math.abs(a.t - t) - Math.abs(b.t - t))[0];
    if (nearest) entries.push({ instrument: s.instrument, point: nearest });
  }
  return entries;
}

/** 0 to at least 100 %, higher when a score rose above its baseline; ticks every 25 %. */
export function percentAxis(series: readonly PercentSeries[]): AxisRange {
  const highest = Math.max(
    100,
    ...series.flatMap((s) => s.points.map((p) => p.percentOfBaseline ?? 0)),
  );
  const max = Math.ceil((highest + 5) / 25) * 25;
  return { domain: [0, max], ticks: ticksFrom(0, max, 25) };
}
