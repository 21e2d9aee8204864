/**
 * The nearest free time for a session that conflicts where it is: same length, same room, same
 * people, stepping outward from the requested start (CLINICAL.md "Scheduling defaults").
 */
import { CONFLICT_DEPENDS_ON_TIME, findConflicts, type ConflictOptions } from "./conflicts";
import type { ScheduledSession } from "./conflicts";
import type { Interval } from "./intervals";
import { SCHEDULING } from "./config";

export type SuggestSlotOptions = ConflictOptions & {
  /** Candidate starts are this many minutes apart (default 15). */
  stepMinutes?: number;
  /** How far to look before and after the requested start, in days (default 7). */
  searchDays?: number;
  /** No suggestion starts before this (e.g. now). */
  notBefore?: Date;
};

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;

/**
 * The start nearest the candidate's (the candidate's own when it is free), before or after, at
 * which the session has no conflict that time can clear; a tie goes to the later time. Conflicts
 * that no time clears (`prescriber-required`) do not stop a suggestion: booking still reports them.
 * Clinic hours are part of "free", so a suggestion always lies within them. Null when nothing
 * within `searchDays` is free.
 */
export function suggestSlot(
  candidate: ScheduledSession,
  existing: readonly ScheduledSession[],
  options: SuggestSlotOptions,
): Interval | null {
  const stepMs = (options.stepMinutes ?? 15) * MS_PER_MINUTE;
  const reachMs = (options.searchDays ?? 7) * MS_PER_DAY;
  const lengthMs = candidate.end.getTime() - candidate.start.getTime();
  if (!(stepMs > 0) || !(reachMs >= 0) || !(lengthMs > 0)) return null;

  const from = candidate.start.getTime();
  const config = options.config ?? SCHEDULING;
  // Only sessions a slot within reach could collide with, the dosing interval included.
  const marginMs = reachMs + lengthMs + config.dosingMinIntervalHours * MS_PER_HOUR;
  const nearby = existing.filter(
    (s) => s.end.getTime() > from - marginMs && s.start.getTime() < from + marginMs,
  );
  const conflictOptions: ConflictOptions = { timeZone: options.timeZone, config };
  const notBefore = options.notBefore?.getTime() ?? Number.NEGATIVE_INFINITY;

  const maxSteps = Math.floor(reachMs / stepMs);
  for (let k = 0; k <= maxSteps; k += 1) {
    const offsets = k === 0 ? [0] : [k, -k];
    for (const offset of offsets) {
      const startMs = from + offset * stepMs;
      if (startMs < notBefore) continue;
      const slot = { start: new Date(startMs), end: new Date(startMs + lengthMs) };
      const blocking = findConflicts({ ...candidate, ...slot }, nearby, conflictOptions).filter(
        (c) => CONFLICT_DEPENDS_ON_TIME[c.code],
      );
      if (blocking.length === 0) return slot;
    }
  }
  return null;
}
