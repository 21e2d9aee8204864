"use client";

/**
 * Vitals against minutes from dose start, in three stacked panels sharing one time axis: blood
 * pressure (the tallest, where ketamine's effect shows), heart rate, SpO2. Separate panels keep
 * each threshold line on its own scale and unit, which a dual-axis chart would blur.
 *
 * Pre-dose readings are not plotted at x = 0: they were taken minutes before the dose, so a point
 * at 0 would read as a post-dose value. The baseline (the reading the bp-rise rule compares
 * against) is drawn instead as dashed lines across the whole panel, so every later reading is
 * read against it at a glance.
 *
 * The drawing is a picture for assistive technology (role="img" with a summary); each reading can
 * be reached from the keyboard with its values, and the vitals table beside it is the accessible,
 * complete record, including corrected readings. Drawn as plain SVG, on the server too.
 */
import * as React from "react";
import { useDrawn } from "@/components/charts/use-drawn";
import { PointExplorer } from "@/components/charts/point-explorer";
import { At, Cursor, ReferenceLines, SeriesLine, XAxis, YAxis } from "@/components/charts/svg-plot";
import {
  ChartLegend,
  SeriesPointMarker,
  thresholdReferenceLines,
  VitalsTooltip,
  type SeriesMarker,
} from "@/components/charts/vitals-chart-parts";
import {
  bloodPressureAxis,
  bloodPressureLines,
  chartPoints,
  heartRateAxis,
  heartRateLines,
  minutesAxis,
  spo2Axis,
  spo2Lines,
  vitalsChartSummary,
  vitalsPointText,
  type AxisRange,
  type ThresholdLine,
  type BaselinePressure,
  type VitalsChartPoint,
} from "@/components/charts/vitals-chart-model";
import type { VitalsRow } from "@/lib/api/session-schemas";
import { xPercent, yPixels } from "@/lib/charts/plot-scale";
import { cn } from "@/lib/utils";

export type SessionVitalsChartProps = {
  rows: VitalsRow[];
  baseline: BaselinePressure | null;
  /** Null before the dose has been given; only changes the empty-state wording. */
  doseStartedAt?: string | null;
  className?: string;
};

/** Room on the right for the threshold labels, the same in every panel so the x axes line up. */
const GUTTER_PX = 100;
const Y_AXIS_PX = 44;
/**
 * Each panel's plot, top to bottom, with the space above it (room for the ticks at either edge
 * to stay apart); the time axis goes under the last.
 */
const PANEL_GAP_PX = 24;
const BP_PANEL = { top: 10, height: 150 };
const HR_PANEL = { top: BP_PANEL.top + BP_PANEL.height + PANEL_GAP_PX, height: 70 };
const SPO2_PANEL = { top: HR_PANEL.top + HR_PANEL.height + PANEL_GAP_PX, height: 58 };
const PANELS = { bloodPressure: BP_PANEL, heartRate: HR_PANEL, spo2: SPO2_PANEL } as const;
const X_AXIS_PX = 40;
const CHART_HEIGHT_PX = PANELS.spo2.top + PANELS.spo2.height + X_AXIS_PX;

const SYSTOLIC: SeriesMarker = {
  colour: "var(--chart-1)",
  shape: "down",
  alertCodes: ["bp-critical", "bp-high", "bp-rise"],
};
const DIASTOLIC: SeriesMarker = { colour: "var(--chart-4)", shape: "up", alertCodes: [] };
const HEART_RATE: SeriesMarker = {
  colour: "var(--chart-2)",
  shape: "circle",
  alertCodes: ["hr-high", "hr-low"],
};
const SPO2: SeriesMarker = { colour: "var(--chart-4)", shape: "circle", alertCodes: ["spo2-low"] };

type Series = { marker: SeriesMarker; value: (p: VitalsChartPoint) => number | null };

/** One panel: its grid, unit, threshold lines, series with their markers, and the cursor. */
function Panel({
  points,
  xAxis,
  yAxis,
  panel,
  unit,
  lines,
  series,
  active,
}: {
  points: readonly VitalsChartPoint[];
  xAxis: AxisRange;
  yAxis: AxisRange;
  panel: { top: number; height: number };
  unit: string;
  lines: readonly ThresholdLine[];
  series: readonly Series[];
  active: VitalsChartPoint | undefined;
}): React.JSX.Element {
  const x = (p: VitalsChartPoint): number => xPercent(p.minutesFromDose, xAxis.domain);
  const y = (value: number): number => yPixels(value, yAxis.domain, panel.height);
  return (
    <g>
      <YAxis
        domain={yAxis.domain}
        ticks={yAxis.ticks}
        top={panel.top}
        height={panel.height}
        label={unit}
        labelOffset={Y_AXIS_PX - 8}
      />
      <ReferenceLines
        lines={thresholdReferenceLines(lines)}
        domain={yAxis.domain}
        top={panel.top}
        height={panel.height}
      />
      {active ? <Cursor x={x(active)} top={panel.top} height={panel.height} /> : null}
      {series.map(({ marker, value }) => (
        <g key={marker.colour + marker.shape}>
          <SeriesLine
            points={points.map((p) => {
              const v = value(p);
              return { x: x(p), y: v === null ? null : y(v) };
            })}
            top={panel.top}
            height={panel.height}
            colour={marker.colour}
          />
          {points.map((p) => {
            const v = value(p);
            return v === null ? null : (
              <At key={p.id} x={x(p)} y={panel.top + y(v)}>
                <SeriesPointMarker marker={marker} point={p} />
              </At>
            );
          })}
        </g>
      ))}
      {active
        ? series.map(({ marker, value }) => {
            const v = value(active);
            return v === null ? null : (
              <At key={marker.colour + marker.shape} x={x(active)} y={panel.top + y(v)}>
                <circle r={5} fill={marker.colour} stroke="var(--background)" strokeWidth={2} />
              </At>
            );
          })
        : null}
    </g>
  );
}

export function SessionVitalsChart({
  rows,
  baseline,
  doseStartedAt = null,
  className,
}: SessionVitalsChartProps): React.JSX.Element {
  const points = React.useMemo(() => chartPoints(rows), [rows]);
  const [active, setActive] = React.useState<number | null>(null);
  const drawn = useDrawn();

  if (points.length === 0) {
    return (
      <div
        className={cn(
          "flex h-40 flex-col items-center justify-center gap-1 rounded-lg border border-dashed text-center text-sm text-muted-foreground",
          className,
        )}
      >
        <p className="font-medium text-foreground">No vitals after the dose yet</p>
        <p className="tabular">
          {doseStartedAt === null ? "The dose has not started. " : ""}
          {baseline
            ? `Baseline ${baseline.systolic}/${baseline.diastolic} mmHg.`
            : "No baseline recorded."}
        </p>
      </div>
    );
  }

  const xAxis = minutesAxis(points);
  const bpLines = bloodPressureLines(baseline);
  const current = active === null ? undefined : points[active];
  return (
    <figure className={cn("flex flex-col gap-1", className)}>
      <ChartLegend
        items={[
          { label: "Systolic", marker: SYSTOLIC },
          { label: "Diastolic", marker: DIASTOLIC },
          { label: "Heart rate", marker: HEART_RATE },
          { label: "SpO2", marker: SPO2 },
        ]}
        lines={bpLines}
      />
      <div className="relative select-none" style={{ height: CHART_HEIGHT_PX }}>
        <div role="img" aria-label={vitalsChartSummary(points, baseline)} className="h-full">
          {drawn ? (
            <svg
              overflow="visible"
              className="block h-full"
              style={{ marginLeft: Y_AXIS_PX, width: `calc(100% - ${Y_AXIS_PX + GUTTER_PX}px)` }}
            >
              <Panel
                points={points}
                xAxis={xAxis}
                yAxis={bloodPressureAxis(points, baseline)}
                panel={PANELS.bloodPressure}
                unit="mmHg"
                lines={bpLines}
                series={[
                  { marker: SYSTOLIC, value: (p) => p.systolic },
                  { marker: DIASTOLIC, value: (p) => p.diastolic },
                ]}
                active={current}
              />
              <Panel
                points={points}
                xAxis={xAxis}
                yAxis={heartRateAxis(points)}
                panel={PANELS.heartRate}
                unit="bpm"
                lines={heartRateLines()}
                series={[{ marker: HEART_RATE, value: (p) => p.heartRate }]}
                active={current}
              />
              <Panel
                points={points}
                xAxis={xAxis}
                yAxis={spo2Axis(points)}
                panel={PANELS.spo2}
                unit="%"
                lines={spo2Lines()}
                series={[{ marker: SPO2, value: (p) => p.spo2 }]}
                active={current}
              />
              <XAxis
                domain={xAxis.domain}
                ticks={xAxis.ticks}
                y={PANELS.spo2.top + PANELS.spo2.height}
                format={String}
              />
              <text
                x="50%"
                y={CHART_HEIGHT_PX - 4}
                textAnchor="middle"
                fontSize={12}
                fill="var(--muted-foreground)"
              >
                Minutes from dose
              </text>
            </svg>
          ) : null}
        </div>
        {drawn ? (
          <PointExplorer
            label="Readings after the dose: arrow keys move between them"
            points={points.map((p) => ({
              key: p.id,
              x: xPercent(p.minutesFromDose, xAxis.domain),
              text: vitalsPointText(p),
            }))}
            active={active}
            onActiveChange={setActive}
            renderDetail={(index) => {
              const point = points[index];
              return point ? <VitalsTooltip point={point} /> : null;
            }}
            style={{
              left: Y_AXIS_PX,
              right: GUTTER_PX,
              top: PANELS.bloodPressure.top,
              height: PANELS.spo2.top + PANELS.spo2.height - PANELS.bloodPressure.top,
            }}
          />
        ) : null}
      </div>
    </figure>
  );
}
