import { CLINICAL_THRESHOLDS, type ClinicalThresholds } from "./thresholds";
import type { BloodPressure, VitalsInput } from "./vitals";

/** Mirrors the database enums (db/schema.ts); kept local so this module stays free of I/O. */
export type Drug = "ketamine" | "esketamine";
export type Route = "iv" | "im" | "intranasal" | "sublingual";
export type AdverseEventSeverity = "mild" | "moderate" | "severe";

export type DischargeInput = {
  drug: Drug;
  route: Route;
  doseStartedAt: Date | null;
  /** Needed for every route except esketamine; record end = start for a bolus. */
  doseEndedAt: Date | null;
  now: Date;
  /** Last vitals before the dose in this session. */
  baseline: BloodPressure | null;
  latestVitals: VitalsInput | null;
  unresolvedAdverseEvents: readonly { severity: AdverseEventSeverity }[];
  driverConfirmed: boolean;
};

export type DischargeCriterionId =
  | "time-since-dose"
  | "systolic"
  | "diastolic"
  | "systolic-vs-baseline"
  | "heart-rate"
  | "spo2"
  | "moaas"
  | "adverse-events"
  | "driver";

export type DischargeCriterion = {
  id: DischargeCriterionId;
  label: string;
  met: boolean;
  /** What was found, for display next to the label. */
  value: string;
};

export type DischargeReadiness = { ready: boolean; criteria: DischargeCriterion[] };

const NO_VITALS = "No vitals recorded";

function wholeMinutesBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / 60_000);
}

function timeCriterion(
  input: DischargeInput,
  d: ClinicalThresholds["discharge"],
): DischargeCriterion {
  // Esketamine: Spravato REMS minimum observation counts from dose start; other routes count
  // from the end of the dose (e.g. the end of an infusion).
  if (input.drug === "esketamine") {
    const min = d.esketamineMinMinutesFromDoseStart;
    const label = `At least ${min} min since esketamine dose start (REMS minimum)`;
    if (input.doseStartedAt === null) {
      return { id: "time-since-dose", label, met: false, value: "No dose recorded" };
    }
    const elapsed = wholeMinutesBetween(input.doseStartedAt, input.now);
    return {
      id: "time-since-dose",
      label,
      met: elapsed >= min,
      value: `${Math.max(elapsed, 0)} min since dose start`,
    };
  }
  const min = d.otherRoutesMinMinutesAfterDoseEnd;
  const label = `At least ${min} min since the end of the dose`;
  if (input.doseStartedAt === null) {
    return { id: "time-since-dose", label, met: false, value: "No dose recorded" };
  }
  if (input.doseEndedAt === null) {
    return { id: "time-since-dose", label, met: false, value: "Dose end not recorded" };
  }
  const elapsed = wholeMinutesBetween(input.doseEndedAt, input.now);
  return {
    id: "time-since-dose",
    label,
    met: elapsed >= min,
    value: `${Math.max(elapsed, 0)} min since dose end`,
  };
}

function severityCounts(events: DischargeInput["unresolvedAdverseEvents"]): string {
  const counts: Record<AdverseEventSeverity, number> = { mild: 0, moderate: 0, severe: 0 };
  for (const e of events) counts[e.severity] += 1;
  const parts = (["severe", "moderate", "mild"] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`);
  return parts.length === 0 ? "None unresolved" : `Unresolved: ${parts.join(", ")}`;
}

/**
 * Discharge readiness (CLINICAL.md defaults). Every criterion is listed with whether it is met;
 * `ready` only when all are. Missing data never counts as met.
 */
export function dischargeReadiness(
  input: DischargeInput,
  config: ClinicalThresholds = CLINICAL_THRESHOLDS,
): DischargeReadiness {
  const d = config.discharge;
  const v = input.latestVitals;
  const criteria: DischargeCriterion[] = [timeCriterion(input, d)];

  criteria.push({
    id: "systolic",
    label: `Systolic below ${d.systolicBelowMmHg} mmHg`,
    met: v !== null && v.systolic < d.systolicBelowMmHg,
    value: v === null ? NO_VITALS : `${v.systolic} mmHg`,
  });
  criteria.push({
    id: "diastolic",
    label: `Diastolic below ${d.diastolicBelowMmHg} mmHg`,
    met: v !== null && v.diastolic < d.diastolicBelowMmHg,
    value: v === null ? NO_VITALS : `${v.diastolic} mmHg`,
  });

  const baselineLabel = `Systolic within ${d.systolicWithinOfBaselineMmHg} mmHg of baseline`;
  if (v === null) {
    criteria.push({
      id: "systolic-vs-baseline",
      label: baselineLabel,
      met: false,
      value: NO_VITALS,
    });
  } else if (input.baseline === null) {
    criteria.push({
      id: "systolic-vs-baseline",
      label: baselineLabel,
      met: false,
      value: "No baseline recorded",
    });
  } else {
    const diff = v.systolic - input.baseline.systolic;
    criteria.push({
      id: "systolic-vs-baseline",
      label: baselineLabel,
      // Either direction: a fall of more than the margin is not a return to baseline either.
      met: Math.abs(diff) <= d.systolicWithinOfBaselineMmHg,
      value: `${v.systolic} mmHg vs baseline ${input.baseline.systolic} mmHg (${diff >= 0 ? "+" : ""}${diff})`,
    });
  }

  criteria.push({
    id: "heart-rate",
    label: `Heart rate below ${d.heartRateBelowBpm} bpm`,
    met: v !== null && v.heartRate < d.heartRateBelowBpm,
    value: v === null ? NO_VITALS : `${v.heartRate} bpm`,
  });

  const spo2 = v?.spo2 ?? null;
  criteria.push({
    id: "spo2",
    label: `SpO2 at least ${d.spo2AtLeastPct}%`,
    met: spo2 !== null && spo2 >= d.spo2AtLeastPct,
    value: v === null ? NO_VITALS : spo2 === null ? "Not recorded" : `${spo2}%`,
  });

  const moaas = v?.moaas ?? null;
  criteria.push({
    id: "moaas",
    label: `MOAA/S ${d.moaasRequired} on the latest check`,
    met: moaas !== null && moaas === d.moaasRequired,
    value: v === null ? NO_VITALS : moaas === null ? "Not recorded" : `MOAA/S ${moaas}`,
  });

  criteria.push({
    id: "adverse-events",
    label: "No unresolved moderate or severe adverse event",
    met: !input.unresolvedAdverseEvents.some(
      (e) => e.severity === "moderate" || e.severity === "severe",
    ),
    value: severityCounts(input.unresolvedAdverseEvents),
  });

  criteria.push({
    id: "driver",
    label: "Responsible adult driver confirmed (no driving until the next day)",
    met: input.driverConfirmed,
    value: input.driverConfirmed ? "Confirmed" : "Not confirmed",
  });

  return { ready: criteria.every((c) => c.met), criteria };
}
