/**
 * The course chart's time axis and dosing markers: date ticks on clinic-day boundaries, the dose
 * label of each session, where the labels fit without colliding, and where an assessment falls
 * relative to the doses (for the tooltip).
 */
import type { DosingMarker } from "@/lib/api/patient-schemas";
import { clinicDateKey } from "@/lib/format";
import { clinicDayRange } from "@/lib/clinic-day";
import type { AxisRange } from "@/lib/charts/course-chart-model";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Tick spacings in days, from daily (an induction series) to quarterly (years of maintenance). */
const DAY_STEPS = [1, 2, 3, 7, 14, 28, 56, 91, 182, 364] as const;

export type DoseMarker = {
  sessionId: string;
  t: number;
  /** The session's number in the course (1 = first dose). */
  number: number;
  /** "0.5 mg/kg" or "56 mg"; null when no dose is recorded. */
  dose: string | null;
  /** The first dose, or a dose different from the session before: worth labelling on the chart. */
  doseChanged: boolean;
};

function trimNumber(value: number): string {
  return String(Number(value.toFixed(2)));
}

/** Weight-based doses (IV, IM) by mg/kg; fixed doses (esketamine, lozenges) in mg. */
export function formatDose(marker: Pick<DosingMarker, "doseMg" | "doseMgPerKg">): string | null {
  if (marker.doseMgPerKg !== null) return `${trimNumber(marker.doseMgPerKg)} mg/kg`;
  if (marker.doseMg !== null) return `${trimNumber(marker.doseMg)} mg`;
  return null;
}

export function doseMarkers(sessions: readonly DosingMarker[]): DoseMarker[] {
  const sorted = [...sessions].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  let previous: string | null | undefined;
  return sorted.map((s, i) => {
    const dose = formatDose(s);
    const marker: DoseMarker = {
      sessionId: s.sessionId,
      t: Date.parse(s.at),
      number: s.numberInCourse ?? i + 1,
      dose,
      doseChanged: dose !== null && dose !== previous,
    };
    previous = dose;
    return marker;
  });
}

function startOfNextClinicDay(t: number, timeZone: string): number {
  const { start, end } = clinicDayRange(new Date(t), timeZone);
  return start.getTime() >= t ? start.getTime() : end.getTime();
}

/** 0 = Sunday … 6 = Saturday, of the clinic's calendar date. */
function clinicWeekday(t: number, timeZone: string): number {
  return new Date(clinicDayNumber(t, timeZone) * DAY_MS).getUTCDay();
}

/**
 * From a little before the first event to a little after the last, ticks at clinic midnights
 * (so a tick's date is the clinic's date, not the browser's) spaced so at most `maxTicks` show.
 */
export function timeAxis(times: readonly number[], timeZone: string, maxTicks = 7): AxisRange {
  if (times.length === 0) return { domain: [0, DAY_MS], ticks: [] };
  const first = Math.min(...times);
  const last = Math.max(...times);
  const span = last - first;
  // At least four days wide, so a single assessment does not sit on an axis of hours.
  const pad = Math.max(12 * HOUR_MS, span * 0.04, (4 * DAY_MS - span) / 2);
  const domain: [number, number] = [first - pad, last + pad];
  const days = (domain[1] - domain[0]) / DAY_MS;
  const step = DAY_STEPS.find((s) => days / s <= maxTicks) ?? Math.ceil(days / maxTicks);
  const ticks: number[] = [];
  let t = startOfNextClinicDay(domain[0], timeZone);
  if (step >= 7) {
    // Weekly and longer steps start on a Monday, the first clinic day of a treatment week.
    const toMonday = (8 - clinicWeekday(t, timeZone)) % 7;
    if (toMonday > 0) t = clinicDayRange(new Date(t), timeZone, toMonday).end.getTime();
  }
  while (t <= domain[1]) {
    ticks.push(t);
    // Calendar days in the clinic's zone, so a daylight-saving change keeps ticks on midnight.
    t = clinicDayRange(new Date(t), timeZone, step).end.getTime();
  }
  return { domain, ticks };
}

/** "Mar 5"; with the year when the course crosses a new year. */
export function dateTickFormatter(
  domain: [number, number],
  timeZone: string,
): (t: number) => string {
  const year = (t: number): string => clinicDateKey(new Date(t), timeZone).slice(0, 4);
  const withYear = year(domain[0]) !== year(domain[1]);
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    month: "short",
    day: "numeric",
    ...(withYear ? { year: "numeric" } : {}),
  });
  return (t: number): string => format.format(new Date(t));
}

function clinicDayNumber(t: number, timeZone: string): number {
  const [y, m, d] = clinicDateKey(new Date(t), timeZone).split("-").map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS;
}

/**
 * Where an assessment falls in the course, for the tooltip: "Before the first dose",
 * "Before dose 4 (0.5 mg/kg), same day" (a pre-dose questionnaire), "Same day, after dose 3
 * (0.5 mg/kg)", "2 days after dose 3 (0.5 mg/kg)". Null without doses.
 */
export function doseContext(
  t: number,
  markers: readonly DoseMarker[],
  timeZone: string,
): string | null {
  if (markers.length === 0) return null;
  const day = clinicDayNumber(t, timeZone);
  const dose = (m: DoseMarker): string => `dose ${m.number}${m.dose ? ` (${m.dose})` : ""}`;
  const next = markers.find((m) => m.t > t);
  if (next && clinicDayNumber(next.t, timeZone) === day) return `Before ${dose(next)}, same day`;
  const before = markers.filter((m) => m.t <= t).at(-1);
  if (!before) return "Before the first dose";
  const days = day - clinicDayNumber(before.t, timeZone);
  if (days === 0) return `Same day, after ${dose(before)}`;
  return `${days} ${days === 1 ? "day" : "days"} after ${dose(before)}`;
}

/** The dose every session gave ("0.5 mg/kg"), or null when it changed or was not recorded. */
export function uniformDose(markers: readonly DoseMarker[]): string | null {
  const first = markers[0]?.dose ?? null;
  return first !== null && markers.every((m) => m.dose === first) ? first : null;
}

/**
 * The text of a marker's label: its number, with the dose when it changes. When every session
 * gave the same dose the legend says so once, and the labels are just the numbers.
 */
export function markerLabelText(
  marker: DoseMarker,
  withDose: boolean,
): { full: string; short: string } {
  const short = String(marker.number);
  const full = withDose && marker.doseChanged && marker.dose ? `${short} · ${marker.dose}` : short;
  return { full, short };
}

export type PlacedLabel = { index: number; text: string; x: number; anchor: "start" | "end" };

/** Narrow glyphs (space, point, slash, middle dot) take about half the width of a digit. */
const NARROW_GLYPHS = new Set([" ", ".", "/", "·"]);

/** An estimate of a label's width in a proportional UI font, close enough to avoid collisions. */
export function estimateTextWidth(text: string, fontPx: number): number {
  let em = 0;
  for (const ch of text) em += NARROW_GLYPHS.has(ch) ? 0.3 : ch === "m" ? 0.85 : 0.58;
  return em * fontPx;
}

/**
 * Labels beside their marker lines, left to right, each only where it does not touch the one
 * before: the full text if it fits, else just the session number, else nothing (the tooltip
 * still names the dose).
 */
export function placeMarkerLabels(
  markers: readonly { x: number; full: string; short: string }[],
  plot: { left: number; right: number },
  measure: (text: string) => number,
  gapPx = 6,
): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  let lastRight = -Infinity;
  markers.forEach((m, index) => {
    for (const text of m.full === m.short ? [m.short] : [m.full, m.short]) {
      const width = measure(text);
      const startFits = m.x + 3 + width <= plot.right;
      const left = startFits ? m.x + 3 : m.x - 3 - width;
      if (left < lastRight + gapPx || left < plot.left) continue;
      placed.push({
        index,
        text,
        x: startFits ? m.x + 3 : m.x - 3,
        anchor: startFits ? "start" : "end",
      });
      lastRight = left + width;
      return;
    }
  });
  return placed;
}
