/**
 * Today's board, placed by hand so the demo looks alive on whatever day it is started: sessions
 * finished this morning, two dosing sessions in progress, one patient checked in, and more booked
 * for later. Everything stays inside 08:00–18:00 on the clinic date of `now`, weekends included.
 */
import type { Protocol, SessionKind, SessionStatus } from "../schema";
import { CLOSES_AT_MIN, OPENS_AT_MIN, type ClinicCalendar } from "./calendar";
import type { PatientProfile } from "./patients";
import { DOSE_START_AFTER_MIN, sessionLength } from "./protocols";
import type { Random } from "./random";
import type { Staff } from "./staff";
import type { TodayAssignment } from "./timeline";

// The board is built as of a clock clamped to 10:30–16:00: early enough that sessions are still
// booked for later, late enough that some have finished. Before 10:30 local, the morning's
// records therefore carry times slightly ahead of the real clock.
const CLOCK_MIN = 10 * 60 + 30;
const CLOCK_MAX = 16 * 60;

export type TodayPlan = {
  /** Minutes after local midnight that the board is built as of. */
  clock: number;
  assignments: Map<string, TodayAssignment>;
};

type Slot = {
  kind: SessionKind;
  protocol?: Protocol;
  status: SessionStatus;
  /** "fixed": start exactly at `at`; "before": finished (room released) by the clock; "after". */
  when: { fixed: number } | "before" | "after";
  nurse: "demo" | "other";
  supervisor: "demo" | "own";
  who: (p: PatientProfile) => boolean;
};

const floor15 = (m: number): number => Math.floor(m / 15) * 15;
const ceil15 = (m: number): number => Math.ceil(m / 15) * 15;

const activeOn =
  (protocol: Protocol) =>
  (p: PatientProfile): boolean =>
    p.status === "active" && p.protocol === protocol;

function slots(clock: number): Slot[] {
  const dosing = (
    protocol: Protocol,
    status: SessionStatus,
    when: Slot["when"],
    nurse: Slot["nurse"],
    supervisor: Slot["supervisor"],
  ): Slot => ({
    kind: "dosing",
    protocol,
    status,
    when,
    nurse,
    supervisor,
    who: activeOn(protocol),
  });
  const therapy = (
    kind: SessionKind,
    status: SessionStatus,
    when: Slot["when"],
    who: Slot["who"],
  ): Slot => ({
    kind,
    status,
    when,
    nurse: "other",
    supervisor: "demo",
    who,
  });
  const inCourse = (p: PatientProfile): boolean =>
    p.status === "active" && p.paradigm !== "biochemical";
  // In-progress sessions start so that the dose began 50–65 min (esketamine) and 42–60 min (IV:
  // the 40-min check, where this patient's rise peaks, is on the chart) before the clock; the
  // checked-in patient is due now.
  const eskStart = floor15(clock - 50 - DOSE_START_AFTER_MIN.intranasal_esketamine);
  const ivStart = floor15(clock - 45 - DOSE_START_AFTER_MIN.iv_ketamine);
  return [
    dosing("intranasal_esketamine", "in_progress", { fixed: eskStart }, "demo", "demo"),
    dosing("iv_ketamine", "in_progress", { fixed: ivStart }, "demo", "own"),
    dosing("im_ketamine", "checked_in", { fixed: ceil15(clock) }, "demo", "demo"),
    dosing("iv_ketamine", "completed", "before", "other", "own"),
    therapy("integration", "completed", "before", inCourse),
    therapy("follow_up", "completed", "before", (p) => p.status === "maintenance"),
    dosing("intranasal_esketamine", "completed", "before", "other", "own"),
    dosing("iv_ketamine", "scheduled", "after", "demo", "own"),
    dosing("intranasal_esketamine", "scheduled", "after", "other", "own"),
    therapy("intake", "scheduled", "after", (p) => p.status === "intake"),
    therapy("integration", "scheduled", "after", inCourse),
    dosing("sublingual_ketamine", "scheduled", "after", "other", "own"),
    therapy(
      "preparation",
      "scheduled",
      "after",
      (p) => p.status === "screening" && p.screeningComplete,
    ),
    therapy("follow_up", "scheduled", "after", (p) => p.status === "active"),
    dosing("im_ketamine", "completed", "before", "other", "own"),
  ];
}

function dosingIndexFor(protocol: Protocol, rng: Random): number {
  switch (protocol) {
    case "iv_ketamine":
      return rng.int(2, 4);
    case "intranasal_esketamine":
      return rng.int(3, 9);
    case "im_ketamine":
    case "sublingual_ketamine":
      return rng.int(1, 4);
    default: {
      const unreachable: never = protocol;
      throw new Error(`Unknown protocol ${String(unreachable)}`);
    }
  }
}

export function planToday(
  cal: ClinicCalendar,
  rng: Random,
  patients: readonly PatientProfile[],
  staff: Staff,
): TodayPlan {
  const clock = Math.min(CLOCK_MAX, Math.max(CLOCK_MIN, Math.floor(cal.nowMinutes / 5) * 5));
  const assignments = new Map<string, TodayAssignment>();
  const otherNurses = staff.nurses.filter((n) => n.id !== staff.demoNurse.id).map((n) => n.id);
  const allNurses = [staff.demoNurse.id, ...otherNurses];
  const demoId = staff.demoPsychiatrist.id;
  const psychiatristIds = staff.psychiatrists.map((p) => p.id);
  slots(clock).forEach((slot, i) => {
    const candidates = patients.filter((p) => !assignments.has(p.id) && slot.who(p));
    // Every other slot goes to the demo psychiatrist's own patients when there is one.
    const own = candidates.filter((p) => p.psychiatrist.id === demoId);
    const patient = i % 2 === 0 && own.length > 0 ? own[0] : candidates[0];
    if (!patient) return;
    const { durationMin, occupancyMin } = sessionLength(slot.kind, slot.protocol ?? null);
    let earliest = OPENS_AT_MIN;
    let latest = CLOSES_AT_MIN;
    if (slot.when === "before") latest = clock - (occupancyMin - durationMin) - 10;
    else if (slot.when === "after") earliest = ceil15(clock + 30);
    else {
      earliest = slot.when.fixed;
      latest = slot.when.fixed + durationMin;
    }
    if (latest - earliest < durationMin || earliest < OPENS_AT_MIN) return;
    const supervisorId = slot.supervisor === "demo" ? demoId : patient.psychiatrist.id;
    assignments.set(patient.id, {
      kind: slot.kind,
      dosingIndex:
        slot.kind === "dosing" && slot.protocol ? dosingIndexFor(slot.protocol, rng) : null,
      status: slot.status,
      placement: {
        rank: i,
        earliest,
        latest,
        preferredStart: earliest,
        supervisorIds: [supervisorId, ...psychiatristIds.filter((id) => id !== supervisorId)],
        nurseIds: slot.nurse === "demo" ? allNurses : [...otherNurses, staff.demoNurse.id],
      },
    });
    // The patient being infused right now shows the ketamine blood-pressure rise with an alert.
    if (slot.status === "in_progress" && slot.protocol === "iv_ketamine") {
      patient.hypertensiveResponder = true;
    }
  });
  return { clock, assignments };
}
