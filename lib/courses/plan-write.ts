/** Shared steps of the treatment-plan use cases: the audited write, ids, dates and views. */
import "server-only";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import type { doseOrders, treatmentCourses } from "@/db/schema";
import type { CourseView, DoseOrderView } from "@/lib/api/ops-courses";
import { recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { clinicDateKey } from "@/lib/format";

export type CourseRow = typeof treatmentCourses.$inferSelect;
export type Audited<T> = {
  result: T;
  entityId: string;
  patientId: string;
  detail: Record<string, unknown>;
};

export const OPEN_COURSE_STATUSES = ["planned", "active"] as const;

/** A malformed id names nothing; it must not reach a uuid column (PostgreSQL would reject it). */
export const uuidOrNull = (id: string): string | null =>
  z.uuid().safeParse(id).success ? id : null;

export const today = (now: Date): string => clinicDateKey(now, config().clinicTimeZone);

/** The calendar day before an ISO date. */
export function dayBefore(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/**
 * Runs one treatment-plan write: the capability check (a refusal audited as denied), then one
 * transaction holding the change and its audit row. A refused entry is audited as a failure
 * outside the rolled-back transaction, so every call leaves exactly one audit row.
 */
export async function withPlanWrite<T>(
  db: Db,
  actor: ActorContext,
  attempt: { action: string; entityType: string; patientId: string | null; detail?: object },
  change: (tx: Tx) => Promise<Audited<T>>,
): Promise<T> {
  const { action, entityType, patientId } = attempt;
  await authorize(db, actor, "orders:sign", { action, entityType, patientId });
  try {
    return await db.transaction(async (tx) => {
      const done = await change(tx);
      await recordAudit(tx, {
        actor,
        action,
        entityType,
        entityId: done.entityId,
        patientId: done.patientId,
        outcome: "success",
        requestAddress: actor.requestAddress,
        detail: done.detail,
      });
      return done.result;
    });
  } catch (error) {
    if (error instanceof AppError) {
      await recordAudit(db, {
        actor,
        action,
        entityType,
        patientId,
        outcome: "failure",
        requestAddress: actor.requestAddress,
        detail: { ...attempt.detail, code: error.code, message: error.message },
      });
    }
    throw error;
  }
}

export function courseView(row: CourseRow): CourseView {
  return {
    id: row.id,
    patientId: row.patientId,
    protocol: row.protocol,
    paradigm: row.paradigm,
    plannedSessions: row.plannedSessions,
    startDate: row.startDate,
    endDate: row.endDate,
    status: row.status,
  };
}

export function orderView(
  row: typeof doseOrders.$inferSelect,
  signedBy: { id: string; name: string },
): DoseOrderView {
  return {
    id: row.id,
    courseId: row.courseId,
    drug: row.drug,
    route: row.route,
    doseMgPerKg: row.doseMgPerKg,
    doseMg: row.doseMg,
    infusionMinutes: row.infusionMinutes,
    outOfRangeReason: row.outOfRangeReason,
    signedBy,
    signedAt: row.signedAt ? row.signedAt.toISOString() : null,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
  };
}

/** Refuses a signed order whose dates are impossible for the course. */
export function checkValidity(
  input: { validFrom: string; validUntil?: string | null },
  course: CourseRow,
  now: Date,
): void {
  const first = today(now);
  if (input.validFrom < first) {
    throw new AppError(
      "unprocessable",
      `A dose order cannot start in the past (before ${first}).`,
      [{ field: "validFrom", message: "in the past" }],
    );
  }
  if (input.validFrom < course.startDate) {
    throw new AppError(
      "unprocessable",
      `The order cannot start before the course starts (${course.startDate}).`,
      [{ field: "validFrom", message: "before the course" }],
    );
  }
  if (input.validUntil && input.validUntil < input.validFrom) {
    throw new AppError("unprocessable", "The order cannot end before it starts.", [
      { field: "validUntil", message: "before validFrom" },
    ]);
  }
}
