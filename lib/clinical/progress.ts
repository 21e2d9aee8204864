import { INSTRUMENTS, type InstrumentCode } from "./instruments";

/** The fields of an assessment that baseline selection needs. */
export type DatedAssessment = { administeredAt: Date };

/**
 * Baseline for one instrument (CLINICAL.md "Progress across a course"): the latest assessment on
 * or before the start of the course's first dosing session; if there is none, or no dosing session
 * yet, the earliest assessment. Pass assessments of a single instrument, in any order.
 */
export function findBaseline<T extends DatedAssessment>(
  assessments: readonly T[],
  firstDosingStart: Date | null,
): T | null {
  let latestBefore: T | null = null;
  let earliest: T | null = null;
  for (const a of assessments) {
    const t = a.administeredAt.getTime();
    if (earliest === null || t < earliest.administeredAt.getTime()) earliest = a;
    if (
      firstDosingStart !== null &&
      t <= firstDosingStart.getTime() &&
      (latestBefore === null || t > latestBefore.administeredAt.getTime())
    ) {
      latestBefore = a;
    }
  }
  return latestBefore ?? earliest;
}

/**
 * (latest − baseline) / baseline as a percentage (negative = improvement on these scales).
 * Null — shown as "—" — when the baseline total is 0 or either total is missing.
 */
export function changePercent(baseline: number | null, latest: number | null): number | null {
  if (baseline === null || latest === null || baseline === 0) return null;
  return ((latest - baseline) / baseline) * 100;
}

/** Response: a reduction of at least 50 % from baseline. False when the baseline is 0 or missing. */
export function isResponse(baseline: number | null, latest: number | null): boolean {
  if (baseline === null || latest === null || baseline <= 0) return false;
  // Integer form of (baseline − latest) / baseline ≥ 0.5, free of floating-point rounding.
  return 2 * (baseline - latest) >= baseline;
}

/** The score at which response is reached (50 % of baseline), for the chart's response line. */
export function responseLine(baseline: number): number {
  return baseline / 2;
}

/**
 * Remission per CLINICAL.md: PHQ-9 < 5; GAD-7 < 5; MADRS ≤ 10; QIDS-SR16 ≤ 5; PCL-5 < 33.
 * Null when the instrument has no remission rule (CADSS, C-SSRS) or there is no total.
 */
export function isRemission(code: InstrumentCode, total: number | null): boolean | null {
  const rule = INSTRUMENTS[code].remission;
  if (rule === null || total === null) return null;
  switch (rule.comparator) {
    case "<":
      return total < rule.value;
    case "<=":
      return total <= rule.value;
    default: {
      const unreachable: never = rule.comparator;
      throw new Error(`Unknown comparator ${String(unreachable)}`);
    }
  }
}
