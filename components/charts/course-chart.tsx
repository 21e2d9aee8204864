"use client";

/**
 * The whole course in one look (CLINICAL.md "Progress across a course"): symptom scores against
 * time with every dosing session marked. Two views:
 * - one instrument, raw totals on its full scale, with the baseline, the response line (50 % of
 *   baseline) and the remission line;
 * - all instruments as % of their own baseline, so scales of different lengths share one axis.
 *
 * The drawing is a picture for assistive technology (role="img" with a summary); each assessment
 * can be reached from the keyboard with its details, and the page's table of the same
 * assessments is the accessible, complete record. Drawn as plain SVG, on the server too.
 */
import * as React from "react";
import {
  CourseLegend,
  INSTRUMENT_STYLE,
  type LegendSeries,
} from "@/components/charts/course-chart-parts";
import { InstrumentView, PercentView } from "@/components/charts/course-chart-views";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { Progress } from "@/lib/api/patient-schemas";
import {
  chartableInstruments,
  hasSafetyFlag,
  percentRows,
  percentSeries,
  type CourseChartMode,
} from "@/lib/charts/course-chart-model";
import { instrumentSummary, percentSummary } from "@/lib/charts/course-chart-text";
import { doseMarkers, uniformDose, type DoseMarker } from "@/lib/charts/course-chart-time";
import { isInstrumentCode } from "@/lib/clinical/instruments";
import { cn } from "@/lib/utils";

export type CourseChartProps = {
  progress: Progress;
  /** The clinic's time zone: dates and day boundaries are the clinic's, not the browser's. */
  timeZone: string;
  className?: string;
};

function dosesLegend(markers: readonly DoseMarker[]): string | null {
  if (markers.length === 0) return null;
  const dose = uniformDose(markers);
  return dose
    ? `Dosing session (number), ${dose} each`
    : "Dosing session (number · dose when it changes)";
}

function ModeToggle({
  mode,
  onChange,
}: {
  mode: CourseChartMode;
  onChange: (mode: CourseChartMode) => void;
}): React.JSX.Element {
  const options: { value: CourseChartMode; label: string }[] = [
    { value: "instrument", label: "One instrument" },
    { value: "percent", label: "All as % of baseline" },
  ];
  return (
    <div
      role="group"
      aria-label="Chart view"
      className="inline-flex rounded-md border bg-muted/40 p-0.5"
    >
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={mode === option.value}
          onClick={() => onChange(option.value)}
          className="h-8 rounded-[5px] px-3 text-sm font-medium text-muted-foreground outline-none transition-colors hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring aria-pressed:bg-background aria-pressed:text-foreground aria-pressed:shadow-sm"
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

export function CourseChart({
  progress,
  timeZone,
  className,
}: CourseChartProps): React.JSX.Element {
  const selectId = React.useId();
  const [mode, setMode] = React.useState<CourseChartMode>("instrument");
  const [chosen, setChosen] = React.useState<string | null>(null);
  const chartable = React.useMemo(() => chartableInstruments(progress), [progress]);
  const markers = React.useMemo(
    () => doseMarkers(progress.dosingSessions),
    [progress.dosingSessions],
  );
  const percent = React.useMemo(() => percentSeries(progress), [progress]);
  const rows = React.useMemo(() => percentRows(percent.series), [percent.series]);

  // chartableInstruments puts the primary instrument first when it has totals.
  const current = chartable.find((ip) => ip.instrument === chosen) ?? chartable[0];
  if (!current) {
    return (
      <div
        className={cn(
          "flex h-40 flex-col items-center justify-center gap-1 rounded-lg border border-dashed text-center text-sm text-muted-foreground",
          className,
        )}
      >
        {progress.instruments.some((ip) => ip.points.length > 0) ? (
          <>
            <p className="font-medium text-foreground">No scored assessments yet</p>
            <p>C-SSRS gives a risk level, not a total; see the table below.</p>
          </>
        ) : (
          <>
            <p className="font-medium text-foreground">No assessments yet</p>
            <p>Scores will be drawn here against the dosing sessions as they are recorded.</p>
          </>
        )}
      </div>
    );
  }

  const legend: LegendSeries[] =
    mode === "instrument"
      ? [
          {
            key: current.instrument,
            label: `${current.instrument} total`,
            style: INSTRUMENT_STYLE[current.instrument],
          },
        ]
      : percent.series.map((s) => ({
          key: s.instrument,
          label: `${s.instrument} (baseline ${s.baseline})`,
          style: INSTRUMENT_STYLE[s.instrument],
        }));
  const showFlag =
    mode === "instrument"
      ? current.points.some((p) => hasSafetyFlag(p.flags))
      : rows.some((r) => r.flagged.length > 0);
  const summary =
    mode === "instrument"
      ? instrumentSummary(current, markers.length)
      : percentSummary(percent.series, percent.excluded, markers.length);

  return (
    <figure className={cn("flex flex-col gap-3", className)}>
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <ModeToggle mode={mode} onChange={setMode} />
        {mode === "instrument" ? (
          <div className="flex items-center gap-2">
            <Label htmlFor={selectId}>Instrument</Label>
            <NativeSelect
              id={selectId}
              value={current.instrument}
              onChange={(e) => setChosen(isInstrumentCode(e.target.value) ? e.target.value : null)}
              className="h-9 w-44"
            >
              {chartable.map((ip) => (
                <option key={ip.instrument} value={ip.instrument}>
                  {ip.instrument}
                  {ip.instrument === progress.primaryInstrument ? " (primary)" : ""}
                </option>
              ))}
            </NativeSelect>
          </div>
        ) : null}
      </div>
      <CourseLegend series={legend} showFlag={showFlag} doses={dosesLegend(markers)} />
      {mode === "instrument" ? (
        <InstrumentView
          key={current.instrument}
          ip={current}
          markers={markers}
          timeZone={timeZone}
          summary={summary}
        />
      ) : (
        <PercentView
          series={percent.series}
          rows={rows}
          markers={markers}
          timeZone={timeZone}
          summary={summary}
        />
      )}
      {mode === "percent" && percent.excluded.length > 0 ? (
        <p className="text-xs text-muted-foreground">
          Not shown: {percent.excluded.map((e) => `${e.instrument} (${e.reason})`).join(" · ")}
        </p>
      ) : null}
    </figure>
  );
}
