"use client";

/**
 * Pieces of the course chart: each instrument's colour, dash and marker, the reference-line
 * labels in the right-hand gutter, the dosing-session labels above the plot, and the legend.
 */
import type * as React from "react";
import { usePlotArea, useXAxisScale, useYAxisScale } from "recharts";
import type { CourseLine, CourseLineTone } from "@/lib/charts/course-chart-model";
import {
  estimateTextWidth,
  markerLabelText,
  placeMarkerLabels,
  type DoseMarker,
} from "@/lib/charts/course-chart-time";
import type { InstrumentCode } from "@/lib/clinical/instruments";

export type MarkerShapeName = "circle" | "square" | "diamond" | "triangle" | "triangle-down";

export type InstrumentStyle = { colour: string; dash: string | undefined; shape: MarkerShapeName };

/**
 * Fixed per instrument, so PHQ-9 looks the same in both views. Colour never works alone: each
 * also has its own dash and marker. GAD-7 takes the amber rather than the green, which sits close
 * to the success colour of the response and remission lines.
 */
export const INSTRUMENT_STYLE: Readonly<Record<InstrumentCode, InstrumentStyle>> = {
  "PHQ-9": { colour: "var(--chart-1)", dash: undefined, shape: "circle" },
  "GAD-7": { colour: "var(--chart-3)", dash: "8 4", shape: "square" },
  MADRS: { colour: "var(--chart-4)", dash: "2 3", shape: "diamond" },
  "QIDS-SR16": { colour: "var(--chart-2)", dash: "12 3 3 3", shape: "triangle" },
  "PCL-5": { colour: "var(--chart-5)", dash: "4 4", shape: "triangle-down" },
  // Never drawn in the "% of baseline" view, so sharing a colour with MADRS is not ambiguous.
  CADSS: { colour: "var(--chart-4)", dash: undefined, shape: "circle" },
  "C-SSRS": { colour: "var(--chart-5)", dash: undefined, shape: "square" },
};

export const LINE_STYLE: Readonly<
  Record<CourseLineTone, { colour: string; dash: string | undefined }>
> = {
  baseline: { colour: "var(--muted-foreground)", dash: "6 4" },
  response: { colour: "var(--success)", dash: "3 3" },
  remission: { colour: "var(--success)", dash: undefined },
};

export const DOSE_LINE_COLOUR = "var(--muted-foreground)";
export const FLAG_COLOUR = "var(--critical)";

export function MarkerShape({
  shape,
  colour,
  cx,
  cy,
}: {
  shape: MarkerShapeName;
  colour: string;
  cx: number;
  cy: number;
}): React.JSX.Element {
  const common = { fill: colour, stroke: "var(--card)", strokeWidth: 1 };
  switch (shape) {
    case "circle":
      return <circle cx={cx} cy={cy} r={4} {...common} />;
    case "square":
      return <rect x={cx - 3.5} y={cy - 3.5} width={7} height={7} {...common} />;
    case "diamond":
      return <path d={`M${cx} ${cy - 5}l5 5l-5 5l-5 -5z`} {...common} />;
    case "triangle":
      return <path d={`M${cx - 4.5} ${cy + 3.5}h9l-4.5 -8z`} {...common} />;
    case "triangle-down":
      return <path d={`M${cx - 4.5} ${cy - 3.5}h9l-4.5 8z`} {...common} />;
    default: {
      const unreachable: never = shape;
      throw new Error(`Unknown marker ${String(unreachable)}`);
    }
  }
}

type DotRenderProps = { cx?: number | null; cy?: number | null; index: number; value?: unknown };

/** A `dot` renderer: the instrument's marker, ringed when the assessment raised a safety flag. */
export function instrumentDot(
  style: InstrumentStyle,
  isFlagged: (index: number) => boolean,
): (props: DotRenderProps) => React.ReactElement {
  return function InstrumentDot({ cx, cy, index, value }: DotRenderProps): React.ReactElement {
    if (cx == null || cy == null || value == null) return <g />;
    return (
      <g>
        {isFlagged(index) ? (
          <circle cx={cx} cy={cy} r={8} fill="none" stroke={FLAG_COLOUR} strokeWidth={2} />
        ) : null}
        <MarkerShape shape={style.shape} colour={style.colour} cx={cx} cy={cy} />
      </g>
    );
  };
}

const LABEL_LINE_PX = 13;

/** Reference-line labels in the gutter, nudged apart when two lines are close (baseline 8: response ≤ 4, remission < 5). */
export function GutterLabels({
  lines,
}: {
  lines: readonly CourseLine[];
}): React.JSX.Element | null {
  const scale = useYAxisScale();
  const plot = usePlotArea();
  if (!scale || !plot) return null;
  const placed: { line: CourseLine; y: number }[] = [];
  for (const line of lines) {
    const y = scale(line.value);
    if (y === undefined || y < plot.y - 1 || y > plot.y + plot.height + 1) continue;
    placed.push({ line, y });
  }
  placed.sort((a, b) => a.y - b.y);
  for (let i = 1; i < placed.length; i++) {
    const previous = placed[i - 1];
    const current = placed[i];
    if (previous && current && current.y - previous.y < LABEL_LINE_PX) {
      current.y = previous.y + LABEL_LINE_PX;
    }
  }
  return (
    <g aria-hidden="true">
      {placed.map(({ line, y }) => (
        <text
          key={line.key}
          x={plot.x + plot.width + 6}
          y={y}
          dominantBaseline="central"
          fontSize={11}
          fontWeight={line.tone === "baseline" ? 400 : 500}
          fill={LINE_STYLE[line.tone].colour}
          className="tabular"
        >
          {line.label}
        </text>
      ))}
    </g>
  );
}

const DOSE_LABEL_FONT_PX = 11;

/**
 * Each dosing session's number above its line, with the dose where it changes ("1 · 0.5 mg/kg");
 * labels that would touch the previous one are left out (the tooltip still names the dose).
 */
export function DoseLabels({
  markers,
  withDose,
}: {
  markers: readonly DoseMarker[];
  /** False when the legend already names the one dose every session gave. */
  withDose: boolean;
}): React.JSX.Element | null {
  const scale = useXAxisScale();
  const plot = usePlotArea();
  if (!scale || !plot) return null;
  const positioned = markers.flatMap((marker) => {
    const x = scale(marker.t);
    return x === undefined ? [] : [{ x, ...markerLabelText(marker, withDose) }];
  });
  const placed = placeMarkerLabels(
    positioned,
    { left: plot.x, right: plot.x + plot.width + 40 },
    (text) => estimateTextWidth(text, DOSE_LABEL_FONT_PX),
  );
  const top = plot.y;
  return (
    <g aria-hidden="true">
      {positioned.map(({ x }, i) => (
        <path key={i} d={`M${x - 4} ${top - 5}h8l-4 5z`} fill={DOSE_LINE_COLOUR} />
      ))}
      {placed.map((label) => (
        <text
          key={label.index}
          x={label.x}
          y={top - 8}
          textAnchor={label.anchor}
          fontSize={DOSE_LABEL_FONT_PX}
          fill="var(--muted-foreground)"
          className="tabular"
        >
          {label.text}
        </text>
      ))}
    </g>
  );
}

export function SeriesSwatch({ style }: { style: InstrumentStyle }): React.JSX.Element {
  return (
    <svg width="26" height="12" viewBox="0 0 26 12" aria-hidden="true" className="shrink-0">
      <line
        x1="1"
        x2="25"
        y1="6"
        y2="6"
        stroke={style.colour}
        strokeWidth={2}
        strokeDasharray={style.dash}
      />
      <MarkerShape shape={style.shape} colour={style.colour} cx={13} cy={6} />
    </svg>
  );
}

export type LegendSeries = { key: string; label: string; style: InstrumentStyle };

/** Series, dosing sessions and (when any) the safety-flag ring; the gutter names the other lines. */
export function CourseLegend({
  series,
  showFlag,
  doses,
}: {
  series: readonly LegendSeries[];
  showFlag: boolean;
  /** How the dosing markers read: null without dosing sessions. */
  doses: string | null;
}): React.JSX.Element {
  return (
    <figcaption className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground">
      {series.map((s) => (
        <span key={s.key} className="inline-flex items-center gap-1.5 tabular">
          <SeriesSwatch style={s.style} />
          <span className="text-foreground">{s.label}</span>
        </span>
      ))}
      {doses ? (
        <span className="inline-flex items-center gap-1.5">
          <svg width="12" height="14" aria-hidden="true" className="shrink-0">
            <path d="M2 0h8l-4 5z" fill={DOSE_LINE_COLOUR} />
            <line x1="6" x2="6" y1="4" y2="14" stroke={DOSE_LINE_COLOUR} strokeOpacity={0.6} />
          </svg>
          {doses}
        </span>
      ) : null}
      {showFlag ? (
        <span className="inline-flex items-center gap-1.5">
          <svg width="16" height="16" aria-hidden="true" className="shrink-0">
            <circle cx="8" cy="8" r="6" fill="none" stroke={FLAG_COLOUR} strokeWidth={2} />
          </svg>
          Safety flag raised
        </span>
      ) : null}
    </figcaption>
  );
}
