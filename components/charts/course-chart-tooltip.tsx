"use client";

/**
 * The course chart's tooltips. One instrument: the date, total against the scale's maximum, band,
 * change from baseline, where it fell relative to the doses, and the item answers as a numbered
 * grid (a psychiatrist who knows the scale reads "item 4 is 3" faster than sentences). All as %
 * of baseline: every instrument assessed at that visit.
 */
import { TriangleAlert } from "lucide-react";
import type * as React from "react";
import { INSTRUMENT_STYLE, SeriesSwatch } from "@/components/charts/course-chart-parts";
import {
  assessmentsOnDay,
  hasSafetyFlag,
  type CoursePoint,
  type PercentRow,
  type PercentSeries,
} from "@/lib/charts/course-chart-model";
import {
  FLAG_WORDS,
  formatChange,
  ideationItemNote,
  isBaselinePoint,
  pointTime,
} from "@/lib/charts/course-chart-text";
import { doseContext, type DoseMarker } from "@/lib/charts/course-chart-time";
import { INSTRUMENTS, type InstrumentCode } from "@/lib/clinical/instruments";
import { formatDate } from "@/lib/format";

/** Most scales fit on one row; PCL-5 (20) and CADSS (23) wrap into rows of ten. */
const ITEMS_PER_ROW = 10;

function TooltipFrame({ children }: { children: React.ReactNode }): React.JSX.Element {
  return (
    <div className="max-w-80 rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      {children}
    </div>
  );
}

function ItemGrid({
  code,
  answers,
}: {
  code: InstrumentCode;
  answers: readonly number[];
}): React.JSX.Element {
  const itemMax = INSTRUMENTS[code].itemMax;
  return (
    <div className="mt-1.5 border-t pt-1.5">
      <p className="mb-0.5 text-muted-foreground">Items (0–{itemMax})</p>
      <ol
        className="grid gap-x-0.5 gap-y-1 text-center tabular"
        style={{
          gridTemplateColumns: `repeat(${Math.min(answers.length, ITEMS_PER_ROW)}, 1.5rem)`,
        }}
      >
        {answers.map((value, i) => (
          <li key={i} className="flex flex-col leading-tight">
            <span className="text-[10px] text-muted-foreground">{i + 1}</span>
            <span
              className={
                value === 0
                  ? "text-muted-foreground"
                  : value === itemMax
                    ? "font-bold"
                    : "font-medium"
              }
            >
              {value}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export type InstrumentTooltipContext = {
  code: InstrumentCode;
  baselineAt: string | null;
  markers: readonly DoseMarker[];
  timeZone: string;
};

export function InstrumentTooltip({
  point,
  context,
}: {
  point: CoursePoint;
  context: InstrumentTooltipContext;
}): React.JSX.Element {
  const { code } = context;
  const isBaseline = isBaselinePoint(point, context.baselineAt);
  const change =
    isBaseline || point.percentOfBaseline === null
      ? null
      : formatChange(point.percentOfBaseline - 100);
  const ideation = ideationItemNote(code, point.answers);
  const flagged = hasSafetyFlag(point.flags);
  const otherFlags = point.flags.flatMap((f) => (FLAG_WORDS[f] ? [FLAG_WORDS[f]] : []));
  const position = doseContext(point.t, context.markers, context.timeZone);
  return (
    <TooltipFrame>
      <p className="font-semibold tabular">{pointTime(point.t, context.timeZone)}</p>
      <p className="mt-0.5 tabular">
        <span className="text-sm font-semibold">{point.total}</span>
        <span className="text-muted-foreground"> / {INSTRUMENTS[code].totalMax}</span>
        {point.band ? <span> · {point.band}</span> : null}
        {isBaseline ? <span className="text-muted-foreground"> · baseline</span> : null}
        {change ? <span className="text-muted-foreground"> · {change} from baseline</span> : null}
      </p>
      {position ? <p className="text-muted-foreground">{position}</p> : null}
      <ItemGrid code={code} answers={point.answers} />
      {flagged ? (
        <p className="mt-1.5 flex gap-1.5 font-medium text-critical">
          <TriangleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
          {ideation ?? "Safety flag raised"}
        </p>
      ) : ideation ? (
        // Below the flag threshold (MADRS item 10 = 1) it is named, not alarmed.
        <p className="mt-1.5 font-medium">{ideation}</p>
      ) : null}
      {otherFlags.map((words) => (
        <p key={words} className="mt-1 font-medium">
          {words}
        </p>
      ))}
    </TooltipFrame>
  );
}

export type PercentTooltipContext = {
  series: readonly PercentSeries[];
  markers: readonly DoseMarker[];
  timeZone: string;
};

export function PercentTooltip({
  row,
  context,
}: {
  row: PercentRow;
  context: PercentTooltipContext;
}): React.JSX.Element {
  const entries = assessmentsOnDay(context.series, row.t, context.timeZone);
  const position = doseContext(row.t, context.markers, context.timeZone);
  return (
    <TooltipFrame>
      <p className="font-semibold tabular">{formatDate(new Date(row.t), context.timeZone)}</p>
      {position ? <p className="text-muted-foreground">{position}</p> : null}
      <ul className="mt-1.5 grid gap-1 border-t pt-1.5 tabular">
        {entries.map(({ instrument, point }) => (
          <li key={instrument} className="flex items-center gap-1.5">
            <SeriesSwatch style={INSTRUMENT_STYLE[instrument]} />
            <span className="min-w-16 font-medium whitespace-nowrap">{instrument}</span>
            <span className="w-10 text-right font-semibold">
              {point.percentOfBaseline === null ? "—" : `${Math.round(point.percentOfBaseline)} %`}
            </span>
            <span className="text-muted-foreground">
              {point.total}
              {point.band ? ` · ${point.band}` : ""}
            </span>
            {hasSafetyFlag(point.flags) ? (
              <TriangleAlert aria-label="Safety flag" className="size-3.5 shrink-0 text-critical" />
            ) : null}
          </li>
        ))}
      </ul>
    </TooltipFrame>
  );
}
