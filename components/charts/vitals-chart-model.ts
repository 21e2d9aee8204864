/**
 * What the session vitals chart draws, worked out without React so the choices are readable in
 * one place: which rows become points, the axis ranges, the threshold lines, the summary a
 * screen reader hears and the words for each reading as the keyboard moves along the chart.
 */
import type { VitalsRow } from "@/lib/api/session-schemas";
import { CLINICAL_THRESHOLDS, type ClinicalThresholds } from "@/lib/clinical/thresholds";
import { MOAAS_LABELS } from "@/lib/clinical/vitals";

export type VitalsChartPoint = Pick<
  VitalsRow,
  | "id"
  | "systolic"
  | "diastolic"
  | "heartRate"
  | "spo2"
  | "respiratoryRate"
  | "temperatureC"
  | "sedationMoaas"
  | "alerts"
> & { minutesFromDose: number };

export type BaselinePressure = { systolic: number; diastolic: number };

export type ThresholdTone = "baseline" | "warning" | "critical";

export type ThresholdLine = {
  key: string;
  value: number;
  /** Short text drawn in the right-hand gutter; empty for a line explained by its neighbour. */
  label: string;
  tone: ThresholdTone;
  /** Solid for fixed limits; dashed for the baseline, dotted for the limit derived from it. */
  stroke: "solid" | "dashed" | "dotted";
};

export type AxisRange = { domain: [number, number]; ticks: number[] };

/**
 * Current readings taken after the dose, in time order. Corrected (superseded) readings are left
 * out: the chart shows what the record now says; the table beside it shows the history.
 */
export function chartPoints(rows: readonly VitalsRow[]): VitalsChartPoint[] {
  const points: VitalsChartPoint[] = [];
  for (const row of rows) {
    if (row.supersededBy !== null || row.minutesFromDose === null) continue;
    points.push({
      id: row.id,
      minutesFromDose: row.minutesFromDose,
      systolic: row.systolic,
      diastolic: row.diastolic,
      heartRate: row.heartRate,
      spo2: row.spo2,
      respiratoryRate: row.respiratoryRate,
      temperatureC: row.temperatureC,
      sedationMoaas: row.sedationMoaas,
      alerts: row.alerts,
    });
  }
  return points.sort((a, b) => a.minutesFromDose - b.minutesFromDose);
}

function floorTo(value: number, step: number): number {
  return Math.floor(value / step) * step;
}

function ceilTo(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}

function ticksBetween(min: number, max: number, step: number): number[] {
  const ticks: number[] = [];
  for (let tick = ceilTo(min, step); tick <= max; tick += step) ticks.push(tick);
  return ticks;
}

/** 0 (dose start) to the last reading, ticks on round clinical intervals. */
export function minutesAxis(points: readonly VitalsChartPoint[]): AxisRange {
  const last = points.reduce((max, p) => Math.max(max, p.minutesFromDose), 0);
  const step = last <= 60 ? 10 : last <= 150 ? 15 : 30;
  const end = Math.max(step, ceilTo(last, step));
  return { domain: [0, end], ticks: ticksBetween(0, end, step) };
}

/**
 * Always reaches the critical systolic line, so a normal session looks calm against the limits
 * instead of being stretched to fill the panel.
 */
export function bloodPressureAxis(
  points: readonly VitalsChartPoint[],
  baseline: BaselinePressure | null,
  config: ClinicalThresholds = CLINICAL_THRESHOLDS,
): AxisRange {
  const lows = points.map((p) => p.diastolic);
  const highs = points.map((p) => p.systolic);
  if (baseline) {
    lows.push(baseline.diastolic);
    highs.push(baseline.systolic + config.alerts.bpRise.systolicRiseMmHg);
  }
  const min = Math.max(0, floorTo(Math.min(...lows, 80) - 10, 20));
  const max = ceilTo(Math.max(...highs, config.alerts.bpCritical.systolicMmHg) + 5, 20);
  return { domain: [min, max], ticks: ticksBetween(min, max, 20) };
}

export function heartRateAxis(
  points: readonly VitalsChartPoint[],
  config: ClinicalThresholds = CLINICAL_THRESHOLDS,
): AxisRange {
  const rates = points.map((p) => p.heartRate);
  const min = Math.max(0, floorTo(Math.min(...rates, 60) - 10, 20));
  const max = ceilTo(Math.max(...rates, config.alerts.hrHigh.warningAtOrAboveBpm) + 10, 20);
  return { domain: [min, max], ticks: ticksBetween(min, max, 20) };
}

export function spo2Axis(
  points: readonly VitalsChartPoint[],
  config: ClinicalThresholds = CLINICAL_THRESHOLDS,
): AxisRange {
  const lowest = points.reduce((min, p) => (p.spo2 === null ? min : Math.min(min, p.spo2)), 100);
  const min = floorTo(Math.min(lowest - 2, config.alerts.spo2Low.criticalBelowPct), 5);
  return { domain: [min, 100], ticks: ticksBetween(min, 100, 5) };
}

/**
 * Systolic lines only (bp-high, bp-critical, bp-rise): the diastolic limits would double the lines
 * in a small panel; a diastolic-only alert still marks the reading and is named in the tooltip
 * and the table.
 */
export function bloodPressureLines(
  baseline: BaselinePressure | null,
  config: ClinicalThresholds = CLINICAL_THRESHOLDS,
): ThresholdLine[] {
  const { bpCritical, bpHigh, bpRise } = config.alerts;
  const lines: ThresholdLine[] = [
    {
      key: "bp-critical",
      value: bpCritical.systolicMmHg,
      label: `Critical ${bpCritical.systolicMmHg}`,
      tone: "critical",
      stroke: "solid",
    },
    {
      key: "bp-high",
      value: bpHigh.systolicMmHg,
      label: `High ${bpHigh.systolicMmHg}`,
      tone: "warning",
      stroke: "solid",
    },
  ];
  if (baseline) {
    const riseLimit = baseline.systolic + bpRise.systolicRiseMmHg;
    lines.push(
      {
        key: "bp-rise",
        value: riseLimit,
        label: `Rise ${riseLimit}`,
        tone: "warning",
        stroke: "dotted",
      },
      {
        key: "baseline-systolic",
        value: baseline.systolic,
        label: `Baseline ${baseline.systolic}/${baseline.diastolic}`,
        tone: "baseline",
        stroke: "dashed",
      },
      {
        key: "baseline-diastolic",
        value: baseline.diastolic,
        label: "",
        tone: "baseline",
        stroke: "dashed",
      },
    );
  }
  return lines;
}

export function heartRateLines(config: ClinicalThresholds = CLINICAL_THRESHOLDS): ThresholdLine[] {
  const limit = config.alerts.hrHigh.warningAtOrAboveBpm;
  return [
    { key: "hr-high", value: limit, label: `High ${limit}`, tone: "warning", stroke: "solid" },
  ];
}

export function spo2Lines(config: ClinicalThresholds = CLINICAL_THRESHOLDS): ThresholdLine[] {
  const limit = config.alerts.spo2Low.warningBelowPct;
  return [
    { key: "spo2-low", value: limit, label: `Low ${limit}`, tone: "warning", stroke: "solid" },
  ];
}

/** "Vitals chart: 9 readings, peak 156/92 at 40 min, latest 134/84 at 105 min, baseline 128/82". */
export function vitalsChartSummary(
  points: readonly VitalsChartPoint[],
  baseline: BaselinePressure | null,
): string {
  const parts = [`${points.length} ${points.length === 1 ? "reading" : "readings"}`];
  const peak = points.reduce<VitalsChartPoint | undefined>(
    (best, p) => (best === undefined || p.systolic > best.systolic ? p : best),
    undefined,
  );
  const latest = points.at(-1);
  if (peak) parts.push(`peak ${peak.systolic}/${peak.diastolic} at ${peak.minutesFromDose} min`);
  if (latest && latest !== peak) {
    parts.push(`latest ${latest.systolic}/${latest.diastolic} at ${latest.minutesFromDose} min`);
  }
  if (baseline) parts.push(`baseline ${baseline.systolic}/${baseline.diastolic}`);
  const withAlerts = points.filter((p) => p.alerts.length > 0).length;
  if (withAlerts > 0) {
    parts.push(`${withAlerts} ${withAlerts === 1 ? "reading" : "readings"} with alerts`);
  }
  return `Vitals chart: ${parts.join(", ")}`;
}

/**
 * One reading in words: "40 min from dose: BP 156/92 mmHg, heart rate 88 bpm, SpO2 97 %,
 * MOAA/S 4 (Lethargic response). Alerts: bp-high warning, Systolic 156 ≥ 150." Values not
 * recorded are left out.
 */
export function vitalsPointText(point: VitalsChartPoint): string {
  const values = [
    `BP ${point.systolic}/${point.diastolic} mmHg`,
    `heart rate ${point.heartRate} bpm`,
  ];
  if (point.spo2 !== null) values.push(`SpO2 ${point.spo2} %`);
  if (point.respiratoryRate !== null) values.push(`resp. rate ${point.respiratoryRate} /min`);
  if (point.temperatureC !== null) values.push(`temp ${point.temperatureC.toFixed(1)} °C`);
  if (point.sedationMoaas !== null) {
    const words = MOAAS_LABELS[point.sedationMoaas];
    values.push(`MOAA/S ${point.sedationMoaas}${words ? ` (${words})` : ""}`);
  }
  const sentences = [`${point.minutesFromDose} min from dose: ${values.join(", ")}.`];
  if (point.alerts.length > 0) {
    const alerts = point.alerts.map((a) => `${a.code} ${a.level}, ${a.message}`);
    sentences.push(`${alerts.length === 1 ? "Alert" : "Alerts"}: ${alerts.join("; ")}.`);
  }
  return sentences.join(" ");
}
