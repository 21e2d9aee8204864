/**
 * Dosing series: how many sessions a course plans, on which weekdays a patient comes in, and the
 * dose orders that cover them.
 */
import type { Protocol } from "../schema";
import type { ClinicCalendar } from "./calendar";
import type { PatientProfile } from "./patients";
import type { CoursePlan, OrderPlan } from "./plan";
import type { Random } from "./random";

/** `load`: booked room-minutes per day so far, so new visits go to quieter days. */
export type SeriesContext = {
  cal: ClinicCalendar;
  rng: Random;
  ids: Random;
  load: Map<number, number>;
};

// Induction lengths: IV 4–6 infusions over 2–3 weeks; Spravato weeks 1–8 (8 twice-weekly, then
// 4 weekly); IM and lozenge series as KAP clinics commonly run them.
export const INDUCTION_SESSIONS: Record<Protocol, number> = {
  iv_ketamine: 6,
  intranasal_esketamine: 12,
  im_ketamine: 6,
  sublingual_ketamine: 6,
};

/** Minimum days to the next dose and the weekdays the patient comes in on. */
export type Cadence = (i: number) => { minGap: number; weekdays: readonly number[] };

const WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];
// Patients keep regular days (Mon/Wed/Fri, Tue/Thu…), which also spreads the chairs' load
// across the week.
const TWICE_WEEKLY: readonly (readonly number[])[] = [
  [1, 4],
  [2, 5],
  [2, 4],
  [1, 3],
  [3, 5],
];
const IV_PATTERNS: readonly (readonly number[])[] = [
  [1, 3, 5],
  [2, 4],
  [1, 4],
  [2, 5],
  [3, 5],
];

export function cadenceFor(protocol: Protocol, p: PatientProfile, rng: Random): Cadence {
  switch (protocol) {
    case "iv_ketamine": {
      const weekdays = rng.pick(IV_PATTERNS);
      return () => ({ minGap: 2, weekdays });
    }
    case "intranasal_esketamine": {
      // Spravato: twice weekly in weeks 1–4, then weekly.
      const weekdays = rng.pick(TWICE_WEEKLY);
      return (i) => (i < 7 ? { minGap: 2, weekdays } : { minGap: 7, weekdays: WEEKDAYS });
    }
    case "im_ketamine": {
      const weekdays = rng.pick(TWICE_WEEKLY);
      return () => ({ minGap: 2, weekdays });
    }
    case "sublingual_ketamine":
      return () => ({ minGap: p.paradigm === "psychedelic" ? 10 : 7, weekdays: WEEKDAYS });
    default: {
      const unreachable: never = protocol;
      throw new Error(`Unknown protocol ${String(unreachable)}`);
    }
  }
}

/** Dosing days around an anchor, on the patient's weekdays (the anchor itself may be any day). */
export function seriesDays(
  ctx: SeriesContext,
  anchor: { day: number; index: number },
  count: number,
  cadence: Cadence,
  taken: (day: number) => boolean,
): number[] {
  const cal = ctx.cal;
  const allowed = (d: number, i: number): boolean =>
    cadence(i).weekdays.includes(cal.weekday(d)) && !taken(d);
  const dir = anchor.day < 0 ? -1 : 1;
  let first = anchor.day;
  // Today's hand-placed dose may fall on a weekend; every other anchor keeps the patient's days.
  while (anchor.day !== 0 && !allowed(first, anchor.index)) first += dir;
  const days: number[] = [];
  days[anchor.index] = first;
  for (let i = anchor.index - 1; i >= 0; i -= 1) {
    let d = (days[i + 1] ?? 0) - cadence(i).minGap;
    while (!allowed(d, i)) d -= 1;
    days[i] = d;
  }
  for (let i = anchor.index + 1; i < count; i += 1) {
    let d = (days[i - 1] ?? 0) + cadence(i - 1).minGap;
    while (!allowed(d, i - 1)) d += 1;
    days[i] = d;
  }
  return days;
}

export function makeCourse(
  ctx: SeriesContext,
  p: PatientProfile,
  phase: CoursePlan["phase"],
  planned: number,
): CoursePlan {
  if (!p.protocol) throw new Error(`${p.mrn} has no protocol`);
  return {
    id: ctx.ids.uuid(),
    patient: p,
    protocol: p.protocol,
    paradigm: p.paradigm,
    plannedSessions: planned,
    status: "active",
    phase,
    orders: [],
    discontinueReason: null,
  };
}

export function addOrders(ctx: SeriesContext, course: CoursePlan, days: readonly number[]): void {
  const first = days[0] ?? 0;
  const order = (fromIndex: number, mgPerKg: number | null, mg: number | null): OrderPlan => ({
    id: ctx.ids.uuid(),
    mgPerKg,
    mg,
    infusionMinutes: course.protocol === "iv_ketamine" ? 40 : null,
    fromDay: fromIndex === 0 ? first - 2 : (days[fromIndex] ?? first) - 1,
    untilDay: null,
    fromIndex,
  });
  const dose = course.patient.dose;
  if (dose.kind === "weight") {
    const titrateAt = 3;
    course.orders.push(order(0, dose.mgPerKg, null));
    if (dose.titrateToMgPerKg !== null && course.phase === "induction" && days.length > titrateAt) {
      course.orders.push(order(titrateAt, dose.titrateToMgPerKg, null));
    }
  } else if (
    dose.firstSessionMg !== null &&
    dose.firstSessionMg !== dose.mg &&
    course.phase === "induction"
  ) {
    course.orders.push(order(0, null, dose.firstSessionMg), order(1, null, dose.mg));
  } else {
    course.orders.push(order(0, null, dose.mg));
  }
  course.orders.forEach((o, i) => {
    const next = course.orders[i + 1];
    o.untilDay = next ? next.fromDay - 1 : null;
  });
}
