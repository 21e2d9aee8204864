import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { adverseEvents, alerts, assessments } from "@/db/schema";
import type { ActorContext } from "@/lib/auth/authorize";
import {
  adverseEventInputSchema,
  resolveAdverseEventSchema,
  sedationDissociationInputSchema,
} from "@/lib/api/session-schemas";
import { scoreAssessment } from "@/lib/clinical/instruments";
import { AppError } from "@/lib/errors";
import { requireStatus, withSessionWrite } from "@/lib/sessions/bedside";
import { parseInput } from "@/lib/validation";

const FUTURE_TOLERANCE_MS = 2 * 60_000;

function pastOrNow(iso: string | null | undefined, now: Date, field: string): Date | null {
  if (!iso) return null;
  const at = new Date(iso);
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError("unprocessable", `The ${field} time cannot be in the future.`, [
      { field, message: "in the future" },
    ]);
  }
  return at;
}

export type AdverseEventInput = {
  type: string;
  description?: string | null;
  severity: "mild" | "moderate" | "severe";
  onsetAt?: string;
  actionTaken?: string | null;
  resolvedAt?: string | null;
};

export async function recordAdverseEvent(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  rawInput: AdverseEventInput,
  options: { idempotencyKey: string | null; now?: Date },
): Promise<{ id: string; replayed: boolean }> {
  const now = options.now ?? new Date();
  return withSessionWrite<{ id: string; replayed: boolean }>(
    db,
    actor,
    sessionId,
    "bedside:record",
    "adverse-event.record",
    async (tx, session) => {
      const input = parseInput(adverseEventInputSchema, rawInput);
      if (options.idempotencyKey) {
        const [earlier] = await tx
          .select({ id: adverseEvents.id })
          .from(adverseEvents)
          .where(
            and(
              eq(adverseEvents.sessionId, sessionId),
              eq(adverseEvents.idempotencyKey, options.idempotencyKey),
            ),
          );
        if (earlier) {
          return {
            result: { id: earlier.id, replayed: true },
            audit: {
              entityType: "adverse_event",
              entityId: earlier.id,
              detail: { replayed: true },
            },
          };
        }
      }
      requireStatus(session, ["checked_in", "in_progress", "completed"], "record an adverse event");
      const description = input.description?.trim() || null;
      if (input.type === "other" && !description) {
        throw new AppError(
          "unprocessable",
          "Describe the adverse event when its type is “other”.",
          [{ field: "description", message: "required for other" }],
        );
      }
      const onsetAt = pastOrNow(input.onsetAt, now, "onset") ?? now;
      const resolvedAt = pastOrNow(input.resolvedAt, now, "resolved");
      if (resolvedAt && resolvedAt < onsetAt) {
        throw new AppError("unprocessable", "An event cannot resolve before its onset.", [
          { field: "resolvedAt", message: "before onset" },
        ]);
      }
      const [row] = await tx
        .insert(adverseEvents)
        .values({
          sessionId,
          type: input.type,
          description,
          severity: input.severity,
          onsetAt,
          actionTaken: input.actionTaken?.trim() || null,
          resolvedAt,
          idempotencyKey: options.idempotencyKey,
          recordedBy: actor.id,
        })
        .returning({ id: adverseEvents.id });
      if (!row) throw new AppError("conflict", "The adverse event could not be stored; try again.");
      return {
        result: { id: row.id, replayed: false },
        audit: {
          entityType: "adverse_event",
          entityId: row.id,
          detail: { type: input.type, severity: input.severity },
        },
      };
    },
  );
}

export async function resolveAdverseEvent(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  eventId: string,
  rawInput: { resolvedAt?: string; actionTaken?: string | null },
  now: Date = new Date(),
): Promise<{ id: string; resolvedAt: string }> {
  return withSessionWrite(
    db,
    actor,
    sessionId,
    "bedside:record",
    "adverse-event.resolve",
    async (tx) => {
      const input = parseInput(resolveAdverseEventSchema, rawInput);
      const [event] = await tx
        .select()
        .from(adverseEvents)
        .where(and(eq(adverseEvents.id, eventId), eq(adverseEvents.sessionId, sessionId)));
      if (!event) throw new AppError("not_found", "No such adverse event in this session.");
      if (event.resolvedAt)
        throw new AppError("conflict", "The adverse event is already resolved.");
      const resolvedAt = pastOrNow(input.resolvedAt, now, "resolved") ?? now;
      if (resolvedAt < event.onsetAt) {
        throw new AppError("unprocessable", "An event cannot resolve before its onset.", [
          { field: "resolvedAt", message: "before onset" },
        ]);
      }
      await tx
        .update(adverseEvents)
        .set({ resolvedAt, actionTaken: input.actionTaken?.trim() || event.actionTaken })
        .where(eq(adverseEvents.id, eventId));
      return {
        result: { id: eventId, resolvedAt: resolvedAt.toISOString() },
        audit: { entityType: "adverse_event", entityId: eventId },
      };
    },
  );
}

/** CADSS after dosing, stored through the assessments model and scored by its rules. */
export async function recordDissociation(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  rawInput: { answers: number[]; administeredAt?: string },
  options: { idempotencyKey: string | null; now?: Date } = { idempotencyKey: null },
): Promise<{ id: string; total: number | null; replayed: boolean }> {
  const now = options.now ?? new Date();
  return withSessionWrite<{ id: string; total: number | null; replayed: boolean }>(
    db,
    actor,
    sessionId,
    "assessments:record",
    "assessment.record",
    async (tx, session) => {
      const input = parseInput(sedationDissociationInputSchema, rawInput);
      if (options.idempotencyKey) {
        const [earlier] = await tx
          .select({ id: assessments.id, total: assessments.total })
          .from(assessments)
          .where(
            and(
              eq(assessments.patientId, session.patientId),
              eq(assessments.idempotencyKey, options.idempotencyKey),
            ),
          );
        if (earlier) {
          return {
            result: { ...earlier, replayed: true },
            audit: { entityType: "assessment", entityId: earlier.id, detail: { replayed: true } },
          };
        }
      }
      requireStatus(session, ["in_progress", "completed"], "record a CADSS");
      const outcome = scoreAssessment("CADSS", input.answers);
      if (!outcome.ok) {
        throw new AppError(
          "unprocessable",
          outcome.errors.join(" "),
          outcome.errors.map((message) => ({ field: "answers", message })),
        );
      }
      const administeredAt = pastOrNow(input.administeredAt, now, "administered") ?? now;
      const [row] = await tx
        .insert(assessments)
        .values({
          patientId: session.patientId,
          sessionId,
          instrument: "CADSS",
          administeredAt,
          answers: input.answers,
          total: outcome.score.total,
          band: outcome.score.band,
          flags: outcome.score.flags,
          rater: "clinician",
          enteredBy: actor.id,
        })
        .returning({ id: assessments.id });
      if (!row) throw new AppError("conflict", "The CADSS could not be stored; try again.");
      return {
        result: { id: row.id, total: outcome.score.total, replayed: false },
        audit: { entityType: "assessment", entityId: row.id, detail: { instrument: "CADSS" } },
      };
    },
  );
}

export async function acknowledgeAlert(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  alertId: string,
  now: Date = new Date(),
): Promise<{ id: string; acknowledgedAt: string }> {
  return withSessionWrite(
    db,
    actor,
    sessionId,
    "bedside:record",
    "alert.acknowledge",
    async (tx) => {
      const [updated] = await tx
        .update(alerts)
        .set({ acknowledgedAt: now, acknowledgedBy: actor.id })
        .where(
          and(
            eq(alerts.id, alertId),
            eq(alerts.sessionId, sessionId),
            isNull(alerts.acknowledgedAt),
          ),
        )
        .returning({ id: alerts.id });
      if (!updated) {
        const [exists] = await tx
          .select({ id: alerts.id })
          .from(alerts)
          .where(and(eq(alerts.id, alertId), eq(alerts.sessionId, sessionId)));
        if (!exists) throw new AppError("not_found", "No such alert in this session.");
        throw new AppError("conflict", "The alert is already acknowledged.");
      }
      return {
        result: { id: alertId, acknowledgedAt: now.toISOString() },
        audit: { entityType: "alert", entityId: alertId },
      };
    },
  );
}
