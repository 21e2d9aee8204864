/**
 * Scheduling defaults (CLINICAL.md "Scheduling defaults"). The numbers live in the clinic's one
 * configuration module, `lib/clinical/thresholds.ts`; this file gives them the scheduling name
 * and answers "how long is this kind of session by default".
 */
import type { Protocol, SessionKind } from "@/db/schema";
import { SCHEDULING_DEFAULTS, type SchedulingDefaults } from "@/lib/clinical/scheduling-defaults";

export type { SchedulingDefaults };

export const SCHEDULING: SchedulingDefaults = SCHEDULING_DEFAULTS;

/**
 * Default length in minutes of a session of `kind`. Dosing depends on the protocol (IV 90,
 * IM 120, esketamine 150, sublingual 180); other kinds ignore it.
 *
 * A dosing session without a protocol (not yet tied to a course) gets the longest dosing length,
 * so that the room and the nurse are never booked for less time than the dose may need.
 */
export function defaultLengthMinutes(
  kind: SessionKind,
  protocol: Protocol | null,
  config: SchedulingDefaults = SCHEDULING,
): number {
  const minutes = config.defaultMinutes;
  switch (kind) {
    case "intake":
      return minutes.intake;
    case "preparation":
      return minutes.preparation;
    case "integration":
      return minutes.integration;
    case "follow_up":
      return minutes.follow_up;
    case "dosing":
      return protocol === null
        ? Math.max(...Object.values(minutes.dosing))
        : minutes.dosing[protocol];
    default: {
      const unreachable: never = kind;
      throw new Error(`Unknown session kind ${String(unreachable)}`);
    }
  }
}
