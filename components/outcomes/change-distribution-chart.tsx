"use client";

import type { ChangeBin } from "@/lib/outcomes/outcome-summary";
import { CountBarChart } from "./count-bar-chart";

/** "−60 to −50%" → "−60 to −50": the axis has room for the numbers only. */
const tickOf = (label: string): string => label.replace("%", "");

/** Patients by change from baseline on their primary scale; response bins highlighted. */
export default function ChangeDistributionChart({
  bins,
  n,
}: {
  bins: ChangeBin[];
  n: number;
}): React.JSX.Element {
  const responders = bins.filter((b) => b.meetsResponse).reduce((sum, b) => sum + b.count, 0);
  return (
    <CountBarChart
      data={bins.map((b) => ({
        tick: tickOf(b.label),
        label: `${b.label} change${b.meetsResponse ? " (response)" : ""}`,
        count: b.count,
        tone: b.meetsResponse ? "highlight" : "plain",
      }))}
      summary={`Bar chart of change from baseline for ${n} patients in bins of 10%; ${responders} fall at or below −50%, a response.`}
      xLabel="Change from baseline (%)"
      angledTicks
    />
  );
}
