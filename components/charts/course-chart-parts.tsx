"use client";

/**
 * Pieces of the course chart: each instrument's colour, dash and marker, the reference lines,
 * the dosing sessions with their labels above the plot, and the legend.
 */
import type * as React from "react";
import { At, type ReferenceLine } from "@/components/charts/svg-plot";
import type { CourseLine, CourseLineTone } from "@/lib/charts/course-chart-model";
import {
  estimateTextWidth,
  markerLabelText,
  placeMarkerLabels,
  type DoseMarker,
} from "@/lib/charts/course-chart-time";
import { inDomain, percentLength, xPercent, type Domain } from "@/lib/charts/plot-scale";
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

/** An assessment's marker, centred on 0, 0; ringed when it raised a safety flag. */
export function InstrumentMarker({
  style,
  flagged,
}: {
  style: InstrumentStyle;
  flagged: boolean;
}): React.JSX.Element {
  return (
    <>
      {flagged ? <circle r={8} fill="none" stroke={FLAG_COLOUR} strokeWidth={2} /> : null}
      <MarkerShape shape={style.shape} colour={style.colour} cx={0} cy={0} />
    </>
  );
}

/** The course's reference lines (baseline, response, remission) as the plot draws them. */
export function courseReferenceLines(lines: readonly CourseLine[]): ReferenceLine[] {
  return lines.map((line) => ({
    key: line.key,
    value: line.value,
    label: line.label,
    colour: LINE_STYLE[line.tone].colour,
    dash: LINE_STYLE[line.tone].dash,
    width: line.tone === "baseline" ? 1.25 : 1.5,
    strong: line.tone !== "baseline",
  }));
}

const DOSE_LABEL_FONT_PX = 11;

/**
 * Each dosing session's line through the plot and a small triangle above it, with its number
 * (and the dose where it changes: "1 · 0.5 mg/kg") beside it; labels that would touch the
 * previous one are left out (the details on hover still name the dose). Where labels fit needs
 * the plot's width in pixels: the server assumes a narrow card and the browser measures.
 */
export function DoseMarkers({
  markers,
  domain,
  top,
  height,
  plotWidth,
  withDose,
}: {
  markers: readonly DoseMarker[];
  domain: Domain;
  top: number;
  height: number;
  plotWidth: number;
  /** False when the legend already names the one dose every session gave. */
  withDose: boolean;
}): React.JSX.Element {
  const shown = markers
    .filter((marker) => inDomain(marker.t, domain))
    .map((marker) => ({ marker, x: xPercent(marker.t, domain) }));
  const placed = placeMarkerLabels(
    shown.map(({ marker, x }) => ({
      x: (x / 100) * plotWidth,
      ...markerLabelText(marker, withDose),
    })),
    // Labels may run into the gutter on the right, as far as its reference labels leave room.
    { left: 0, right: plotWidth + 40 },
    (text) => estimateTextWidth(text, DOSE_LABEL_FONT_PX),
  );
  return (
    <g>
      {shown.map(({ marker, x }) => (
        <line
          key={marker.sessionId}
          x1={percentLength(x)}
          x2={percentLength(x)}
          y1={top}
          y2={top + height}
          stroke={DOSE_LINE_COLOUR}
          strokeOpacity={0.45}
        />
      ))}
      {shown.map(({ marker, x }) => (
        <At key={marker.sessionId} x={x} y={top}>
          <path d="M-4 -5h8l-4 5z" fill={DOSE_LINE_COLOUR} />
        </At>
      ))}
      {placed.map((label) => {
        const at = shown[label.index];
        return at ? (
          <text
            key={at.marker.sessionId}
            x={percentLength(at.x)}
            dx={label.anchor === "start" ? 3 : -3}
            y={top - 8}
            textAnchor={label.anchor}
            fontSize={DOSE_LABEL_FONT_PX}
            fill="var(--muted-foreground)"
            className="tabular"
          >
            {label.text}
          </text>
        ) : null;
      })}
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
