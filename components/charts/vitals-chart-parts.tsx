"use client";

/** Pieces of the session vitals chart: point markers, threshold lines, legend and details. */
import { OctagonAlert, TriangleAlert } from "lucide-react";
import type * as React from "react";
import type { ReferenceLine } from "@/components/charts/svg-plot";
import type { ThresholdLine, VitalsChartPoint } from "@/components/charts/vitals-chart-model";
import type { AlertCode, AlertLevel } from "@/lib/clinical/vitals";
import { highestAlertLevel, MOAAS_LABELS } from "@/lib/clinical/vitals";

export type SeriesMarker = {
  colour: string;
  /** ▼ systolic and ▲ diastolic, as on a paper anaesthesia record; ● for the others. */
  shape: "down" | "up" | "circle";
  /** Alerts that ring this series' marker at a reading. */
  alertCodes: readonly AlertCode[];
};

export function toneColour(tone: ThresholdLine["tone"] | AlertLevel): string {
  switch (tone) {
    case "baseline":
      return "var(--muted-foreground)";
    case "warning":
      return "var(--warning)";
    case "critical":
      return "var(--critical)";
    default: {
      const unreachable: never = tone;
      throw new Error(`Unknown threshold tone ${String(unreachable)}`);
    }
  }
}

function MarkerShape({
  shape,
  colour,
  cx,
  cy,
}: {
  shape: SeriesMarker["shape"];
  colour: string;
  cx: number;
  cy: number;
}): React.JSX.Element {
  const common = { fill: colour, stroke: "var(--card)", strokeWidth: 1 };
  switch (shape) {
    case "down":
      return <path d={`M${cx - 4.5} ${cy - 3.5}h9l-4.5 8z`} {...common} />;
    case "up":
      return <path d={`M${cx - 4.5} ${cy + 3.5}h9l-4.5 -8z`} {...common} />;
    case "circle":
      return <circle cx={cx} cy={cy} r={3.5} {...common} />;
    default: {
      const unreachable: never = shape;
      throw new Error(`Unknown marker ${String(unreachable)}`);
    }
  }
}

/** A reading's marker for one series, centred on 0, 0; ringed in the alert colour when it raised one. */
export function SeriesPointMarker({
  marker,
  point,
}: {
  marker: SeriesMarker;
  point: VitalsChartPoint;
}): React.JSX.Element {
  const level = highestAlertLevel(point.alerts.filter((a) => marker.alertCodes.includes(a.code)));
  return (
    <>
      {level ? <circle r={7.5} fill="none" stroke={toneColour(level)} strokeWidth={2} /> : null}
      <MarkerShape shape={marker.shape} colour={marker.colour} cx={0} cy={0} />
    </>
  );
}

const DASH: Record<ThresholdLine["stroke"], string | undefined> = {
  solid: undefined,
  dashed: "6 4",
  dotted: "2 3",
};

/** Threshold lines as the plot draws them: limits solid, the baseline dashed, bp-rise dotted. */
export function thresholdReferenceLines(lines: readonly ThresholdLine[]): ReferenceLine[] {
  return lines.map((line) => ({
    key: line.key,
    value: line.value,
    label: line.label,
    colour: toneColour(line.tone),
    dash: DASH[line.stroke],
    width: line.stroke === "dotted" ? 1.5 : 1,
    opacity: line.tone === "baseline" ? 0.9 : 0.75,
    strong: line.tone !== "baseline",
  }));
}

function LegendSwatch({ marker }: { marker: SeriesMarker }): React.JSX.Element {
  return (
    <svg width="22" height="12" viewBox="0 0 22 12" aria-hidden="true" className="shrink-0">
      <line x1="1" x2="21" y1="6" y2="6" stroke={marker.colour} strokeWidth={2} />
      <MarkerShape shape={marker.shape} colour={marker.colour} cx={11} cy={6} />
    </svg>
  );
}

export function ChartLegend({
  items,
  lines,
}: {
  items: readonly { label: string; marker: SeriesMarker }[];
  lines: readonly ThresholdLine[];
}): React.JSX.Element {
  const baseline = lines.find((l) => l.tone === "baseline" && l.label !== "");
  return (
    <figcaption className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground">
      {items.map((item) => (
        <span key={item.label} className="inline-flex items-center gap-1.5">
          <LegendSwatch marker={item.marker} />
          {item.label}
        </span>
      ))}
      {baseline ? (
        <span className="inline-flex items-center gap-1.5 tabular">
          <svg width="22" height="12" aria-hidden="true" className="shrink-0">
            <line
              x1="1"
              x2="21"
              y1="6"
              y2="6"
              stroke="var(--muted-foreground)"
              strokeWidth={1.5}
              strokeDasharray="6 4"
            />
          </svg>
          {baseline.label}
        </span>
      ) : null}
      <span className="inline-flex items-center gap-1.5">
        <svg width="16" height="16" aria-hidden="true" className="shrink-0">
          <circle cx="8" cy="8" r="6" fill="none" stroke="var(--warning)" strokeWidth={2} />
        </svg>
        Reading with an alert
      </span>
    </figcaption>
  );
}

function valueOrDash(value: number | null, unit: string, decimals = 0): string {
  return value === null ? "—" : `${value.toFixed(decimals)}${unit}`;
}

/** Every value of the reading under the pointer, with units, and its alerts in words. */
export function VitalsTooltip({ point }: { point: VitalsChartPoint }): React.JSX.Element {
  const moaas =
    point.sedationMoaas === null
      ? "—"
      : `${point.sedationMoaas} · ${MOAAS_LABELS[point.sedationMoaas] ?? ""}`;
  const rows: [string, string][] = [
    ["BP", `${point.systolic}/${point.diastolic} mmHg`],
    ["Heart rate", `${point.heartRate} bpm`],
    ["SpO2", valueOrDash(point.spo2, "%")],
    ["Resp. rate", valueOrDash(point.respiratoryRate, " /min")],
    ["Temp", valueOrDash(point.temperatureC, " °C", 1)],
    ["MOAA/S", moaas],
  ];
  return (
    <div className="max-w-72 rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="mb-1 font-semibold tabular">{point.minutesFromDose} min from dose</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 tabular">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted-foreground">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {point.alerts.length > 0 ? (
        <ul className="mt-1.5 grid gap-1 border-t pt-1.5">
          {point.alerts.map((alert) => (
            <li key={alert.code} className="flex gap-1.5">
              {alert.level === "critical" ? (
                <OctagonAlert
                  aria-hidden="true"
                  className="mt-px size-3.5 shrink-0 text-critical"
                />
              ) : (
                <TriangleAlert
                  aria-hidden="true"
                  className="mt-px size-3.5 shrink-0 text-warning"
                />
              )}
              <span>
                <span className="font-medium">
                  {alert.code} · {alert.level}
                </span>
                <span className="block text-muted-foreground">{alert.message}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
