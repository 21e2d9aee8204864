/**
 * Drawing pieces shared by Kapstone's SVG charts. Each chart is one <svg> exactly as wide as its
 * plot, with the axis labels and the reference-line labels drawn outside it (overflow visible) in
 * the margins its container leaves. Inside, x is a percentage of the plot's width and y is in
 * pixels (lib/charts/plot-scale.ts), so the server draws the chart in full and it fits any card.
 */
import type * as React from "react";
import {
  inDomain,
  linePath,
  percentLength,
  spreadLabels,
  xPercent,
  yPixels,
  type Domain,
} from "@/lib/charts/plot-scale";

export const TICK_FONT_PX = 11;
const TICK_COLOUR = "var(--muted-foreground)";
const LABEL_LINE_PX = 13;

/** Content drawn around a point at (x %, y px): children use coordinates centred on 0, 0. */
export function At({
  x,
  y,
  children,
}: {
  x: number;
  y: number;
  children: React.ReactNode;
}): React.JSX.Element {
  return (
    <svg x={percentLength(x)} y={y} overflow="visible">
      {children}
    </svg>
  );
}

/** Horizontal grid lines and the y tick labels to the left of the plot. */
export function YAxis({
  domain,
  ticks,
  top,
  height,
  label,
  labelOffset,
}: {
  domain: Domain;
  ticks: readonly number[];
  top: number;
  height: number;
  /** The unit or quantity, written up the left edge. */
  label: string;
  /** Pixels from the plot's left edge to the label's centre line. */
  labelOffset: number;
}): React.JSX.Element {
  const middle = top + height / 2;
  return (
    <g>
      {ticks.map((tick) => {
        const y = top + yPixels(tick, domain, height);
        return (
          <g key={tick}>
            <line x1="0" x2="100%" y1={y} y2={y} stroke="var(--border)" />
            <text
              x={-6}
              y={y}
              textAnchor="end"
              dominantBaseline="central"
              fontSize={TICK_FONT_PX}
              fill={TICK_COLOUR}
              className="tabular"
            >
              {tick}
            </text>
          </g>
        );
      })}
      <text
        transform={`rotate(-90) translate(${-middle} ${-labelOffset})`}
        textAnchor="middle"
        dominantBaseline="central"
        fontSize={TICK_FONT_PX}
        fill={TICK_COLOUR}
      >
        {label}
      </text>
    </g>
  );
}

/** The time axis: its line at the bottom of the plot and a label under each tick. */
export function XAxis({
  domain,
  ticks,
  y,
  format,
}: {
  domain: Domain;
  ticks: readonly number[];
  /** Pixels from the top of the svg to the bottom of the plot. */
  y: number;
  format: (value: number) => string;
}): React.JSX.Element {
  return (
    <g>
      <line x1="0" x2="100%" y1={y} y2={y} stroke="var(--border)" />
      {ticks.map((tick) => (
        <text
          key={tick}
          x={percentLength(xPercent(tick, domain))}
          y={y + 16}
          textAnchor="middle"
          fontSize={TICK_FONT_PX}
          fill={TICK_COLOUR}
          className="tabular"
        >
          {format(tick)}
        </text>
      ))}
    </g>
  );
}

export type ReferenceLine = {
  key: string;
  value: number;
  /** Drawn in the right-hand gutter; empty for a line its neighbour explains. */
  label: string;
  colour: string;
  dash: string | undefined;
  width: number;
  opacity?: number;
  /** Bold labels for the lines that decide something (response, limits). */
  strong: boolean;
};

/**
 * Horizontal reference lines across the plot and their labels in the gutter to its right,
 * nudged apart when two lines are close. Lines outside the axis are not drawn.
 */
export function ReferenceLines({
  lines,
  domain,
  top,
  height,
  gap = 6,
}: {
  lines: readonly ReferenceLine[];
  domain: Domain;
  top: number;
  height: number;
  gap?: number;
}): React.JSX.Element {
  const shown = lines.filter((line) => inDomain(line.value, domain));
  const labels = spreadLabels(
    shown
      .filter((line) => line.label !== "")
      .map((line) => ({ line, y: top + yPixels(line.value, domain, height) })),
    LABEL_LINE_PX,
  );
  return (
    <g>
      {shown.map((line) => {
        const y = top + yPixels(line.value, domain, height);
        return (
          <line
            key={line.key}
            x1="0"
            x2="100%"
            y1={y}
            y2={y}
            stroke={line.colour}
            strokeDasharray={line.dash}
            strokeWidth={line.width}
            strokeOpacity={line.opacity}
          />
        );
      })}
      {labels.map(({ line, y }) => (
        <text
          key={line.key}
          x="100%"
          dx={gap}
          y={y}
          dominantBaseline="central"
          fontSize={TICK_FONT_PX}
          fontWeight={line.strong ? 500 : 400}
          fill={line.colour}
          className="tabular"
        >
          {line.label}
        </text>
      ))}
    </g>
  );
}

/**
 * One series' line. It is drawn in a viewBox of 0–100 across, stretched to the plot's width,
 * with its stroke (and dashes) kept at screen size, so it fits any width without a measurement.
 */
export function SeriesLine({
  points,
  top,
  height,
  colour,
  dash,
}: {
  /** x 0–100, y pixels within the plot; null y for a missing value (joined across). */
  points: readonly { x: number; y: number | null }[];
  top: number;
  height: number;
  colour: string;
  dash?: string | undefined;
}): React.JSX.Element {
  return (
    <svg
      y={top}
      width="100%"
      height={height}
      viewBox={`0 0 100 ${height}`}
      preserveAspectRatio="none"
      overflow="visible"
    >
      <path
        d={linePath(points)}
        fill="none"
        stroke={colour}
        strokeWidth={2}
        strokeDasharray={dash}
        strokeLinejoin="round"
        strokeLinecap="round"
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}

/** The dashed vertical line under the pointer (or the keyboard's current point). */
export function Cursor({
  x,
  top,
  height,
}: {
  x: number;
  top: number;
  height: number;
}): React.JSX.Element {
  return (
    <line
      x1={percentLength(x)}
      x2={percentLength(x)}
      y1={top}
      y2={top + height}
      stroke="var(--muted-foreground)"
      strokeDasharray="3 3"
    />
  );
}
