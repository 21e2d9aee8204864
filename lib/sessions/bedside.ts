import "server-only";
import { and, asc, desc, eq, isNull, lte, or, gte, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import {
  auditEvents,
  doseAdministrations,
  doseOrders,
  patients,
  sessions,
  treatmentCourses,
  vitals,
  type Session,
  type SessionStatus,
} from "@/db/schema";
import {
  decodeRow,
  decodeValue,
  fixedStatement,
  fromJson,
  placeholder,
  selectedAs,
} from "@/db/statements";
import { auditValues, recordAudit, type AuditEntry } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import type { Capability } from "@/lib/auth/permissions";
import type { BloodPressure } from "@/lib/clinical/vitals";
import { AppError } from "@/lib/errors";
import { SESSION_STATUS_LABEL } from "@/lib/labels";

export type BedsideSession = Session & {
  patientWeightKg: number | null;
  protocol: (typeof treatmentCourses.$inferSelect)["protocol"] | null;
};

/** What a vitals entry is judged against, read with the session lock (see withSessionWrite). */
export type ReadingContext = {
  /** Start of the session's first dose, or null before the dose. */
  doseStartedAt: Date | null;
  /** The last current reading taken before the dose (null without a dose or reading). */
  baseline: (BloodPressure & { takenAt: Date }) | null;
};

type AuditRow = typeof auditEvents.$inferInsert;

export type SessionChange<T> = (
  tx: Tx,
  session: BedsideSession & { reading: ReadingContext | null },
  /** The success audit row, for a change that inserts it in its own statement. */
  auditRow: (extra: Partial<AuditEntry>) => AuditRow,
) => Promise<{ result: T; audit: Partial<AuditEntry> | "recorded" }>;

/**
 * Runs one bedside write: checks the capability (audited when refused), then in one
 * transaction loads the session (locked against a concurrent write to the same session),
 * runs the change and appends its audit row (or lets the change insert it with its own rows).
 * With `reading`, the same locked read also brings the dose start and the pre-dose baseline a
 * vitals entry is judged against, leaving out the row being corrected.
 */
export async function withSessionWrite<T>(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  capability: Capability,
  action: string,
  change: SessionChange<T>,
  options: { reading?: { excluding?: string } } = {},
): Promise<T> {
  await authorize(db, actor, capability, { action, entityType: "session", entityId: sessionId });
  try {
    return await db.transaction(async (tx) => {
      const session = await loadSessionForUpdate(tx, sessionId, options.reading);
      const successRow = (extra: Partial<AuditEntry>): AuditRow =>
        auditValues({
          actor,
          action,
          entityType: "session",
          entityId: sessionId,
          patientId: session.patientId,
          outcome: "success",
          requestAddress: actor.requestAddress,
          ...extra,
        });
      const { result, audit } = await change(tx, session, successRow);
      if (audit !== "recorded") await tx.insert(auditEvents).values(successRow(audit));
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

type BaselineJson = { systolic: number; diastolic: number; takenAt: string };

/** Which reading context a locked read brings along (see withSessionWrite's `reading`). */
type ReadingShape = "none" | "reading" | "excluding";

/**
 * What a bedside write reads once it holds the session, one fixed statement per shape. With a
 * reading context, two scalar subqueries bring it in the same statement, so a vitals entry reads
 * once before its insert: the first dose's start (dose_admin_session_idx), and the last current
 * reading before it (vitals_session_taken_idx, newest first, one row), leaving out the row a
 * correction replaces.
 */
const sessionRead = (shape: ReadingShape) =>
  fixedStatement(() => {
    const doseStart = sql`(select min(${doseAdministrations.startedAt}) from ${doseAdministrations} where ${doseAdministrations.sessionId} = ${sessions.id})`;
    const reading =
      shape === "none"
        ? sql``
        : sql`, ${doseStart} as "doseStartedAt", (
            select json_build_object('systolic', v.systolic, 'diastolic', v.diastolic, 'takenAt', v.taken_at)
            from ${vitals} as v
            where v.session_id = ${sessions.id}
              and v.taken_at < ${doseStart}
              and not exists (select 1 from ${vitals} as v2 where v2.supersedes_id = v.id)
              ${shape === "excluding" ? sql`and v.id <> ${placeholder("excluding")}` : sql``}
            order by v.taken_at desc, v.created_at desc
            limit 1
          ) as "baseline"`;
    return sql`select ${selectedAs(sessions)}, ${patients.weightKg} as "patientWeightKg",
        ${treatmentCourses.protocol} as "protocol"${reading}
      from ${sessions}
      inner join ${patients} on ${patients.id} = ${sessions.patientId}
      left join ${treatmentCourses} on ${treatmentCourses.id} = ${sessions.courseId}
      where ${sessions.id} = ${placeholder("sessionId")}
      limit 1`;
  });

const sessionReads: Record<ReadingShape, ReturnType<typeof sessionRead>> = {
  none: sessionRead("none"),
  reading: sessionRead("reading"),
  excluding: sessionRead("excluding"),
};

/** Holds the session's row against other bedside writes until the transaction ends. */
const lockSession = fixedStatement(
  () => sql`select ${sessions.id} from ${sessions} where ${sessions.id} = ${placeholder("sessionId")}
    for update`,
);

async function loadSessionForUpdate(
  tx: Tx,
  sessionId: string,
  reading: { excluding?: string } | undefined,
): Promise<BedsideSession & { reading: ReadingContext | null }> {
  const shape: ReadingShape = !reading ? "none" : reading.excluding ? "excluding" : "reading";
  // Lock first, read after, in two statements sent together (the read waits its turn, not a
  // round trip). On PostgreSQL a statement reads as of its start: a locking read that waited for
  // another write to the session would not see that write's dose or reading, and would judge a
  // post-dose reading as taken before the dose. Both go through fixedStatement on the same
  // handle, which sends them in the order called.
  const [, [row]] = await Promise.all([
    lockSession(tx, { sessionId }),
    sessionReads[shape](tx, { sessionId, excluding: reading?.excluding }),
  ]);
  if (!row) throw new AppError("not_found", "No such session.");
  const base = {
    ...decodeRow(sessions, row),
    patientWeightKg: decodeValue(patients.weightKg, row.patientWeightKg),
    protocol: decodeValue(treatmentCourses.protocol, row.protocol),
  };
  if (shape === "none") return { ...base, reading: null };
  const json = fromJson<BaselineJson>(row.baseline);
  return {
    ...base,
    reading: {
      doseStartedAt: decodeValue(doseAdministrations.startedAt, row.doseStartedAt),
      baseline: json
        ? { systolic: json.systolic, diastolic: json.diastolic, takenAt: new Date(json.takenAt) }
        : null,
    },
  };
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
