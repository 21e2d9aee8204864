import "server-only";
import { and, asc, desc, eq, isNull, lt, lte, ne, or, gte, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import {
  doseAdministrations,
  doseOrders,
  patients,
  sessions,
  treatmentCourses,
  vitals,
  type Session,
  type SessionStatus,
} from "@/db/schema";
import { recordAudit, type AuditEntry } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import type { Capability } from "@/lib/auth/permissions";
import type { BloodPressure } from "@/lib/clinical/vitals";
import { AppError } from "@/lib/errors";
import { SESSION_STATUS_LABEL } from "@/lib/labels";

export type BedsideSession = Session & {
  patientWeightKg: number | null;
  protocol: (typeof treatmentCourses.$inferSelect)["protocol"] | null;
};

/**
 * Runs one bedside write: checks the capability (audited when refused), then in one
 * transaction loads the session (locked against a concurrent write to the same session),
 * runs the change and appends its audit row.
 */
export async function withSessionWrite<T>(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  capability: Capability,
  action: string,
  change: (tx: Tx, session: BedsideSession) => Promise<{ result: T; audit: Partial<AuditEntry> }>,
): Promise<T> {
  await authorize(db, actor, capability, { action, entityType: "session", entityId: sessionId });
  try {
    return await db.transaction(async (tx) => {
      const session = await loadSessionForUpdate(tx, sessionId);
      const { result, audit } = await change(tx, session);
      await recordAudit(tx, {
        actor,
        action,
        entityType: "session",
        entityId: sessionId,
        patientId: session.patientId,
        outcome: "success",
        requestAddress: actor.requestAddress,
        ...audit,
      });
      return result;
    });
  } catch (error) {
    // A refused or failed entry is recorded too, outside the transaction that was rolled back.
    const [known] = await db
      .select({ patientId: sessions.patientId })
      .from(sessions)
      .where(eq(sessions.id, sessionId));
    await recordAudit(db, {
      actor,
      action,
      entityType: "session",
      entityId: sessionId,
      patientId: known?.patientId ?? null,
      outcome: error instanceof AppError && error.code === "forbidden" ? "denied" : "failure",
      requestAddress: actor.requestAddress,
      detail:
        error instanceof AppError
          ? { code: error.code, message: error.message }
          : { code: "internal" },
    });
    throw error;
  }
}

async function loadSessionForUpdate(tx: Tx, sessionId: string): Promise<BedsideSession> {
  const [row] = await tx
    .select({
      session: sessions,
      patientWeightKg: patients.weightKg,
      protocol: treatmentCourses.protocol,
    })
    .from(sessions)
    .innerJoin(patients, eq(patients.id, sessions.patientId))
    .leftJoin(treatmentCourses, eq(treatmentCourses.id, sessions.courseId))
    .where(eq(sessions.id, sessionId))
    .limit(1)
    .for("update", { of: sessions });
  if (!row) throw new AppError("not_found", "No such session.");
  return { ...row.session, patientWeightKg: row.patientWeightKg, protocol: row.protocol };
}

/** 409 naming the current status when a transition or entry is impossible from it. */
export function requireStatus(
  session: Session,
  allowed: readonly SessionStatus[],
  doing: string,
): void {
  if (allowed.includes(session.status)) return;
  throw new AppError(
    "conflict",
    `Cannot ${doing}: the session is ${SESSION_STATUS_LABEL[session.status].toLowerCase()}.`,
    [{ field: "status", message: session.status }],
  );
}

export type DoseRow = typeof doseAdministrations.$inferSelect;

export async function sessionDose(tx: Db | Tx, sessionId: string): Promise<DoseRow | null> {
  const [dose] = await tx
    .select()
    .from(doseAdministrations)
    .where(eq(doseAdministrations.sessionId, sessionId))
    .orderBy(asc(doseAdministrations.startedAt))
    .limit(1);
  return dose ?? null;
}

/** Current (not superseded) vitals rows of a session, oldest first. */
export async function currentVitals(
  tx: Db | Tx,
  sessionId: string,
): Promise<(typeof vitals.$inferSelect)[]> {
  const newer = sql`exists (select 1 from ${vitals} as v2 where v2.supersedes_id = ${vitals.id})`;
  return tx
    .select()
    .from(vitals)
    .where(and(eq(vitals.sessionId, sessionId), sql`not ${newer}`))
    .orderBy(asc(vitals.takenAt), asc(vitals.createdAt));
}

/**
 * baselineOf read straight from the database: the last current reading of the session taken
 * before `before` (any time when null), leaving out `excluding` (the row being corrected).
 * One indexed row instead of the whole session, so a bedside write costs the same in the
 * tenth reading as in the thousandth.
 */
export async function baselineReading(
  tx: Db | Tx,
  sessionId: string,
  before: Date | null,
  excluding?: string,
): Promise<(BloodPressure & { takenAt: Date }) | null> {
  const newer = sql`exists (select 1 from ${vitals} as v2 where v2.supersedes_id = ${vitals.id})`;
  const [row] = await tx
    .select({ systolic: vitals.systolic, diastolic: vitals.diastolic, takenAt: vitals.takenAt })
    .from(vitals)
    .where(
      and(
        eq(vitals.sessionId, sessionId),
        sql`not ${newer}`,
        before ? lt(vitals.takenAt, before) : undefined,
        excluding ? ne(vitals.id, excluding) : undefined,
      ),
    )
    .orderBy(desc(vitals.takenAt), desc(vitals.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * The baseline for `bp-rise` and the pre-dose check: the last current vitals row taken
 * before the dose in the same session (before now when there is no dose yet).
 */
export function baselineOf(
  rows: readonly { takenAt: Date; systolic: number; diastolic: number }[],
  doseStartedAt: Date | null,
): (BloodPressure & { takenAt: Date }) | null {
  const before = rows.filter((r) => doseStartedAt === null || r.takenAt < doseStartedAt);
  const last = before.at(-1);
  return last
    ? { systolic: last.systolic, diastolic: last.diastolic, takenAt: last.takenAt }
    : null;
}

/** The signed dose order in force for the course on the given day. */
export async function signedOrderFor(
  tx: Db | Tx,
  courseId: string | null,
  day: string,
): Promise<typeof doseOrders.$inferSelect | null> {
  if (!courseId) return null;
  const [order] = await tx
    .select()
    .from(doseOrders)
    .where(
      and(
        eq(doseOrders.courseId, courseId),
        sql`${doseOrders.signedAt} is not null`,
        lte(doseOrders.validFrom, day),
        or(isNull(doseOrders.validUntil), gte(doseOrders.validUntil, day)),
      ),
    )
    .orderBy(desc(doseOrders.validFrom), desc(doseOrders.signedAt))
    .limit(1);
  return order ?? null;
}
