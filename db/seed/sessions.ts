/**
 * Turns every patient's timeline into booked sessions: a time, a room, a psychiatrist and (for
 * dosing) a monitoring nurse, then the status a clinic would see today.
 */
import type { SessionStatus } from "../schema";
import { CLOSES_AT_MIN, OPENS_AT_MIN, type ClinicCalendar } from "./calendar";
import type { SessionIntent, SessionPlan } from "./plan";
import { DISCHARGE_AFTER_DOSE_START_MIN, DOSE_START_AFTER_MIN, sessionLength } from "./protocols";
import type { Random } from "./random";
import type { Booking, BookingRequest, Scheduler } from "./scheduler";
import type { Staff } from "./staff";
import { HORIZON_DAYS } from "./timeline";

const GENERIC_WINDOW = { earliest: OPENS_AT_MIN, latest: CLOSES_AT_MIN } as const;

const CANCEL_REASONS: readonly string[] = [
  "Patient request: work conflict",
  "Patient unwell (upper respiratory infection)",
  "Transportation fell through; rebooked",
  "Childcare conflict",
  "Snowstorm: clinic called patients to rebook",
];

type Ctx = {
  cal: ClinicCalendar;
  rng: Random;
  ids: Random;
  scheduler: Scheduler;
  staff: Staff;
  /** The board's clock today, in minutes after local midnight. */
  clock: number;
};

/**
 * Past visits happened (a few therapy visits were missed), future ones are booked, and a visit
 * today takes the state it would have at the board's clock.
 */
function autoStatus(
  intent: SessionIntent,
  booking: Booking,
  clock: number,
  rng: Random,
): { status: SessionStatus; reason: string | null } {
  if (intent.status !== "auto") return { status: intent.status, reason: intent.cancelReason };
  if (booking.day > 0) return { status: "scheduled", reason: null };
  if (booking.day === 0) return { status: statusAtClock(intent, booking, clock), reason: null };
  if (intent.kind === "integration" || intent.kind === "follow_up") {
    const roll = rng.next();
    if (roll < 0.07) return { status: "cancelled", reason: rng.pick(CANCEL_REASONS) };
    if (roll < 0.11) return { status: "no_show", reason: null };
  }
  return { status: "completed", reason: null };
}

function statusAtClock(intent: SessionIntent, booking: Booking, clock: number): SessionStatus {
  const protocol = intent.course?.protocol;
  if (intent.kind !== "dosing" || !protocol) {
    if (booking.end <= clock) return "completed";
    return booking.start <= clock ? "in_progress" : "scheduled";
  }
  // Margins cover the few minutes of jitter the dosing records add to dose and discharge times.
  const doseAt = booking.start + DOSE_START_AFTER_MIN[protocol];
  if (doseAt + DISCHARGE_AFTER_DOSE_START_MIN[protocol] + 10 <= clock) return "completed";
  if (doseAt + 5 <= clock) return "in_progress";
  if (booking.start - 10 <= clock) return "checked_in";
  return "scheduled";
}

function preferredStart(rng: Random, durationMin: number, usual: number): number {
  const latest = CLOSES_AT_MIN - durationMin;
  const wanted = usual + rng.pick([-30, -15, 0, 0, 15, 30]);
  return Math.min(latest, Math.max(OPENS_AT_MIN, wanted));
}

export function bookSessions(
  ctx: Ctx,
  intents: readonly SessionIntent[],
): { sessions: SessionPlan[]; dropped: number } {
  const { cal, rng, ids, scheduler, staff, clock } = ctx;
  const psychiatristIds = staff.psychiatrists.map((p) => p.id);
  const otherNurses = staff.nurses.filter((n) => n.id !== staff.demoNurse.id).map((n) => n.id);
  const usualStart = new Map<string, number>();
  const dosingDays = new Map<string, number[]>();
  for (const intent of intents) {
    if (intent.kind !== "dosing") continue;
    dosingDays.set(intent.patient.id, [...(dosingDays.get(intent.patient.id) ?? []), intent.day]);
  }
  // Today's hand-placed sessions first, then dosing sessions (longest first) so the rooms go to
  // them, then therapy visits, which fit around their psychiatrist's supervision and may use an
  // office when every room is taken.
  const rank = (i: SessionIntent): number => (i.today ? 0 : i.kind === "dosing" ? 1 : 2);
  // One psychiatrist a day is the prescriber on site for the dosing chairs.
  const onDuty = (day: number): string =>
    psychiatristIds[
      ((day % psychiatristIds.length) + psychiatristIds.length) % psychiatristIds.length
    ] ?? "";
  const ordered = intents
    .map((intent, order) => ({ intent, order }))
    .sort((a, b) => {
      const byRank = rank(a.intent) - rank(b.intent);
      if (byRank !== 0) return byRank;
      const bySlot = (a.intent.today?.rank ?? 0) - (b.intent.today?.rank ?? 0);
      if (bySlot !== 0) return bySlot;
      const length = (i: SessionIntent): number =>
        sessionLength(i.kind, i.course?.protocol ?? null).durationMin;
      return (
        length(b.intent) - length(a.intent) || a.intent.day - b.intent.day || a.order - b.order
      );
    });

  const sessions: SessionPlan[] = [];
  let dropped = 0;
  for (const entry of ordered) {
    let intent = entry.intent;
    const p = intent.patient;
    const protocol = intent.course?.protocol ?? p.protocol;
    const { durationMin, occupancyMin } = sessionLength(intent.kind, protocol);
    if (!usualStart.has(p.id)) usualStart.set(p.id, OPENS_AT_MIN + 15 * rng.int(0, 24));
    const dosing = intent.kind === "dosing";
    const nurseIds = rng.chance(0.3)
      ? [staff.demoNurse.id, ...otherNurses]
      : [...rng.shuffle(otherNurses), staff.demoNurse.id];
    const supervisors = (day: number): string[] => {
      const first = onDuty(day);
      return [
        first,
        ...[p.psychiatrist.id, ...psychiatristIds].filter(
          (id, i, all) => id !== first && all.indexOf(id) === i,
        ),
      ];
    };
    const base: Omit<BookingRequest, "day"> = {
      patientId: p.id,
      kind: intent.kind,
      durationMin,
      occupancyMin,
      preferredStart: preferredStart(rng, durationMin, usualStart.get(p.id) ?? OPENS_AT_MIN),
      psychiatristId: dosing ? null : p.psychiatrist.id,
      supervisorIds: supervisors(intent.day),
      roomOptional: !dosing,
      // The esketamine REMS requires a prescriber on site for every session.
      supervisorRequired: protocol === "intranasal_esketamine",
      nurseIds: dosing ? nurseIds : [],
      preferRooms:
        dosing && protocol !== "sublingual_ketamine" && p.paradigm !== "psychedelic"
          ? "chair"
          : "room",
      ...(intent.today ?? {}),
    };
    let booking = scheduler.book({ ...base, day: intent.day });
    if (!booking && intent.today) {
      // Today's slot was taken: the visit becomes an ordinary one, today at whatever time is
      // free if possible, its status following the clock.
      intent = { ...intent, status: "auto", today: undefined };
      booking = scheduler.book({ ...base, ...GENERIC_WINDOW, day: intent.day });
    }
    if (!booking) {
      const others = (dosingDays.get(p.id) ?? []).filter((d) => d !== intent.day);
      for (const shift of [1, -1, 2, -2, 3]) {
        const day = intent.day + shift;
        if (day > HORIZON_DAYS || !cal.isClinicDay(day) || scheduler.patientBusyOn(p.id, day))
          continue;
        if (intent.day !== 0 && intent.day < 0 !== day < 0) continue;
        if (dosing && others.some((d) => Math.abs(d - day) < 2)) continue;
        booking = scheduler.book({
          ...base,
          ...GENERIC_WINDOW,
          day,
          supervisorIds: supervisors(day),
        });
        if (booking) break;
      }
    }
    if (!booking) {
      dropped += 1;
      continue;
    }
    const { status, reason } = autoStatus(intent, booking, clock, rng);
    sessions.push({
      id: ids.uuid(),
      patient: p,
      course: intent.course,
      kind: intent.kind,
      day: booking.day,
      start: cal.at(booking.day, booking.start),
      end: cal.at(booking.day, booking.end),
      roomId: booking.roomId,
      psychiatristId: booking.psychiatristId,
      nurseId: booking.nurseId,
      status,
      dosingIndex: intent.dosingIndex,
      numberInCourse: intent.dosingIndex === null ? null : intent.dosingIndex + 1,
      cancelReason: reason,
    });
  }
  sessions.sort((a, b) => a.start.getTime() - b.start.getTime());
  // A visit no room could take leaves the course one shorter; number what was booked.
  const counters = new Map<string, number>();
  for (const s of sessions) {
    if (s.kind !== "dosing" || !s.course) continue;
    const n = (counters.get(s.course.id) ?? 0) + 1;
    counters.set(s.course.id, n);
    s.dosingIndex = n - 1;
    s.numberInCourse = n;
  }
  return { sessions, dropped };
}
