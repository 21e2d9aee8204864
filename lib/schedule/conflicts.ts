/**
 * Booking conflicts (CLINICAL.md "Scheduling defaults"), as the API names them. Pure: the caller
 * loads the sessions around the candidate and decides what to do with each conflict; every
 * conflict but `prescriber-required` may be overridden by a person with a reason.
 *
 * Intervals are half-open, [start, end): sessions that only touch do not overlap. Existing
 * sessions that were cancelled or were a no-show hold no time; an existing row with the
 * candidate's own id is the session being rescheduled and is ignored.
 */
import type { Protocol, SessionKind, SessionStatus } from "@/db/schema";
import { outsideHoursReasons } from "./clinic-hours";
import { formatClinicTime } from "./clinic-time";
import { SCHEDULING, type SchedulingDefaults } from "./config";
import {
  describeInRoom,
  describeWithTime,
  hoursApart,
  nameOf,
  sessionPhrase,
  timeRange,
} from "./conflict-wording";
import { overlaps, peakInProgress } from "./intervals";

export const CONFLICT_CODES = [
  "room-overlap",
  "patient-overlap",
  "psychiatrist-overlap",
  "nurse-ratio",
  "dosing-interval",
  "prescriber-required",
  "outside-hours",
] as const;
export type ConflictCode = (typeof CONFLICT_CODES)[number];

export type ScheduledSession = {
  id?: string;
  patientId: string;
  kind: SessionKind;
  protocol: Protocol | null;
  roomId: string | null;
  psychiatristId: string | null;
  nurseId: string | null;
  start: Date;
  end: Date;
  status?: SessionStatus;
  /** For messages: "Chair A is already booked 10:00–11:30 AM for Maya Lee (dosing)." */
  patientName?: string;
  roomName?: string;
  psychiatristName?: string;
  nurseName?: string;
};

export type Conflict = {
  code: ConflictCode;
  message: string;
  /** The existing session the candidate collides with, when there is one. */
  sessionId?: string;
  overridable: boolean;
};

export type ConflictOptions = {
  /** The clinic's IANA time zone (`CLINIC_TZ`): hours and messages are in clinic time. */
  timeZone: string;
  config?: SchedulingDefaults;
};

/** The Spravato REMS requires a prescriber on site, so a missing one is never overridden. */
export const CONFLICT_OVERRIDABLE: Readonly<Record<ConflictCode, boolean>> = {
  "room-overlap": true,
  "patient-overlap": true,
  "psychiatrist-overlap": true,
  "nurse-ratio": true,
  "dosing-interval": true,
  "prescriber-required": false,
  "outside-hours": true,
};

/** Whether moving the session to another time can clear the conflict (see `suggestSlot`). */
export const CONFLICT_DEPENDS_ON_TIME: Readonly<Record<ConflictCode, boolean>> = {
  "room-overlap": true,
  "patient-overlap": true,
  "psychiatrist-overlap": true,
  "nurse-ratio": true,
  "dosing-interval": true,
  "prescriber-required": false,
  "outside-hours": true,
};

/** Whether a session in this status holds its room, people and patient. */
const HOLDS_TIME: Readonly<Record<SessionStatus, boolean>> = {
  scheduled: true,
  checked_in: true,
  in_progress: true,
  completed: true,
  cancelled: false,
  no_show: false,
};

const MS_PER_HOUR = 3_600_000;

export { overlaps };

function holdsTime(session: ScheduledSession): boolean {
  return session.status === undefined || HOLDS_TIME[session.status];
}

function conflict(code: ConflictCode, message: string, sessionId?: string): Conflict {
  return sessionId === undefined
    ? { code, message, overridable: CONFLICT_OVERRIDABLE[code] }
    : { code, message, sessionId, overridable: CONFLICT_OVERRIDABLE[code] };
}

/** Conflicts of `candidate` against `existing`, in `CONFLICT_CODES` order, then by start. */
export function findConflicts(
  candidate: ScheduledSession,
  existing: readonly ScheduledSession[],
  options: ConflictOptions,
): Conflict[] {
  // A cancelled or no-show candidate books nothing, so it cannot collide.
  if (!holdsTime(candidate)) return [];
  const { timeZone } = options;
  const config = options.config ?? SCHEDULING;
  const others = existing
    .filter((s) => holdsTime(s) && (candidate.id === undefined || s.id !== candidate.id))
    .sort((a, b) => a.start.getTime() - b.start.getTime());

  const found: Conflict[] = [];
  for (const other of others) {
    const clash = overlaps(candidate, other);
    if (clash && candidate.roomId !== null && other.roomId === candidate.roomId) {
      const room = nameOf(other.roomName ?? candidate.roomName, "This room");
      found.push(
        conflict(
          "room-overlap",
          `${room} is already booked ${timeRange(other, timeZone)} for ${nameOf(other.patientName, "another patient")} (${sessionPhrase(other.kind, false)}).`,
          other.id,
        ),
      );
    }
    if (clash && other.patientId === candidate.patientId) {
      const patient = nameOf(other.patientName ?? candidate.patientName, "This patient");
      found.push(
        conflict(
          "patient-overlap",
          `${patient} already has ${sessionPhrase(other.kind, true)} ${describeInRoom(other, timeZone)}.`,
          other.id,
        ),
      );
    }
    // One psychiatrist, as the prescriber on site, may supervise several dosing sessions at once.
    const bothDosing = candidate.kind === "dosing" && other.kind === "dosing";
    if (
      clash &&
      !bothDosing &&
      candidate.psychiatristId !== null &&
      other.psychiatristId === candidate.psychiatristId
    ) {
      const psychiatrist = nameOf(
        other.psychiatristName ?? candidate.psychiatristName,
        "This psychiatrist",
      );
      found.push(
        conflict(
          "psychiatrist-overlap",
          `${psychiatrist} is already booked ${timeRange(other, timeZone)} for ${nameOf(other.patientName, "another patient")} (${sessionPhrase(other.kind, false)}); a psychiatrist may overlap only dosing sessions.`,
          other.id,
        ),
      );
    }
    if (
      bothDosing &&
      other.patientId === candidate.patientId &&
      Math.abs(other.start.getTime() - candidate.start.getTime()) <
        config.dosingMinIntervalHours * MS_PER_HOUR
    ) {
      const patient = nameOf(other.patientName ?? candidate.patientName, "This patient");
      found.push(
        conflict(
          "dosing-interval",
          `${patient} has another dosing session starting ${describeWithTime(other, timeZone)}, only ${hoursApart(other.start, candidate.start)} apart; dosing sessions must start at least ${config.dosingMinIntervalHours} h apart.`,
          other.id,
        ),
      );
    }
  }

  const ratio = nurseRatioConflict(candidate, others, timeZone, config);
  if (ratio) found.push(ratio);
  if (
    candidate.kind === "dosing" &&
    candidate.protocol === "intranasal_esketamine" &&
    candidate.psychiatristId === null
  ) {
    found.push(
      conflict(
        "prescriber-required",
        "Assign a psychiatrist: the Spravato REMS requires a prescriber on site for every esketamine dosing session.",
      ),
    );
  }
  const outside = outsideHoursReasons(candidate.start, candidate.end, timeZone, config);
  if (outside.length > 0) found.push(conflict("outside-hours", outside.join(" ")));

  const rank = (code: ConflictCode): number => CONFLICT_CODES.indexOf(code);
  // Array.prototype.sort is stable, so within a code the other sessions stay in start order.
  return found.sort((a, b) => rank(a.code) - rank(b.code));
}

/**
 * `nurse-ratio`: the most of this nurse's dosing sessions in progress at any one instant within
 * the candidate's interval, the candidate included, must not exceed the limit (3 — reached is
 * fine, exceeded is a conflict).
 */
function nurseRatioConflict(
  candidate: ScheduledSession,
  others: readonly ScheduledSession[],
  timeZone: string,
  config: SchedulingDefaults,
): Conflict | null {
  const nurseId = candidate.nurseId;
  if (candidate.kind !== "dosing" || nurseId === null) return null;
  const monitored = others.filter((s) => s.kind === "dosing" && s.nurseId === nurseId);
  const { at, inProgress } = peakInProgress(candidate, monitored);
  const limit = config.nurseMaxOverlappingDosing;
  const load = inProgress.length + 1;
  if (load <= limit) return null;
  const nurse = nameOf(
    inProgress.find((s) => s.nurseName !== undefined)?.nurseName ?? candidate.nurseName,
    "This nurse",
  );
  const list = inProgress
    .map((s) => `${nameOf(s.patientName, "another patient")} ${timeRange(s, timeZone)}`)
    .join(", ");
  return conflict(
    "nurse-ratio",
    `${nurse} would be monitoring ${load} dosing sessions at ${formatClinicTime(at, timeZone)} (limit ${limit}): this one and ${list}.`,
    inProgress[0]?.id,
  );
}
