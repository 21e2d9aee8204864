import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { adverseEvents, sessions, vitals, type SessionStatus } from "@/db/schema";
import type { ActorContext } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { checkInInputSchema } from "@/lib/api/session-schemas";
import { dischargeReadiness, type DischargeReadiness } from "@/lib/clinical/discharge";
import { AppError } from "@/lib/errors";
import {
  baselineOf,
  currentVitals,
  requireStatus,
  sessionDose,
  withSessionWrite,
  type BedsideSession,
  type DoseRow,
} from "@/lib/sessions/bedside";
import { parseInput } from "@/lib/validation";

export type TransitionResult = { id: string; status: SessionStatus };

export type CheckInInput = {
  identityConfirmed: true;
  fastingConfirmed: boolean;
  rideHomeConfirmed: boolean;
  changesSinceLastVisit?: string | null;
};

export async function checkInSession(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  rawInput: CheckInInput,
  now: Date = new Date(),
): Promise<TransitionResult> {
  return withSessionWrite(
    db,
    actor,
    sessionId,
    "bedside:record",
    "session.check-in",
    async (tx, session) => {
      const input = parseInput(checkInInputSchema, rawInput);
      requireStatus(session, ["scheduled"], "check in");
      await tx
        .update(sessions)
        .set({
          status: "checked_in",
          checkIn: {
            identityConfirmed: input.identityConfirmed,
            fastingConfirmed: input.fastingConfirmed,
            rideHomeConfirmed: input.rideHomeConfirmed,
            changesSinceLastVisit: input.changesSinceLastVisit?.trim() || null,
          },
          checkedInAt: now,
          checkedInBy: actor.id,
          updatedAt: now,
        })
        .where(eq(sessions.id, sessionId));
      return { result: { id: sessionId, status: "checked_in" }, audit: {} };
    },
  );
}

/** Starts a checked-in session without a dose (a dose record starts a dosing session itself). */
export async function startSession(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  now: Date = new Date(),
): Promise<TransitionResult> {
  return withSessionWrite(
    db,
    actor,
    sessionId,
    "bedside:record",
    "session.start",
    async (tx, session) => {
      requireStatus(session, ["checked_in"], "start the session");
      if (session.kind === "dosing") {
        throw new AppError("conflict", "A dosing session starts when the dose is recorded.", [
          { field: "status", message: session.status },
        ]);
      }
      await tx
        .update(sessions)
        .set({ status: "in_progress", startedAt: now, updatedAt: now })
        .where(eq(sessions.id, sessionId));
      return { result: { id: sessionId, status: "in_progress" }, audit: {} };
    },
  );
}

export async function markNoShow(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  reason: string | null,
  now: Date = new Date(),
): Promise<TransitionResult> {
  return withSessionWrite(
    db,
    actor,
    sessionId,
    // Front desk (schedule) and bedside staff alike may record that the patient did not come.
    can(actor.role, "schedule:manage") ? "schedule:manage" : "bedside:record",
    "session.no-show",
    async (tx, session) => {
      requireStatus(session, ["scheduled", "checked_in"], "mark a no-show");
      await tx
        .update(sessions)
        .set({ status: "no_show", cancelReason: reason?.trim() || null, updatedAt: now })
        .where(eq(sessions.id, sessionId));
      return { result: { id: sessionId, status: "no_show" }, audit: { detail: { reason } } };
    },
  );
}

/** Discharge readiness of a dosing session as CLINICAL.md defines it, from what is recorded. */
export async function readinessFor(
  tx: Db | Tx,
  session: BedsideSession,
  now: Date,
): Promise<DischargeReadiness> {
  const dose = await sessionDose(tx, session.id);
  const rows = await currentVitals(tx, session.id);
  const unresolved = await tx
    .select({ severity: adverseEvents.severity })
    .from(adverseEvents)
    .where(and(eq(adverseEvents.sessionId, session.id), isNull(adverseEvents.resolvedAt)));
  return readinessFrom(session, dose, rows, unresolved, now);
}

type ReadinessReading = Pick<
  typeof vitals.$inferSelect,
  | "takenAt"
  | "systolic"
  | "diastolic"
  | "heartRate"
  | "spo2"
  | "respiratoryRate"
  | "temperatureC"
  | "moaas"
>;

/**
 * Discharge readiness from rows already read: the session's first dose, its current (not
 * superseded) readings oldest first, and its unresolved adverse events.
 */
export function readinessFrom(
  session: Pick<BedsideSession, "protocol" | "checkIn">,
  dose: Pick<DoseRow, "drug" | "route" | "startedAt" | "endedAt"> | null,
  rows: readonly ReadinessReading[],
  unresolved: readonly Pick<typeof adverseEvents.$inferSelect, "severity">[],
  now: Date,
): DischargeReadiness {
  const latest = rows.at(-1);
  const baseline = baselineOf(rows, dose?.startedAt ?? null);
  return dischargeReadiness({
    drug: dose?.drug ?? (session.protocol === "intranasal_esketamine" ? "esketamine" : "ketamine"),
    route: dose?.route ?? "iv",
    doseStartedAt: dose?.startedAt ?? null,
    doseEndedAt: dose?.endedAt ?? null,
    now,
    baseline: baseline ? { systolic: baseline.systolic, diastolic: baseline.diastolic } : null,
    latestVitals:
      latest && (!dose || latest.takenAt >= dose.startedAt)
        ? {
            systolic: latest.systolic,
            diastolic: latest.diastolic,
            heartRate: latest.heartRate,
            spo2: latest.spo2,
            respiratoryRate: latest.respiratoryRate,
            temperatureC: latest.temperatureC,
            moaas: latest.moaas,
          }
        : null,
    unresolvedAdverseEvents: unresolved,
    driverConfirmed: session.checkIn?.rideHomeConfirmed ?? false,
  });
}

/**
 * Discharges a session. A dosing session must meet every readiness criterion, or the
 * clinician records why they discharge anyway; the override is kept with the session.
 */
export async function dischargeSession(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  overrideReason: string | null,
  now: Date = new Date(),
): Promise<TransitionResult> {
  return withSessionWrite(
    db,
    actor,
    sessionId,
    "bedside:record",
    "session.discharge",
    async (tx, session) => {
      requireStatus(session, ["in_progress"], "discharge");
      let unmet: string[] = [];
      if (session.kind === "dosing") {
        const readiness = await readinessFor(tx, session, now);
        unmet = readiness.criteria.filter((c) => !c.met).map((c) => `${c.label}: ${c.value}`);
        if (unmet.length > 0 && !overrideReason?.trim()) {
          throw new AppError(
            "unprocessable",
            `Discharge criteria not met: ${unmet.join("; ")}. Record a reason to discharge anyway.`,
            readiness.criteria
              .filter((c) => !c.met)
              .map((c) => ({ field: c.id, message: `${c.label}: ${c.value}` })),
          );
        }
      }
      await tx
        .update(sessions)
        .set({
          status: "completed",
          completedAt: now,
          dischargedBy: actor.id,
          dischargeOverrideReason: unmet.length > 0 ? (overrideReason?.trim() ?? null) : null,
          updatedAt: now,
        })
        .where(eq(sessions.id, sessionId));
      return {
        result: { id: sessionId, status: "completed" },
        audit: { detail: unmet.length > 0 ? { override: overrideReason, unmet } : {} },
      };
    },
  );
}
