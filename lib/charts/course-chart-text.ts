/**
 * The course chart's words: the summary a screen reader hears in place of the drawing, and the
 * tooltip's phrasing of a change and of the suicidal-ideation item.
 */
import type { InstrumentProgress } from "@/lib/api/patient-schemas";
import type { InstrumentCode } from "@/lib/clinical/instruments";
import {
  scoredPoints,
  type PercentExclusion,
  type PercentSeries,
} from "@/lib/charts/course-chart-model";

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
