import type { Drug, Route } from "./discharge";
import {
  CLINICAL_THRESHOLDS,
  type ClinicalThresholds,
  type FixedTimepointSchedule,
} from "./thresholds";
import { minutesFromDose } from "./vitals";

/**
 * Vitals timepoints for one dosing session (CLINICAL.md "Vitals and monitoring"): which checks
 * the protocol asks for, when each is due, and whether the recorded rows cover it.
 *
 * Rules, all read from `CLINICAL_THRESHOLDS.timepoints` (and the esketamine discharge minimum):
 * - Baseline: done when a row was taken before the dose started (any row while there is no dose
 *   yet); "due" until the dose starts, "overdue" once the dose has started without one.
 * - Esketamine (REMS Patient Monitoring Form): 40 min, then "Before discharge".
 * - IV infusion: every 10 min during the infusion, then every 15 min after its end until 60 min
 *   after the end (the non-esketamine discharge minimum), so the last post-infusion check is the
 *   one the discharge decision reads. The infusion length is the recorded one (dose end − start)
 *   when the end is recorded, else the order's `infusionMinutes`, else the 40-min convention.
 * - IM and sublingual (and intranasal racemic ketamine, which CLINICAL.md does not schedule
 *   either and which is a bolus like IM): Kapstone's default phases, 15/30/45/60/90/120 min.
 *
 * Matching, in whole minutes from dose start (floored, as `minutesFromDose` stores and shows them):
 * a timepoint at T is "done" when a row falls in [T − tol, T + tol]; "due" while now is in that
 * window; "overdue" after it; "upcoming" before it. So "due" means exactly "a check taken now
 * would count". Each row counts for at most one timepoint (rows in time order, each to the open
 * timepoint with the earliest window end that contains it), so a single check at 15 min on a
 * 10-min schedule ticks 10 or 20, never both.
 *
 * "Before discharge" has no fixed minute (`minutesFromDose` null). Its window opens `tol` minutes
 * before the discharge minimum (120 min from dose start for esketamine) — the same lead every
 * other timepoint gets, because the nurse takes the last set just before the patient may leave —
 * and stays open until discharge: "upcoming", then "due", never "overdue" while the patient is
 * still in the chair; `dueAt` is the moment the discharge minimum is reached.
 *
 * Once `dischargeAt` is set, monitoring has ended: rows after it are ignored, timepoints whose
 * window had not opened by then are dropped, and any other timepoint not done is "overdue"
 * (a missed check stays visible, including a missing "Before discharge").
 */

export type TimepointStatus = "done" | "due" | "overdue" | "upcoming";

export type VitalsTimepoint = {
  /** "Baseline", "10 min", "Before discharge". */
  label: string;
  /** Scheduled minutes from dose start; null for Baseline and Before discharge. */
  minutesFromDose: number | null;
  /** When the check is due; null before the dose starts and for Baseline. */
  dueAt: Date | null;
  status: TimepointStatus;
};

export type TimepointsInput = {
  drug: Drug;
  route: Route;
  doseStartedAt: Date | null;
  doseEndedAt: Date | null;
  /** From the signed order; IV only. */
  infusionMinutes: number | null;
  now: Date;
  /** takenAt of the session's current (non-superseded) vitals rows, in any order. */
  takenAt: readonly Date[];
  dischargeAt?: Date | null;
  config?: ClinicalThresholds;
};

type Schedule = { baseline: boolean; minutes: number[]; beforeDischarge: boolean };

/** A timepoint after dose start, with its window in whole minutes from dose start. */
type Slot = {
  label: string;
  minutesFromDose: number | null;
  dueMinute: number;
  windowStart: number;
  windowEnd: number;
  done: boolean;
};

const MS_PER_MINUTE = 60_000;

/** Floored whole minutes from `from` to `to`; negative when `to` is earlier. */
function wholeMinutes(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / MS_PER_MINUTE);
}

/** k·every for k ≥ 1 while ≤ until, offset by `from`. A non-positive interval yields nothing. */
function everyUntil(from: number, every: number, until: number): number[] {
  const out: number[] = [];
  if (!(every > 0)) return out;
  for (let m = from + every; m <= until; m += every) out.push(m);
  return out;
}

/** Each phase continues from the last scheduled check, so no gap exceeds the phase's interval. */
function fixedMinutes(schedule: FixedTimepointSchedule): number[] {
  const out: number[] = [];
  let last = 0;
  for (const phase of schedule.phases) {
    const minutes = everyUntil(last, phase.everyMinutes, phase.untilMinutesFromDoseStart);
    out.push(...minutes);
    last = minutes.at(-1) ?? last;
  }
  return out;
}

function infusionLengthMinutes(input: TimepointsInput, config: ClinicalThresholds): number {
  const { doseStartedAt, doseEndedAt } = input;
  if (doseStartedAt !== null && doseEndedAt !== null) {
    const recorded = wholeMinutes(doseStartedAt, doseEndedAt);
    if (recorded >= 0) return recorded;
  }
  if (input.infusionMinutes !== null && input.infusionMinutes > 0) return input.infusionMinutes;
  return config.timepoints.ivInfusion.defaultInfusionMinutes;
}

function scheduleFor(input: TimepointsInput, config: ClinicalThresholds): Schedule {
  const t = config.timepoints;
  // The REMS schedule follows the drug, whatever route was recorded.
  if (input.drug === "esketamine") {
    return {
      baseline: t.esketamine.baseline,
      minutes: [...t.esketamine.minutesFromDoseStart],
      beforeDischarge: t.esketamine.beforeDischarge,
    };
  }
  switch (input.route) {
    case "iv": {
      const iv = t.ivInfusion;
      const length = infusionLengthMinutes(input, config);
      return {
        baseline: iv.baseline,
        minutes: [
          ...everyUntil(0, iv.duringInfusionEveryMinutes, length),
          ...everyUntil(
            length,
            iv.afterInfusionEveryMinutes,
            length + iv.afterInfusionUntilMinutes,
          ),
        ],
        beforeDischarge: false,
      };
    }
    case "im":
    case "intranasal":
      return { baseline: t.im.baseline, minutes: fixedMinutes(t.im), beforeDischarge: false };
    case "sublingual":
      return {
        baseline: t.sublingual.baseline,
        minutes: fixedMinutes(t.sublingual),
        beforeDischarge: false,
      };
    default: {
      const unreachable: never = input.route;
      throw new Error(`Unknown route ${String(unreachable)}`);
    }
  }
}

function slotStatus(slot: Slot, nowMinute: number | null, discharged: boolean): TimepointStatus {
  if (slot.done) return "done";
  if (nowMinute === null) return "upcoming";
  if (discharged) return "overdue";
  if (nowMinute < slot.windowStart) return "upcoming";
  if (nowMinute <= slot.windowEnd) return "due";
  return "overdue";
}

/** The session's vitals timepoints in order: Baseline, by minute, Before discharge. */
export function vitalsTimepoints(input: TimepointsInput): VitalsTimepoint[] {
  const config = input.config ?? CLINICAL_THRESHOLDS;
  const tolerance = Math.max(0, config.timepoints.toleranceMinutes);
  const schedule = scheduleFor(input, config);
  const { doseStartedAt } = input;
  const dischargeAt = input.dischargeAt ?? null;
  const rows = input.takenAt.filter((t) => dischargeAt === null || t <= dischargeAt);

  const result: VitalsTimepoint[] = [];
  if (schedule.baseline) {
    const done = doseStartedAt === null ? rows.length > 0 : rows.some((t) => t < doseStartedAt);
    result.push({
      label: "Baseline",
      minutesFromDose: null,
      dueAt: null,
      status: done ? "done" : doseStartedAt === null ? "due" : "overdue",
    });
  }

  const slots: Slot[] = [...new Set(schedule.minutes)]
    .filter((m) => m > 0)
    .sort((a, b) => a - b)
    .map((m) => ({
      label: `${m} min`,
      minutesFromDose: m,
      dueMinute: m,
      windowStart: m - tolerance,
      windowEnd: m + tolerance,
      done: false,
    }));
  if (schedule.beforeDischarge) {
    const minimum = config.discharge.esketamineMinMinutesFromDoseStart;
    // Last in the list, so a row that also fits a numbered timepoint goes to that one first.
    slots.push({
      label: "Before discharge",
      minutesFromDose: null,
      dueMinute: minimum,
      windowStart: minimum - tolerance,
      windowEnd: Number.POSITIVE_INFINITY,
      done: false,
    });
  }

  const postDoseMinutes = rows
    .map((t) => minutesFromDose(t, doseStartedAt))
    .filter((m): m is number => m !== null)
    .sort((a, b) => a - b);
  for (const minute of postDoseMinutes) {
    const slot = slots.find((s) => !s.done && s.windowStart <= minute && minute <= s.windowEnd);
    if (slot) slot.done = true;
  }

  const dischargeMinute =
    doseStartedAt !== null && dischargeAt !== null
      ? wholeMinutes(doseStartedAt, dischargeAt)
      : null;
  const nowMinute =
    doseStartedAt === null ? null : (dischargeMinute ?? wholeMinutes(doseStartedAt, input.now));

  for (const slot of slots) {
    const isBeforeDischarge = slot.minutesFromDose === null;
    // A numbered check whose window had not opened when the patient left no longer applies.
    if (
      dischargeMinute !== null &&
      !isBeforeDischarge &&
      !slot.done &&
      slot.windowStart > dischargeMinute
    ) {
      continue;
    }
    result.push({
      label: slot.label,
      minutesFromDose: slot.minutesFromDose,
      dueAt:
        doseStartedAt === null
          ? null
          : new Date(doseStartedAt.getTime() + slot.dueMinute * MS_PER_MINUTE),
      status: slotStatus(slot, nowMinute, dischargeMinute !== null),
    });
  }
  return result;
}
