import "server-only";
import { and, eq, gte, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doseAdministrations, sessions, vitals, type PreDoseReview } from "@/db/schema";
import type { ActorContext } from "@/lib/auth/authorize";
import { doseInputSchema, preDoseReviewInputSchema } from "@/lib/api/session-schemas";
import { preDoseCheck } from "@/lib/clinical/vitals";
import { AppError } from "@/lib/errors";
import { clinicDateKey } from "@/lib/format";
import { config } from "@/lib/config";
import { PROTOCOL_LABEL } from "@/lib/labels";
import {
  baselineOf,
  currentVitals,
  requireStatus,
  sessionDose,
  signedOrderFor,
  withSessionWrite,
} from "@/lib/sessions/bedside";
import { parseInput } from "@/lib/validation";

/** Intranasal esketamine comes in 28 mg devices (Spravato). */
export const ESKETAMINE_DEVICE_MG = 28;
/** A dose within this of the order counts as the order (rounding of mg/kg × weight). */
const ORDER_TOLERANCE_MG = 0.5;

export type DoseInput = {
  drug: "ketamine" | "esketamine";
  route: "iv" | "im" | "intranasal" | "sublingual";
  doseMg: number;
  lot: string;
  startedAt?: string;
  endedAt?: string | null;
  devices?: number | null;
  deviationReason?: string | null;
};

export type DoseRecorded = {
  id: string;
  doseMgPerKg: number | null;
  deviatesFromOrder: boolean;
  replayed: boolean;
};

export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/**
 * Records the dose given. Refused until baseline vitals exist and the pre-dose check is
 * cleared; a dose that differs from the signed order needs a confirming reason and is marked.
 * A checked-in dosing session becomes in progress with the dose's start time.
 */
export async function recordDose(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  rawInput: DoseInput,
  options: { idempotencyKey: string | null; now?: Date },
): Promise<DoseRecorded> {
  const now = options.now ?? new Date();
  return withSessionWrite<DoseRecorded>(
    db,
    actor,
    sessionId,
    "bedside:record",
    "dose.record",
    async (tx, session) => {
      const input = parseInput(doseInputSchema, rawInput);
      if (options.idempotencyKey) {
        const [earlier] = await tx
          .select()
          .from(doseAdministrations)
          .where(
            and(
              eq(doseAdministrations.sessionId, sessionId),
              eq(doseAdministrations.idempotencyKey, options.idempotencyKey),
            ),
          );
        if (earlier) {
          return {
            result: {
              id: earlier.id,
              doseMgPerKg: earlier.doseMgPerKg,
              deviatesFromOrder: earlier.deviatesFromOrder,
              replayed: true,
            },
            audit: { entityType: "dose", entityId: earlier.id, detail: { replayed: true } },
          };
        }
      }
      if (session.kind !== "dosing") {
        throw new AppError("unprocessable", "Only a dosing session records a dose.");
      }
      requireStatus(session, ["checked_in", "in_progress"], "record a dose");
      if (await sessionDose(tx, sessionId)) {
        throw new AppError("conflict", "A dose is already recorded for this session.");
      }
      const startedAt = input.startedAt ? new Date(input.startedAt) : now;
      const endedAt = input.endedAt
        ? new Date(input.endedAt)
        : input.route === "iv"
          ? null // the infusion end is recorded when it ends
          : startedAt; // a bolus, lozenge or spray ends as it starts
      if (startedAt.getTime() > now.getTime() + 2 * 60_000) {
        throw new AppError("unprocessable", "The dose start cannot be in the future.", [
          { field: "startedAt", message: "in the future" },
        ]);
      }
      if (endedAt && endedAt < startedAt) {
        throw new AppError("unprocessable", "The dose cannot end before it starts.", [
          { field: "endedAt", message: "before start" },
        ]);
      }

      // Pre-dose safety: a baseline exists and the blood-pressure guidance is satisfied.
      const rows = await currentVitals(tx, sessionId);
      const baseline = baselineOf(rows, startedAt);
      if (!baseline) {
        throw new AppError("unprocessable", "Record baseline vitals before the dose.", [
          { field: "baseline", message: "missing" },
        ]);
      }
      const check = preDoseCheck(baseline);
      const review = session.preDoseReview;
      if (check.status === "recheck" && !review) {
        throw new AppError(
          "unprocessable",
          `${check.message} A psychiatrist must acknowledge it before the dose.`,
          [{ field: "preDose", message: "acknowledgement required" }],
        );
      }
      if (check.status === "hold" && review?.decision !== "override") {
        throw new AppError(
          "unprocessable",
          `${check.message} The dose is held unless a psychiatrist records an override with a reason.`,
          [{ field: "preDose", message: "override required" }],
        );
      }
      if (input.drug === "esketamine" && !session.checkIn?.fastingConfirmed) {
        throw new AppError(
          "unprocessable",
          "Fasting is not confirmed (no food for 2 h, no liquids for 30 min before esketamine).",
          [{ field: "fasting", message: "not confirmed" }],
        );
      }

      // Compare with the signed order.
      const order = await signedOrderFor(
        tx,
        session.courseId,
        clinicDateKey(now, config().clinicTimeZone),
      );
      if (!order) {
        throw new AppError("unprocessable", "There is no signed dose order for this course.", [
          { field: "order", message: "missing" },
        ]);
      }
      if (order.drug !== input.drug || order.route !== input.route) {
        throw new AppError(
          "unprocessable",
          `The signed order is for ${order.drug} by the ${order.route} route; record the dose as ordered or ask for a new order.`,
          [{ field: "route", message: "differs from order" }],
        );
      }
      let devices: number | null = null;
      if (input.drug === "esketamine") {
        devices = input.devices ?? input.doseMg / ESKETAMINE_DEVICE_MG;
        if (!Number.isInteger(devices) || devices * ESKETAMINE_DEVICE_MG !== input.doseMg) {
          throw new AppError(
            "unprocessable",
            `Esketamine is given in ${ESKETAMINE_DEVICE_MG} mg devices: ${input.doseMg} mg does not match ${input.devices ?? "a whole number of"} devices.`,
            [{ field: "devices", message: "does not match dose" }],
          );
        }
      }
      const weight = session.patientWeightKg;
      const orderedMg =
        order.doseMg ??
        (order.doseMgPerKg !== null && weight ? roundTo(order.doseMgPerKg * weight, 1) : null);
      const deviates =
        orderedMg === null || Math.abs(orderedMg - input.doseMg) > ORDER_TOLERANCE_MG;
      if (deviates && !input.deviationReason?.trim()) {
        throw new AppError(
          "unprocessable",
          `${input.doseMg} mg differs from the signed order (${orderedMg ?? "?"} mg). Confirm with a reason to record it.`,
          [{ field: "doseMg", message: "differs from order" }],
        );
      }

      const doseMgPerKg =
        input.drug === "esketamine" || !weight ? null : roundTo(input.doseMg / weight, 3);
      const [inserted] = await tx
        .insert(doseAdministrations)
        .values({
          sessionId,
          patientId: session.patientId,
          courseId: session.courseId,
          orderId: order.id,
          drug: input.drug,
          route: input.route,
          doseMg: input.doseMg,
          doseMgPerKg,
          weightKg: weight,
          devices,
          lot: input.lot.trim(),
          startedAt,
          endedAt,
          deviatesFromOrder: deviates,
          deviationReason: deviates ? (input.deviationReason?.trim() ?? null) : null,
          idempotencyKey: options.idempotencyKey,
          givenBy: actor.id,
        })
        .returning({ id: doseAdministrations.id });
      if (!inserted) throw new AppError("conflict", "The dose could not be stored; try again.");

      if (session.status === "checked_in") {
        await tx
          .update(sessions)
          .set({ status: "in_progress", startedAt, updatedAt: now })
          .where(eq(sessions.id, sessionId));
      }
      // Readings already entered after the dose start now have a minutes-from-dose.
      for (const row of rows.filter((r) => r.takenAt >= startedAt)) {
        await tx
          .update(vitals)
          .set({
            minutesFromDose: Math.floor((row.takenAt.getTime() - startedAt.getTime()) / 60_000),
          })
          .where(
            and(
              eq(vitals.id, row.id),
              isNull(vitals.minutesFromDose),
              gte(vitals.takenAt, startedAt),
            ),
          );
      }
      return {
        result: { id: inserted.id, doseMgPerKg, deviatesFromOrder: deviates, replayed: false },
        audit: {
          entityType: "dose",
          entityId: inserted.id,
          detail: {
            doseMg: input.doseMg,
            deviatesFromOrder: deviates,
            protocol: session.protocol ? PROTOCOL_LABEL[session.protocol] : null,
          },
        },
      };
    },
  );
}

/** Records the end of an IV infusion. */
export async function endInfusion(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  doseId: string,
  endedAtIso: string | undefined,
  now: Date = new Date(),
): Promise<{ id: string; endedAt: string }> {
  return withSessionWrite(
    db,
    actor,
    sessionId,
    "bedside:record",
    "dose.end",
    async (tx, session) => {
      requireStatus(session, ["in_progress"], "record the infusion end");
      const dose = await sessionDose(tx, sessionId);
      if (!dose || dose.id !== doseId)
        throw new AppError("not_found", "No such dose in this session.");
      if (dose.endedAt) throw new AppError("conflict", "The infusion end is already recorded.");
      const endedAt = endedAtIso ? new Date(endedAtIso) : now;
      if (endedAt < dose.startedAt || endedAt.getTime() > now.getTime() + 2 * 60_000) {
        throw new AppError(
          "unprocessable",
          "The infusion end must be after its start and not in the future.",
          [{ field: "endedAt", message: "out of range" }],
        );
      }
      await tx
        .update(doseAdministrations)
        .set({ endedAt })
        .where(eq(doseAdministrations.id, doseId));
      return {
        result: { id: doseId, endedAt: endedAt.toISOString() },
        audit: { entityType: "dose", entityId: doseId },
      };
    },
  );
}

/**
 * A psychiatrist's decision on a pre-dose blood pressure above the guidance: acknowledge
 * (above 140/90) or override with a reason (at or above 160/100, where the dose is held).
 */
export async function reviewPreDose(
  db: Db,
  actor: ActorContext & { name: string },
  sessionId: string,
  rawInput: { decision: "acknowledged" | "override"; reason?: string | null },
  now: Date = new Date(),
): Promise<PreDoseReview> {
  return withSessionWrite(
    db,
    actor,
    sessionId,
    "orders:sign",
    "pre-dose.review",
    async (tx, session) => {
      const input = parseInput(preDoseReviewInputSchema, rawInput);
      requireStatus(session, ["checked_in"], "review the pre-dose check");
      const baseline = baselineOf(await currentVitals(tx, sessionId), null);
      if (!baseline) {
        throw new AppError("unprocessable", "There are no baseline vitals to review yet.");
      }
      const check = preDoseCheck(baseline);
      if (check.status === "ok") {
        throw new AppError("conflict", "The baseline blood pressure needs no review.");
      }
      const reason = input.reason?.trim() || null;
      if (check.status === "hold" && input.decision !== "override") {
        throw new AppError(
          "unprocessable",
          "At or above 160/100 the dose is held: record an override with a reason to proceed.",
          [{ field: "decision", message: "override required" }],
        );
      }
      if (input.decision === "override" && !reason) {
        throw new AppError("unprocessable", "An override needs a reason.", [
          { field: "reason", message: "required" },
        ]);
      }
      const review: PreDoseReview = {
        decision: input.decision,
        reviewedBy: actor.id,
        reviewedByName: actor.name,
        reviewedAt: now.toISOString(),
        reason,
        systolic: baseline.systolic,
        diastolic: baseline.diastolic,
      };
      await tx
        .update(sessions)
        .set({ preDoseReview: review, updatedAt: now })
        .where(eq(sessions.id, sessionId));
      return { result: review, audit: { detail: { decision: input.decision, reason } } };
    },
  );
}
