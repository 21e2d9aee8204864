import { describe, expect, it } from "vitest";
import {
  bloodPressureAxis,
  bloodPressureLines,
  chartPoints,
  minutesAxis,
  spo2Axis,
  vitalsChartSummary,
  vitalsPointText,
} from "@/components/charts/vitals-chart-model";
import type { VitalsRow } from "@/lib/api/session-schemas";
import { evaluateVitalsAlerts } from "@/lib/clinical/vitals";

const BASELINE = { systolic: 128, diastolic: 82 };
let seq = 0;
const uuid = (): string => `00000000-0000-4000-8000-${String(++seq).padStart(12, "0")}`;

/** A reading as the API returns it, with the alerts the real rules raise against the baseline. */
function row(
  minutesFromDose: number | null,
  values: Partial<
    Pick<
      VitalsRow,
      | "systolic"
      | "diastolic"
      | "heartRate"
      | "spo2"
      | "respiratoryRate"
      | "temperatureC"
      | "sedationMoaas"
    >
  >,
  supersededBy: string | null = null,
): VitalsRow {
  const reading = {
    systolic: 130,
    diastolic: 80,
    heartRate: 80,
    spo2: 98,
    respiratoryRate: null,
    temperatureC: null,
    sedationMoaas: null,
    ...values,
  };
  return {
    id: uuid(),
    takenAt: "2025-03-03T15:00:00.000Z",
    minutesFromDose,
    ...reading,
    recordedBy: uuid(),
    recordedByName: "Nurse",
    recordedAt: "2025-03-03T15:00:00.000Z",
    supersededBy,
    supersedes: null,
    amendReason: null,
    alerts: evaluateVitalsAlerts(reading, BASELINE),
  };
}

const rows: VitalsRow[] = [
  row(null, { systolic: 128, diastolic: 82 }),
  row(40, { systolic: 172, diastolic: 96, heartRate: 104, spo2: 96, sedationMoaas: 4 }),
  row(10, { systolic: 150, diastolic: 90, respiratoryRate: 14, temperatureC: 36.8 }),
  row(70, { systolic: 190, diastolic: 100 }, uuid()),
  row(105, { systolic: 134, diastolic: 84, spo2: null }),
];

describe("points", () => {
  it("charts current post-dose readings in time order, without pre-dose or corrected ones", () => {
    expect(chartPoints(rows).map((p) => [p.minutesFromDose, p.systolic])).toEqual([
      [10, 150],
      [40, 172],
      [105, 134],
    ]);
  });
});

describe("axes and lines", () => {
  const points = chartPoints(rows);

  it("runs the time axis from the dose to past the last reading on round intervals", () => {
    expect(minutesAxis(points)).toEqual({
      domain: [0, 105],
      ticks: [0, 15, 30, 45, 60, 75, 90, 105],
    });
    expect(minutesAxis(points.slice(0, 2))).toEqual({
      domain: [0, 40],
      ticks: [0, 10, 20, 30, 40],
    });
  });

  it("always shows the critical systolic line and the baseline's rise limit", () => {
    const axis = bloodPressureAxis(points, BASELINE);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(180);
    expect(axis.domain[0]).toBeLessThanOrEqual(80);
    expect(bloodPressureLines(BASELINE).map((l) => l.label)).toEqual([
      "Critical 180",
      "High 160",
      "Rise 168",
      "Baseline 128/82",
      "",
    ]);
  });

  it("reaches below the critical SpO2 limit even when every reading is normal", () => {
    expect(spo2Axis(points).domain).toEqual([90, 100]);
  });
});

describe("words", () => {
  const points = chartPoints(rows);

  it("summarises the session for the picture", () => {
    expect(vitalsChartSummary(points, BASELINE)).toBe(
      "Vitals chart: 3 readings, peak 172/96 at 40 min, latest 134/84 at 105 min, " +
        "baseline 128/82, 1 reading with alerts",
    );
  });

  it("reads each reading with its values and alerts as the keyboard reaches it", () => {
    const [early, peak, late] = points;
    expect(early && vitalsPointText(early)).toBe(
      "10 min from dose: BP 150/90 mmHg, heart rate 80 bpm, SpO2 98 %, resp. rate 14 /min, " +
        "temp 36.8 °C.",
    );
    expect(peak && vitalsPointText(peak)).toMatch(
      /^40 min from dose: BP 172\/96 mmHg, heart rate 104 bpm, SpO2 96 %, MOAA\/S 4 \(Lethargic response\)\. Alerts: bp-high warning, .+; bp-rise warning, .+\.$/,
    );
    expect(late && vitalsPointText(late)).toBe(
      "105 min from dose: BP 134/84 mmHg, heart rate 80 bpm.",
    );
  });
});
