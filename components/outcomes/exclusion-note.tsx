import { Info } from "lucide-react";
import { INSTRUMENTS } from "@/lib/clinical/instruments";
import { PRIMARY_INSTRUMENTS } from "@/lib/clinical/primary-instrument";
import type { ClinicOutcomeSummary } from "@/lib/outcomes/outcome-summary";
import { patients } from "./outcome-format";

/** "PHQ-9 below 5, GAD-7 below 5, PCL-5 below 33", read from the instrument definitions. */
function remissionRules(): string {
  return PRIMARY_INSTRUMENTS.map((code) => {
    const rule = INSTRUMENTS[code].remission;
    if (rule === null) return `${code} has no remission rule`;
    return `${code} ${rule.comparator === "<" ? "below" : "at or below"} ${rule.value}`;
  }).join(", ");
}

/** Who is not in the figures and why, so no rate is read as covering the whole caseload. */
export function ExclusionNote({ summary }: { summary: ClinicOutcomeSummary }): React.JSX.Element {
  const excludedTotal = summary.excluded.reduce((sum, e) => sum + e.count, 0);
  return (
    <div className="flex gap-2.5 rounded-lg border bg-muted/40 px-4 py-3 text-sm">
      <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
      <div className="space-y-1">
        <p>
          {excludedTotal === 0
            ? `All ${patients(summary.patientsWithCourse)} with a course are included.`
            : `Excluded ${excludedTotal} of ${patients(summary.patientsWithCourse)} with a course: ${summary.excluded
                .map((e) => `${patients(e.count)} ${e.label}`)
                .join(", ")}.`}
        </p>
        <p className="text-muted-foreground">
          Each patient is measured on one primary scale — PCL-5 for PTSD (F43.1x), GAD-7 for anxiety
          disorders (F41.x), PHQ-9 otherwise — from the last score on or before the first dosing
          session of their first course to their latest score. Response is a reduction of at least
          50%; remission is {remissionRules()} on the latest score.
        </p>
      </div>
    </div>
  );
}
