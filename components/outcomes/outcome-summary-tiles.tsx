import type { ClinicOutcomeSummary } from "@/lib/outcomes/outcome-summary";
import { cn } from "@/lib/utils";
import { countOf, formatChange, formatMedian, formatRate, patients } from "./outcome-format";

type Tile = { label: string; value: string; detail: string };

// Five tiles in one row on a wide screen; at tablet width three over two, so none is cramped.
const TILE_SPAN = [
  "md:col-span-2",
  "md:col-span-2",
  "md:col-span-2",
  "md:col-span-3",
  "md:col-span-3",
] as const;

function tiles(summary: ClinicOutcomeSummary): Tile[] {
  const { overall, sessionsToResponse } = summary;
  const n = overall?.n ?? 0;
  return [
    {
      label: "Patients measured",
      value: String(summary.included),
      detail: `of ${patients(summary.patientsWithCourse)} with a course`,
    },
    {
      label: "Response",
      value: overall ? formatRate(overall.responseRate) : "—",
      detail: overall ? `${countOf(overall.responders, n)} patients` : "n = 0",
    },
    {
      label: "Remission",
      value: overall ? formatRate(overall.remissionRate) : "—",
      detail: overall ? `${countOf(overall.remitters, n)} patients` : "n = 0",
    },
    {
      label: "Median change",
      value: overall ? formatChange(overall.medianChangePct) : "—",
      detail: `from baseline, n = ${n}`,
    },
    {
      label: "Sessions to response",
      value: sessionsToResponse.median === null ? "—" : formatMedian(sessionsToResponse.median),
      detail: `median, n = ${sessionsToResponse.n} responders`,
    },
  ];
}

/** The headline figures, each with the n it is computed on. */
export function OutcomeSummaryTiles({
  summary,
}: {
  summary: ClinicOutcomeSummary;
}): React.JSX.Element {
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-6 xl:grid-cols-5">
      {tiles(summary).map((tile, i) => (
        <div
          key={tile.label}
          className={cn(
            "rounded-xl border bg-card px-4 py-3 text-card-foreground shadow-sm xl:col-span-1",
            TILE_SPAN[i],
          )}
        >
          <dt className="text-xs font-medium text-muted-foreground">{tile.label}</dt>
          <dd className="tabular mt-1 text-3xl leading-none font-semibold tracking-tight">
            {tile.value}
          </dd>
          <dd className="mt-1.5 text-xs text-muted-foreground">{tile.detail}</dd>
        </div>
      ))}
    </dl>
  );
}
