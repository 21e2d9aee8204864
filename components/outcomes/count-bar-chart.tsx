"use client";

/**
 * The bar chart both outcome charts draw: patients per bin, the count printed on each bar so no
 * number depends on reading the axis. Colours come from the theme variables, so dark mode works;
 * the chart is an image for assistive technology, and the table beside it holds the same data.
 */
import type * as React from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";
import { BAR_COLOUR, type BarTone } from "./outcome-format";

export type CountBar = {
  /** Short axis label. */
  tick: string;
  /** Full label for the tooltip. */
  label: string;
  count: number;
  /** "highlight" bars are the ones the legend names (for example, responses). */
  tone: BarTone;
};

const TICK = { fill: "var(--muted-foreground)", fontSize: 11 } as const;

function renderTooltip({ active, payload }: TooltipContentProps): React.ReactNode {
  const bar: unknown = payload?.[0]?.payload;
  if (!active || !isCountBar(bar)) return null;
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="font-semibold">{bar.label}</p>
      <p className="tabular">{bar.count === 1 ? "1 patient" : `${bar.count} patients`}</p>
    </div>
  );
}

function isCountBar(value: unknown): value is CountBar {
  return typeof value === "object" && value !== null && "count" in value && "label" in value;
}

export function CountBarChart({
  data,
  summary,
  xLabel,
  angledTicks = false,
}: {
  data: CountBar[];
  /** What the chart shows, in words, for screen readers. */
  summary: string;
  xLabel: string;
  angledTicks?: boolean;
}): React.JSX.Element {
  return (
    <div role="img" aria-label={summary} className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          margin={{ top: 20, right: 8, bottom: 4, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="tick"
            interval={0}
            tick={TICK}
            tickLine={false}
            stroke="var(--border)"
            angle={angledTicks ? -40 : 0}
            textAnchor={angledTicks ? "end" : "middle"}
            height={angledTicks ? 86 : 44}
            label={{
              value: xLabel,
              position: "insideBottom",
              fill: "var(--muted-foreground)",
              fontSize: 12,
            }}
          />
          <YAxis
            allowDecimals={false}
            width={36}
            tick={TICK}
            tickLine={false}
            axisLine={false}
            label={{
              value: "Patients",
              angle: -90,
              position: "insideLeft",
              fill: "var(--muted-foreground)",
              fontSize: 11,
              dx: 6,
            }}
          />
          <Tooltip
            content={renderTooltip}
            cursor={{ fill: "var(--muted)", opacity: 0.6 }}
            isAnimationActive={false}
          />
          <Bar dataKey="count" radius={[3, 3, 0, 0]} isAnimationActive={false}>
            {data.map((bar) => (
              <Cell key={bar.tick} fill={BAR_COLOUR[bar.tone]} />
            ))}
            <LabelList dataKey="count" position="top" fill="var(--foreground)" fontSize={11} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
