"use client";

/**
 * The course chart's plot, shared by its two views: the date axis, the dosing-session lines and
 * labels, the reference lines with their gutter labels, and the tooltip. `InstrumentView` draws
 * one instrument's totals on its whole scale; `PercentView` every instrument as % of baseline.
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
  type TooltipContentProps,
} from "recharts";
import {
  DOSE_LINE_COLOUR,
  DoseLabels,
  GutterLabels,
  INSTRUMENT_STYLE,
  instrumentDot,
  LINE_STYLE,
} from "@/components/charts/course-chart-parts";
import {
  renderInstrumentTooltip,
  renderPercentTooltip,
} from "@/components/charts/course-chart-tooltip";
import type { InstrumentProgress } from "@/lib/api/patient-schemas";
import {
  hasSafetyFlag,
  instrumentLines,
  percentAxis,
  percentLines,
  scoredPoints,
  totalAxis,
  type AxisRange,
  type CourseLine,
  type PercentRow,
  type PercentSeries,
} from "@/lib/charts/course-chart-model";
import {
  dateTickFormatter,
  timeAxis,
  uniformDose,
  type DoseMarker,
} from "@/lib/charts/course-chart-time";

/** Room on the right for the reference-line labels ("Remission ≤ 10"). */
const GUTTER_PX = 96;
/** Room above the plot for the dosing-session labels. */
const DOSE_LABEL_PX = 22;
const TICK = { fill: "var(--muted-foreground)", fontSize: 11 } as const;

type PlotProps<Row> = {
  data: readonly Row[];
  x: AxisRange;
  y: AxisRange;
  yLabel: string;
  lines: readonly CourseLine[];
  markers: readonly DoseMarker[];
  timeZone: string;
  tooltip: (props: TooltipContentProps) => React.ReactNode;
  children: React.ReactNode;
};

export function CoursePlot<Row>({
  data,
  x,
  y,
  yLabel,
  lines,
  markers,
  timeZone,
  tooltip,
  children,
}: PlotProps<Row>): React.JSX.Element {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart
        data={[...data]}
        margin={{ top: DOSE_LABEL_PX, right: GUTTER_PX, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke="var(--border)" vertical={false} />
        <XAxis
          type="number"
          dataKey="t"
          domain={x.domain}
          ticks={x.ticks}
          tickFormatter={dateTickFormatter(x.domain, timeZone)}
          tick={TICK}
          tickLine={false}
          stroke="var(--border)"
          height={28}
        />
        <YAxis
          type="number"
          width={48}
          domain={y.domain}
          ticks={y.ticks}
          allowDataOverflow
          tick={TICK}
          tickLine={false}
          axisLine={false}
          label={{
            value: yLabel,
            angle: -90,
            position: "insideLeft",
            fill: "var(--muted-foreground)",
            fontSize: 11,
            dx: 6,
          }}
        />
        {markers.map((m) => (
          <ReferenceLine
            key={m.sessionId}
            x={m.t}
            ifOverflow="hidden"
            stroke={DOSE_LINE_COLOUR}
            strokeOpacity={0.45}
          />
        ))}
        {lines.map((line) => (
          <ReferenceLine
            key={line.key}
            y={line.value}
            ifOverflow="hidden"
            stroke={LINE_STYLE[line.tone].colour}
            strokeDasharray={LINE_STYLE[line.tone].dash}
            strokeWidth={line.tone === "baseline" ? 1.25 : 1.5}
          />
        ))}
        <GutterLabels lines={lines} />
        <DoseLabels markers={markers} withDose={uniformDose(markers) === null} />
        <Tooltip
          content={tooltip}
          cursor={{ stroke: "var(--muted-foreground)", strokeDasharray: "3 3" }}
          isAnimationActive={false}
          allowEscapeViewBox={{ x: false, y: true }}
          wrapperStyle={{ zIndex: 20 }}
        />
        {children}
      </LineChart>
    </ResponsiveContainer>
  );
}

export function InstrumentView({
  ip,
  markers,
  timeZone,
}: {
  ip: InstrumentProgress;
  markers: readonly DoseMarker[];
  timeZone: string;
}): React.JSX.Element {
  const points = React.useMemo(() => scoredPoints(ip), [ip]);
  const style = INSTRUMENT_STYLE[ip.instrument];
  const x = timeAxis([...points.map((p) => p.t), ...markers.map((m) => m.t)], timeZone);
  const context = {
    code: ip.instrument,
    points,
    baselineAt: ip.baseline?.at ?? null,
    markers,
    timeZone,
  };
  return (
    <CoursePlot
      data={points}
      x={x}
      y={totalAxis(ip.instrument)}
      yLabel={`${ip.instrument} total`}
      lines={instrumentLines(ip)}
      markers={markers}
      timeZone={timeZone}
      tooltip={(props) => renderInstrumentTooltip(props, context)}
    >
      <Line
        type="linear"
        dataKey="total"
        name={ip.instrument}
        stroke={style.colour}
        strokeWidth={2}
        strokeDasharray={style.dash}
        dot={instrumentDot(style, (i) => hasSafetyFlag(points[i]?.flags ?? []))}
        activeDot={{ r: 6, fill: style.colour, stroke: "var(--background)", strokeWidth: 2 }}
        isAnimationActive={false}
      />
    </CoursePlot>
  );
}

export function PercentView({
  series,
  rows,
  markers,
  timeZone,
}: {
  series: readonly PercentSeries[];
  rows: readonly PercentRow[];
  markers: readonly DoseMarker[];
  timeZone: string;
}): React.JSX.Element {
  const context = { rows, series, markers, timeZone };
  return (
    <CoursePlot
      data={rows}
      x={timeAxis([...rows.map((r) => r.t), ...markers.map((m) => m.t)], timeZone)}
      y={percentAxis(series)}
      yLabel="% of baseline"
      lines={percentLines()}
      markers={markers}
      timeZone={timeZone}
      tooltip={(props) => renderPercentTooltip(props, context)}
    >
      {series.map((s) => {
        const style = INSTRUMENT_STYLE[s.instrument];
        return (
          <Line
            key={s.instrument}
            type="linear"
            dataKey={(row: PercentRow) => row.values[s.instrument] ?? null}
            name={s.instrument}
            stroke={style.colour}
            strokeWidth={2}
            strokeDasharray={style.dash}
            dot={instrumentDot(style, (i) => rows[i]?.flagged.includes(s.instrument) ?? false)}
            activeDot={false}
            connectNulls
            isAnimationActive={false}
          />
        );
      })}
    </CoursePlot>
  );
}
