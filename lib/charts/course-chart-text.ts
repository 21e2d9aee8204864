/**
 * The course chart's words: the summary a screen reader hears in place of the drawing, what it
 * hears for each point as the keyboard moves along the chart, and the details' phrasing of a
 * change and of the suicidal-ideation item.
 */
import type { InstrumentProgress } from "@/lib/api/patient-schemas";
import { INSTRUMENTS, type InstrumentCode } from "@/lib/clinical/instruments";
import {
  assessmentsOnDay,
  hasSafetyFlag,
  scoredPoints,
  type CoursePoint,
  type PercentExclusion,
  type PercentRow,
  type PercentSeries,
} from "@/lib/charts/course-chart-model";
import { doseContext, type DoseMarker } from "@/lib/charts/course-chart-time";
import { formatDate, formatTime } from "@/lib/format";

/** "−62 %" with a true minus sign; "+10 %" for a worsening. */
export function formatChange(percent: number): string {
  const rounded = Math.round(percent);
  if (rounded === 0) return "0 %";
  return rounded < 0 ? `−${Math.abs(rounded)} %` : `+${rounded} %`;
}

function countOf(n: number, singular: string, plural: string): string {
  if (n === 0) return `no ${plural}`;
  return `${n} ${n === 1 ? singular : plural}`;
}

export function dosingCount(n: number): string {
  return countOf(n, "dosing session", "dosing sessions");
}

/** "PHQ-9 from 21 at baseline to 8 latest (−62 %), response, 6 dosing sessions". */
export function instrumentSummary(ip: InstrumentProgress, dosingSessions: number): string {
  const points = scoredPoints(ip);
  const latest = ip.latest ?? points.at(-1) ?? null;
  const parts: string[] = [];
  if (ip.baseline && latest && points.length > 1) {
    const change =
      ip.changePercent === null ? "change undefined, baseline 0" : formatChange(ip.changePercent);
    parts.push(
      `${ip.instrument} from ${ip.baseline.total} at baseline to ${latest.total} latest (${change})`,
    );
    // Response is a share of the baseline, so it is not stated when the baseline is 0.
    if (ip.baseline.total > 0) parts.push(ip.response ? "response" : "no response");
    if (ip.remission === true) parts.push("remission");
  } else if (latest) {
    parts.push(`${ip.instrument} ${latest.total}${latest.band ? ` (${latest.band})` : ""}`);
    parts.push(countOf(points.length, "assessment", "assessments"));
  }
  parts.push(dosingCount(dosingSessions));
  return parts.join(", ");
}

/** "All instruments as % of baseline, latest: PHQ-9 29 %, GAD-7 44 %; 6 dosing sessions; …". */
export function percentSummary(
  series: readonly PercentSeries[],
  excluded: readonly PercentExclusion[],
  dosingSessions: number,
): string {
  const latest = series.map((s) => {
    const last = s.points.at(-1);
    const pct = last?.percentOfBaseline;
    return pct === undefined || pct === null
      ? s.instrument
      : `${s.instrument} ${Math.round(pct)} % (${last?.total} of ${s.baseline})`;
  });
  const sentences = [
    series.length > 0
      ? `All instruments as % of baseline, latest: ${latest.join(", ")}; ${dosingCount(dosingSessions)}.`
      : `No instrument has a baseline above 0; ${dosingCount(dosingSessions)}.`,
  ];
  if (excluded.length > 0) {
    sentences.push(
      `Not shown: ${excluded.map((e) => `${e.instrument} (${e.reason})`).join(", ")}.`,
    );
  }
  return sentences.join(" ");
}

/**
 * The item that raises the suicidal-ideation flag (CLINICAL.md "Safety flags"), with a short
 * name a psychiatrist recognises, so a tooltip can name it whenever it is above 0.
 */
const IDEATION_ITEM: Partial<Record<InstrumentCode, { number: number; name: string }>> = {
  "PHQ-9": { number: 9, name: "thoughts of death or self-harm" },
  "QIDS-SR16": { number: 12, name: "thoughts of death or suicide" },
  MADRS: { number: 10, name: "suicidal thoughts" },
};

/** "Item 9 (thoughts of death or self-harm): 1", or null when the item is 0 or absent. */
export function ideationItemNote(code: InstrumentCode, answers: readonly number[]): string | null {
  const item = IDEATION_ITEM[code];
  if (!item) return null;
  const value = answers[item.number - 1];
  if (value === undefined || value === 0) return null;
  return `Item ${item.number} (${item.name}): ${value}`;
}

/** Flags other than the safety flags, in words. */
export const FLAG_WORDS: Readonly<Record<string, string>> = {
  "dsm5-pattern": "DSM-5 symptom pattern met",
};

/** "Mar 5 · 10:30 AM" in the clinic's time zone. */
export function pointTime(t: number, timeZone: string): string {
  const at = new Date(t);
  return `${formatDate(at, timeZone)} · ${formatTime(at, timeZone)}`;
}

/** True when the point is the assessment the instrument's baseline was taken from. */
export function isBaselinePoint(point: CoursePoint, baselineAt: string | null): boolean {
  return baselineAt !== null && Date.parse(baselineAt) === point.t;
}

/**
 * One assessment in words, as a screen reader hears it while moving along the chart:
 * "Mar 19 · 10:00 AM: PHQ-9 8 of 27, mild, −62 % from baseline. 2 days after dose 4
 * (0.5 mg/kg). Safety flag: Item 9 (thoughts of death or self-harm): 1."
 */
export function instrumentPointText(
  point: CoursePoint,
  context: {
    code: InstrumentCode;
    baselineAt: string | null;
    markers: readonly DoseMarker[];
    timeZone: string;
  },
): string {
  const { code } = context;
  const score = [`${code} ${point.total} of ${INSTRUMENTS[code].totalMax ?? "?"}`];
  if (point.band) score.push(point.band);
  if (isBaselinePoint(point, context.baselineAt)) score.push("baseline");
  else if (point.percentOfBaseline !== null) {
    score.push(`${formatChange(point.percentOfBaseline - 100)} from baseline`);
  }
  const sentences = [`${pointTime(point.t, context.timeZone)}: ${score.join(", ")}.`];
  const position = doseContext(point.t, context.markers, context.timeZone);
  if (position) sentences.push(`${position}.`);
  const ideation = ideationItemNote(code, point.answers);
  if (hasSafetyFlag(point.flags)) sentences.push(`Safety flag: ${ideation ?? "raised"}.`);
  else if (ideation) sentences.push(`${ideation}.`);
  for (const flag of point.flags) {
    const words = FLAG_WORDS[flag];
    if (words) sentences.push(`${words}.`);
  }
  return sentences.join(" ");
}

/**
 * One visit in the "% of baseline" view, in words: "Mar 19: PHQ-9 38 % of baseline (8, mild);
 * GAD-7 44 % (7, mild). 2 days after dose 4 (0.5 mg/kg)."
 */
export function percentRowText(
  row: PercentRow,
  series: readonly PercentSeries[],
  markers: readonly DoseMarker[],
  timeZone: string,
): string {
  const entries = assessmentsOnDay(series, row.t, timeZone).map(({ instrument, point }, i) => {
    const percent =
      point.percentOfBaseline === null
        ? "no baseline"
        : `${Math.round(point.percentOfBaseline)} %${i === 0 ? " of baseline" : ""}`;
    const detail = [String(point.total), ...(point.band ? [point.band] : [])].join(", ");
    const flag = hasSafetyFlag(point.flags) ? ", safety flag" : "";
    return `${instrument} ${percent} (${detail})${flag}`;
  });
  const sentences = [`${formatDate(new Date(row.t), timeZone)}: ${entries.join("; ")}.`];
  const position = doseContext(row.t, markers, timeZone);
  if (position) sentences.push(`${position}.`);
  return sentences.join(" ");
}
