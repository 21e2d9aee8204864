/**
 * Realistic scheduling fixtures for the tests of `lib/schedule`: a New York clinic, Maya Lee's IV
 * infusion in Chair A on Tuesday 11 March 2025 (the first week of daylight saving time).
 */
import { TZDate } from "@date-fns/tz";
import { findConflicts, type ScheduledSession } from "./conflicts";

export const TZ = "America/New_York";

/** The instant the clinic clock in New York shows `time` ("HH:MM") on `date` ("YYYY-MM-DD"). */
export function ny(date: string, time: string): Date {
  const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
  const [h = 0, min = 0] = time.split(":").map(Number);
  return new Date(new TZDate(y, m - 1, d, h, min, TZ).getTime());
}

export const DAY = "2025-03-11";

export const mayaInfusion: ScheduledSession = {
  id: "s-maya",
  patientId: "p-maya",
  patientName: "Maya Lee",
  kind: "dosing",
  protocol: "iv_ketamine",
  roomId: "r-chair-a",
  roomName: "Chair A",
  psychiatristId: "u-ruiz",
  psychiatristName: "Dr. Ana Ruiz",
  nurseId: "u-park",
  nurseName: "Sam Park RN",
  start: ny(DAY, "10:00"),
  end: ny(DAY, "11:30"),
  status: "scheduled",
};

/** Another patient's IV infusion in Chair B with other staff, unless overridden. */
export function session(overrides: Partial<ScheduledSession>): ScheduledSession {
  return {
    patientId: "p-omar",
    patientName: "Omar Haddad",
    kind: "dosing",
    protocol: "iv_ketamine",
    roomId: "r-chair-b",
    roomName: "Chair B",
    psychiatristId: "u-chen",
    nurseId: "u-okafor",
    start: ny(DAY, "10:00"),
    end: ny(DAY, "11:30"),
    ...overrides,
  };
}

export function codes(
  candidate: ScheduledSession,
  existing: readonly ScheduledSession[],
): string[] {
  return findConflicts(candidate, existing, { timeZone: TZ }).map((c) => c.code);
}
