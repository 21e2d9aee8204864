"use client";

import type { SessionsToResponse } from "@/lib/outcomes/outcome-summary";
import { CountBarChart } from "./count-bar-chart";
import { formatMedian } from "./outcome-format";

/** Patients by the number of completed dosing sessions before their first response. */
export default function SessionsToResponseChart({
  data,
}: {
  data: SessionsToResponse;
}): React.JSX.Element {
  return (
    <CountBarChart
      data={data.histogram.map((h) => ({
        tick: String(h.sessions),
        label: h.sessions === 1 ? "After 1 dosing session" : `After ${h.sessions} dosing sessions`,
        count: h.count,
        // Everyone in this chart met response: the same colour as the responses in the other one.
        tone: "highlight",
      }))}
      summary={`Bar chart of dosing sessions before the first response for ${data.n} patients; median ${data.median === null ? "none" : formatMedian(data.median)}.`}
      xLabel="Completed dosing sessions before response"
    />
  );
}
