/**
 * Session timing by protocol: default lengths from CLINICAL.md "Scheduling defaults", and how a
 * dosing session unfolds inside them (check-in and baseline first, then the dose, then
 * monitoring at the protocol's timepoints until discharge).
 */
import type { Protocol, SessionKind } from "../schema";

export const ROUTE = {
  iv_ketamine: "iv",
  im_ketamine: "im",
  intranasal_esketamine: "intranasal",
  sublingual_ketamine: "sublingual",
} as const satisfies Record<Protocol, string>;

export const DRUG = {
  iv_ketamine: "ketamine",
  im_ketamine: "ketamine",
  intranasal_esketamine: "esketamine",
  sublingual_ketamine: "ketamine",
} as const satisfies Record<Protocol, string>;

export const SESSION_MINUTES: Record<Exclude<SessionKind, "dosing">, number> = {
  intake: 90,
  preparation: 60,
  integration: 60,
  follow_up: 30,
};

export const DOSING_MINUTES: Record<Protocol, number> = {
  iv_ketamine: 90,
  im_ketamine: 120,
  intranasal_esketamine: 150,
  sublingual_ketamine: 180,
};

/** Check-in, baseline vitals and the pre-dose check come first. */
export const DOSE_START_AFTER_MIN: Record<Protocol, number> = {
  iv_ketamine: 15,
  im_ketamine: 15,
  intranasal_esketamine: 20,
  sublingual_ketamine: 20,
};

/**
 * Vitals after the dose, in minutes from dose start. IV: every 10 min during the 40-min infusion,
 * then every 15 min; esketamine: the REMS 40-min check plus extra checks before discharge;
 * lozenges are held about 15 min, so their monitoring runs longer.
 */
export const VITALS_TIMEPOINTS: Record<Protocol, readonly number[]> = {
  iv_ketamine: [10, 20, 30, 40, 55, 70, 85, 100],
  im_ketamine: [5, 15, 30, 45, 60, 75, 90],
  intranasal_esketamine: [15, 40, 60, 90, 120],
  sublingual_ketamine: [15, 30, 45, 60, 90, 120, 150],
};

/** Minutes from dose start when the patient leaves: ≥ 120 for esketamine (REMS), ≥ 60 after the dose ends otherwise. */
export const DISCHARGE_AFTER_DOSE_START_MIN: Record<Protocol, number> = {
  iv_ketamine: 105,
  im_ketamine: 95,
  intranasal_esketamine: 125,
  sublingual_ketamine: 155,
};

/** How long giving the dose takes: infusion, devices 5 min apart, lozenge held in the mouth. */
export function doseDurationMin(protocol: Protocol, devices: number | null): number {
  switch (protocol) {
    case "iv_ketamine":
      return 40;
    case "im_ketamine":
      return 1;
    case "intranasal_esketamine":
      return Math.max(1, ((devices ?? 1) - 1) * 5);
    case "sublingual_ketamine":
      return 15;
    default: {
      const unreachable: never = protocol;
      throw new Error(`Unknown protocol ${String(unreachable)}`);
    }
  }
}

const TURNOVER_MIN = 10;

/** Booked length, and how long the room is really held (IV observation overruns the 90-min slot). */
export function sessionLength(
  kind: SessionKind,
  protocol: Protocol | null,
): { durationMin: number; occupancyMin: number } {
  if (kind !== "dosing") {
    const durationMin = SESSION_MINUTES[kind];
    return { durationMin, occupancyMin: durationMin + TURNOVER_MIN };
  }
  if (!protocol) throw new Error("A dosing session needs a protocol");
  const durationMin = DOSING_MINUTES[protocol];
  const actual = DOSE_START_AFTER_MIN[protocol] + DISCHARGE_AFTER_DOSE_START_MIN[protocol];
  return { durationMin, occupancyMin: Math.max(durationMin, actual) + TURNOVER_MIN };
}
