"use client";

/**
 * The course chart's plot, shared by its two views: the date axis, the dosing-session lines and
 * labels, the reference lines with their gutter labels, the series, and the hover and keyboard
 * details. `InstrumentView` draws one instrument's totals on its whole scale; `PercentView`
 * every instrument as % of baseline.
 */
import * as React from "react";
import { useDrawn } from "@/components/charts/use-drawn";
import {
  courseReferenceLines,
  DoseMarkers,
  INSTRUMENT_STYLE,
  InstrumentMarker,
  type InstrumentStyle,
} from "@/components/charts/course-chart-parts";
import { InstrumentTooltip, PercentTooltip } from "@/components/charts/course-chart-tooltip";
import {
  PointExplorer,
  useElementWidth,
  type ExplorerPoint,
} from "@/components/charts/point-explorer";
import { At, Cursor, ReferenceLines, SeriesLine, XAxis, YAxis } from "@/components/charts/svg-plot";
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
import { instrumentPointText, percentRowText } from "@/lib/charts/course-chart-text";
import {
  dateTickFormatter,
  timeAxis,
  uniformDose,
  type DoseMarker,
} from "@/lib/charts/course-chart-time";
import { xPercent, yPixels } from "@/lib/charts/plot-scale";

/** The whole chart's height; the plot is what the dose labels and the date axis leave. */
export const CHART_HEIGHT_PX = 320;
/** Room on the left for the y ticks and the axis name. */
const Y_AXIS_PX = 48;
/** Room on the right for the reference-line labels ("Remission ≤ 10"). */
const GUTTER_PX = 96;
/** Room above the plot for the dosing-session labels. */
const DOSE_LABEL_PX = 22;
/** Room below the plot for the dates. */
const X_AXIS_PX = 28;
const PLOT_HEIGHT_PX = CHART_HEIGHT_PX - DOSE_LABEL_PX - X_AXIS_PX;
/**
 * The plot's width the server assumes when placing dose labels: a tablet's card. The browser
 * measures the real width and shows the labels that fit there.
 */
const ASSUMED_PLOT_PX = 560;

export type PlotSeries = {
  key: string;
  style: InstrumentStyle;
  points: readonly { t: number; value: number; flagged: boolean }[];
};

type PlotStop = { key: string; t: number; text: string };

type PlotProps = {
  /** The summary a screen reader hears in place of the drawing. */
  summary: string;
  /** The time axis: worked out only for the drawing, which the server does not render. */
  x: () => AxisRange;
  y: AxisRange;
  yLabel: string;
  lines: readonly CourseLine[];
  markers: readonly DoseMarker[];
  timeZone: string;
  series: readonly PlotSeries[];
  /** The points the pointer and the keyboard move between, in time order (for the drawing). */
  stops: () => readonly PlotStop[];
  /** The series whose point under the cursor is enlarged (one-instrument view). */
  highlight: PlotSeries | null;
  explorerLabel: string;
  renderDetail: (index: number) => React.ReactNode;
};

export function CoursePlot({
  summary,
  x,
  y,
  yLabel,
  lines,
  markers,
  timeZone,
  series,
  stops,
  highlight,
  explorerLabel,
  renderDetail,
}: PlotProps): React.JSX.Element {
  // Measured on the frame, which the server sends too: the drawing itself comes after hydration.
  const frameRef = React.useRef<HTMLDivElement>(null);
  const plotWidth =
    useElementWidth(frameRef, ASSUMED_PLOT_PX + Y_AXIS_PX + GUTTER_PX) - Y_AXIS_PX - GUTTER_PX;
  const [active, setActive] = React.useState<number | null>(null);
  const drawn = useDrawn();
  // The server sends the frame and the summary only: no axis, no spoken text per point.
  const axis = drawn ? x() : null;
  const points = drawn ? stops() : [];
  const explorerPoints: ExplorerPoint[] = axis
    ? points.map((stop) => ({ key: stop.key, x: xPercent(stop.t, axis.domain), text: stop.text }))
    : [];
  const activeStop = active === null ? undefined : points[active];
  const activePoint = activeStop && highlight?.points.find((p) => p.t === activeStop.t);
  const plotY = (value: number): number => DOSE_LABEL_PX + yPixels(value, y.domain, PLOT_HEIGHT_PX);
  return (
    <div ref={frameRef} className="relative select-none" style={{ height: CHART_HEIGHT_PX }}>
      <div role="img" aria-label={summary} className="h-full">
        {axis ? (
          <svg
            overflow="visible"
            className="block h-full"
            style={{ marginLeft: Y_AXIS_PX, width: `calc(100% - ${Y_AXIS_PX + GUTTER_PX}px)` }}
          >
            <YAxis
              domain={y.domain}
              ticks={y.ticks}
              top={DOSE_LABEL_PX}
              height={PLOT_HEIGHT_PX}
              label={yLabel}
              labelOffset={Y_AXIS_PX - 8}
            />
            <XAxis
              domain={axis.domain}
              ticks={axis.ticks}
              y={DOSE_LABEL_PX + PLOT_HEIGHT_PX}
              format={dateTickFormatter(axis.domain, timeZone)}
            />
            <DoseMarkers
              markers={markers}
              domain={axis.domain}
              top={DOSE_LABEL_PX}
              height={PLOT_HEIGHT_PX}
              plotWidth={plotWidth}
              withDose={uniformDose(markers) === null}
            />
            <ReferenceLines
              lines={courseReferenceLines(lines)}
              domain={y.domain}
              top={DOSE_LABEL_PX}
              height={PLOT_HEIGHT_PX}
            />
            {activeStop ? (
              <Cursor
                x={xPercent(activeStop.t, axis.domain)}
                top={DOSE_LABEL_PX}
                height={PLOT_HEIGHT_PX}
              />
            ) : null}
            {series.map((s) => (
              <SeriesLine
                key={s.key}
                points={s.points.map((p) => ({
                  x: xPercent(p.t, axis.domain),
                  y: yPixels(p.value, y.domain, PLOT_HEIGHT_PX),
                }))}
                top={DOSE_LABEL_PX}
                height={PLOT_HEIGHT_PX}
                colour={s.style.colour}
                dash={s.style.dash}
              />
            ))}
            {series.map((s) => (
              <g key={s.key}>
                {s.points.map((p, i) => (
                  <At key={i} x={xPercent(p.t, axis.domain)} y={plotY(p.value)}>
                    <InstrumentMarker style={s.style} flagged={p.flagged} />
                  </At>
                ))}
              </g>
            ))}
            {highlight && activePoint ? (
              <At x={xPercent(activePoint.t, axis.domain)} y={plotY(activePoint.value)}>
                <circle
                  r={6}
                  fill={highlight.style.colour}
                  stroke="var(--background)"
                  strokeWidth={2}
                />
              </At>
            ) : null}
          </svg>
        ) : null}
      </div>
      {axis ? (
        <PointExplorer
          label={explorerLabel}
          points={explorerPoints}
          active={active}
          onActiveChange={setActive}
          renderDetail={renderDetail}
          style={{ left: Y_AXIS_PX, right: GUTTER_PX, top: DOSE_LABEL_PX, height: PLOT_HEIGHT_PX }}
        />
      ) : null}
    </div>
  );
}

export function InstrumentView({
  ip,
  markers,
  timeZone,
  summary,
}: {
  ip: InstrumentProgress;
  markers: readonly DoseMarker[];
  timeZone: string;
  summary: string;
}): React.JSX.Element {
  const points = React.useMemo(() => scoredPoints(ip), [ip]);
  const style = INSTRUMENT_STYLE[ip.instrument];
  const context = {
    code: ip.instrument,
    baselineAt: ip.baseline?.at ?? null,
    markers,
    timeZone,
  };
  const line: PlotSeries = {
    key: ip.instrument,
    style,
    points: points.map((p) => ({ t: p.t, value: p.total, flagged: hasSafetyFlag(p.flags) })),
  };
  return (
    <CoursePlot
      summary={summary}
      x={() => timeAxis([...points.map((p) => p.t), ...markers.map((m) => m.t)], timeZone)}
      y={totalAxis(ip.instrument)}
      yLabel={`${ip.instrument} total`}
      lines={instrumentLines(ip)}
      markers={markers}
      timeZone={timeZone}
      series={[line]}
      stops={() =>
        points.map((p) => ({
          key: p.assessmentId,
          t: p.t,
          text: instrumentPointText(p, context),
        }))
      }
      highlight={line}
      explorerLabel={`${ip.instrument} assessments: arrow keys move between them`}
      renderDetail={(index) => {
        const point = points[index];
        return point ? <InstrumentTooltip point={point} context={context} /> : null;
      }}
    />
  );
}

export function PercentView({
  series,
  rows,
  markers,
  timeZone,
  summary,
}: {
  series: readonly PercentSeries[];
  rows: readonly PercentRow[];
  markers: readonly DoseMarker[];
  timeZone: string;
  summary: string;
}): React.JSX.Element {
  const context = { series, markers, timeZone };
  const lines: PlotSeries[] = series.map((s) => ({
    key: s.instrument,
    style: INSTRUMENT_STYLE[s.instrument],
    points: s.points.flatMap((p) =>
      p.percentOfBaseline === null
        ? []
        : [{ t: p.t, value: p.percentOfBaseline, flagged: hasSafetyFlag(p.flags) }],
    ),
  }));
  return (
    <CoursePlot
      summary={summary}
      x={() => timeAxis([...rows.map((r) => r.t), ...markers.map((m) => m.t)], timeZone)}
      y={percentAxis(series)}
      yLabel="% of baseline"
      lines={percentLines()}
      markers={markers}
      timeZone={timeZone}
      series={lines}
      stops={() =>
        rows.map((row) => ({
          key: String(row.t),
          t: row.t,
          text: percentRowText(row, series, markers, timeZone),
        }))
      }
      highlight={null}
      explorerLabel="Assessments as % of baseline: arrow keys move between visits"
      renderDetail={(index) => {
        const row = rows[index];
        return row ? <PercentTooltip row={row} context={context} /> : null;
      }}
    />
  );
}
