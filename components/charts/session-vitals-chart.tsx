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
 * The chart is decorative for assistive technology (role="img" with a summary); the vitals table
 * beside it is the accessible, complete record, including corrected readings.
 */
import * as React from "react";
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import {
  ChartLegend,
  GutterLabels,
  seriesMarker,
  renderVitalsTooltip,
  toneColour,
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
  type AxisRange,
  type BaselinePressure,
  type ThresholdLine,
  type VitalsChartPoint,
} from "@/components/charts/vitals-chart-model";
import type { VitalsRow } from "@/lib/api/session-schemas";
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
const PANEL_HEIGHT_PX = { bloodPressure: 158, heartRate: 84, spo2: 112 } as const;
const DASH: Record<ThresholdLine["stroke"], string | undefined> = {
  solid: undefined,
  dashed: "6 4",
  dotted: "2 3",
};
const TICK = { fill: "var(--muted-foreground)", fontSize: 11 } as const;

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

type PanelProps = {
  syncId: string;
  data: VitalsChartPoint[];
  xAxis: AxisRange;
  yAxis: AxisRange;
  unit: string;
  height: number;
  lines: ThresholdLine[];
  /** Only the bottom panel draws the time axis; the tooltip lives in the top one. */
  position: "top" | "middle" | "bottom";
  children: React.ReactNode;
};

function VitalsPanel({
  syncId,
  data,
  xAxis,
  yAxis,
  unit,
  height,
  lines,
  position,
  children,
}: PanelProps): React.JSX.Element {
  const bottom = position === "bottom";
  return (
    <div style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={data}
          syncId={syncId}
          margin={{ top: position === "top" ? 8 : 14, right: GUTTER_PX, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis
            type="number"
            dataKey="minutesFromDose"
            domain={xAxis.domain}
            ticks={xAxis.ticks}
            allowDecimals={false}
            hide={!bottom}
            height={bottom ? 40 : 0}
            tick={TICK}
            tickLine={false}
            stroke="var(--border)"
            label={
              bottom
                ? {
                    value: "Minutes from dose",
                    position: "insideBottom",
                    fill: "var(--muted-foreground)",
                    fontSize: 12,
                  }
                : undefined
            }
          />
          <YAxis
            type="number"
            width={Y_AXIS_PX}
            domain={yAxis.domain}
            ticks={yAxis.ticks}
            allowDataOverflow
            tick={TICK}
            tickLine={false}
            axisLine={false}
            label={{
              value: unit,
              angle: -90,
              position: "insideLeft",
              fill: "var(--muted-foreground)",
              fontSize: 11,
              dx: 4,
            }}
          />
          {lines.map((line) => (
            <ReferenceLine
              key={line.key}
              y={line.value}
              ifOverflow="hidden"
              stroke={toneColour(line.tone)}
              strokeDasharray={DASH[line.stroke]}
              strokeWidth={line.stroke === "dotted" ? 1.5 : 1}
              strokeOpacity={line.tone === "baseline" ? 0.9 : 0.75}
            />
          ))}
          <GutterLabels lines={lines} gap={6} />
          <Tooltip
            content={(props) => (position === "top" ? renderVitalsTooltip(props, data) : null)}
            cursor={{ stroke: "var(--muted-foreground)", strokeDasharray: "3 3" }}
            isAnimationActive={false}
            allowEscapeViewBox={{ x: false, y: true }}
            wrapperStyle={{ zIndex: 20 }}
          />
          {children}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

function seriesLine(
  dataKey: keyof VitalsChartPoint,
  name: string,
  marker: SeriesMarker,
  points: VitalsChartPoint[],
): React.JSX.Element {
  return (
    <Line
      type="linear"
      dataKey={dataKey}
      name={name}
      stroke={marker.colour}
      strokeWidth={2}
      dot={seriesMarker(marker, points)}
      activeDot={{ r: 5, fill: marker.colour, stroke: "var(--background)", strokeWidth: 2 }}
      connectNulls
      isAnimationActive={false}
    />
  );
}

export function SessionVitalsChart({
  rows,
  baseline,
  doseStartedAt = null,
  className,
}: SessionVitalsChartProps): React.JSX.Element {
  const syncId = React.useId();
  const points = React.useMemo(() => chartPoints(rows), [rows]);

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
      <div role="img" aria-label={vitalsChartSummary(points, baseline)} className="select-none">
        <VitalsPanel
          syncId={syncId}
          data={points}
          xAxis={xAxis}
          yAxis={bloodPressureAxis(points, baseline)}
          unit="mmHg"
          height={PANEL_HEIGHT_PX.bloodPressure}
          lines={bpLines}
          position="top"
        >
          {seriesLine("systolic", "Systolic", SYSTOLIC, points)}
          {seriesLine("diastolic", "Diastolic", DIASTOLIC, points)}
        </VitalsPanel>
        <VitalsPanel
          syncId={syncId}
          data={points}
          xAxis={xAxis}
          yAxis={heartRateAxis(points)}
          unit="bpm"
          height={PANEL_HEIGHT_PX.heartRate}
          lines={heartRateLines()}
          position="middle"
        >
          {seriesLine("heartRate", "Heart rate", HEART_RATE, points)}
        </VitalsPanel>
        <VitalsPanel
          syncId={syncId}
          data={points}
          xAxis={xAxis}
          yAxis={spo2Axis(points)}
          unit="%"
          height={PANEL_HEIGHT_PX.spo2}
          lines={spo2Lines()}
          position="bottom"
        >
          {seriesLine("spo2", "SpO2", SPO2, points)}
        </VitalsPanel>
      </div>
    </figure>
  );
}

export default SessionVitalsChart;
