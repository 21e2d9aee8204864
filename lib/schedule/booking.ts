import "server-only";
import { and, count, eq, gt, lt, notInArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import {
  patients,
  rooms,
  sessions,
  treatmentCourses,
  users,
  type Protocol,
  type SessionKind,
} from "@/db/schema";
import { recordAudit, type AuditEntry } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { defaultLengthMinutes, SCHEDULING, type SchedulingDefaults } from "@/lib/schedule/config";
import { storedClinicHours } from "@/lib/registry/rooms";
import { findConflicts, type Conflict, type ScheduledSession } from "@/lib/schedule/conflicts";
import { parseInput } from "@/lib/validation";
import { bookSessionSchema, cancelSchema, rescheduleSchema } from "@/lib/schedule/booking-schemas";

const HOUR_MS = 3_600_000;
/** Bookings are rare and must never race: one transaction-scoped lock serialises them. */
const SCHEDULE_LOCK_KEY = 727_001;

const patientName = alias(patients, "conflict_patient");
const psychiatrist = alias(users, "conflict_psychiatrist");
const nurse = alias(users, "conflict_nurse");

/** Sessions that could conflict with `candidate`: same room, patient or staff, within a day. */
export async function sessionsNear(
  tx: Db | Tx,
  candidate: Pick<
    ScheduledSession,
    "patientId" | "roomId" | "psychiatristId" | "nurseId" | "start" | "end"
  >,
): Promise<ScheduledSession[]> {
  const who = [
    eq(sessions.patientId, candidate.patientId),
    candidate.roomId ? eq(sessions.roomId, candidate.roomId) : undefined,
    candidate.psychiatristId ? eq(sessions.psychiatristId, candidate.psychiatristId) : undefined,
    candidate.nurseId ? eq(sessions.nurseId, candidate.nurseId) : undefined,
  ].filter((c) => c !== undefined);
  const rows = await tx
    .select({
      id: sessions.id,
      patientId: sessions.patientId,
      kind: sessions.kind,
      protocol: treatmentCourses.protocol,
      roomId: sessions.roomId,
      psychiatristId: sessions.psychiatristId,
      nurseId: sessions.nurseId,
      start: sessions.scheduledStart,
      end: sessions.scheduledEnd,
      status: sessions.status,
      givenName: patientName.givenName,
      familyName: patientName.familyName,
      roomName: rooms.name,
      psychiatristName: psychiatrist.name,
      nurseName: nurse.name,
    })
    .from(sessions)
    .innerJoin(patientName, eq(patientName.id, sessions.patientId))
    .leftJoin(treatmentCourses, eq(treatmentCourses.id, sessions.courseId))
    .leftJoin(rooms, eq(rooms.id, sessions.roomId))
    .leftJoin(psychiatrist, eq(psychiatrist.id, sessions.psychiatristId))
    .leftJoin(nurse, eq(nurse.id, sessions.nurseId))
    .where(
      and(
        // The dosing-interval rule looks 24 h either side of the start.
        lt(sessions.scheduledStart, new Date(candidate.end.getTime() + 24 * HOUR_MS)),
        gt(sessions.scheduledEnd, new Date(candidate.start.getTime() - 24 * HOUR_MS)),
        notInArray(sessions.status, ["cancelled", "no_show"]),
        or(...who),
      ),
    );
  return rows.map(({ givenName, familyName, ...r }) => ({
    ...r,
    patientName: `${givenName} ${familyName}`,
    roomName: r.roomName ?? undefined,
    psychiatristName: r.psychiatristName ?? undefined,
    nurseName: r.nurseName ?? undefined,
  }));
}

/** Refuses a booking with conflicts unless every one may be overridden and a reason is given. */
export function assertBookable(
  conflicts: Conflict[],
  override: { reason: string } | undefined,
): void {
  if (conflicts.length === 0) return;
  const details = conflicts.map((c) => ({
    code: c.code,
    message: c.message,
    overridable: c.overridable,
    ...(c.sessionId ? { sessionId: c.sessionId } : {}),
  }));
  const fixed = conflicts.filter((c) => !c.overridable);
  if (fixed.length > 0) {
    throw new AppError(
      "conflict",
      `${fixed.map((c) => c.message).join(" ")} This cannot be overridden.`,
      undefined,
      details,
    );
  }
  if (!override) {
    throw new AppError(
      "conflict",
      `${conflicts.map((c) => c.message).join(" ")} Book anyway only with a reason.`,
      undefined,
      details,
    );
  }
}

async function lockSchedule(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SCHEDULE_LOCK_KEY})`);
}

export type SchedulingRules = { timeZone: string; config: SchedulingDefaults };

/** The conflict rules with the clinic's own opening hours, as the admin last set them. */
export async function schedulingRules(tx: Db | Tx): Promise<SchedulingRules> {
  const hours = await storedClinicHours(tx);
  return {
    timeZone: config().clinicTimeZone,
    config: {
      ...SCHEDULING,
      clinicHours: { ...SCHEDULING.clinicHours, opens: hours.opensAt, closes: hours.closesAt },
    },
  };
}

export async function activeRoom(tx: Tx, roomId: string): Promise<void> {
  const [room] = await tx.select({ active: rooms.active }).from(rooms).where(eq(rooms.id, roomId));
  if (!room?.active) {
    throw new AppError("unprocessable", "Choose an active room.", [
      { field: "roomId", message: "unknown or inactive" },
    ]);
  }
}

export async function activeStaff(
  tx: Tx,
  id: string | null | undefined,
  role: "psychiatrist" | "nurse",
  field: string,
): Promise<void> {
  if (!id) return;
  const [row] = await tx
    .select({ role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, id));
  if (!row || row.role !== role || !row.active) {
    throw new AppError("unprocessable", `The ${role} chosen is not an active ${role}.`, [
      { field, message: "not an active " + role },
    ]);
  }
}

/** Runs one scheduling write: capability (audited when refused), lock, change, audit — or a refusal row. */
export async function withScheduleWrite<T>(
  db: Db,
  actor: ActorContext,
  action: string,
  entityId: string | null,
  change: (tx: Tx) => Promise<{ result: T; audit: Partial<AuditEntry> }>,
): Promise<T> {
  await authorize(db, actor, "schedule:manage", { action, entityType: "session", entityId });
  try {
    return await db.transaction(async (tx) => {
      await lockSchedule(tx);
      const { result, audit } = await change(tx);
      await recordAudit(tx, {
        actor,
        action,
        entityType: "session",
        entityId,
        outcome: "success",
        requestAddress: actor.requestAddress,
        ...audit,
      });
      return result;
    });
  } catch (error) {
    // Every refused or failed write leaves its audit row, outside the rolled-back transaction.
    await recordAudit(db, {
      actor,
      action,
      entityType: "session",
      entityId,
      outcome: error instanceof AppError && error.code === "forbidden" ? "denied" : "failure",
      requestAddress: actor.requestAddress,
      detail:
        error instanceof AppError
          ? { code: error.code, conflicts: error.conflicts?.map((c) => c.code) ?? [] }
          : { code: "internal" },
    });
    throw error;
  }
}

export type CandidateInput = {
  patientId: string;
  kind: SessionKind;
  protocol: Protocol | null;
  roomId: string;
  start: Date;
  end: Date | null;
  psychiatristId: string | null;
  nurseId: string | null;
};

export function candidateOf(input: CandidateInput): ScheduledSession {
  const end =
    input.end ??
    new Date(input.start.getTime() + defaultLengthMinutes(input.kind, input.protocol) * 60_000);
  return { ...input, end };
}

/** Books one session after checking every conflict rule; nothing is saved when refused. */
export async function bookSession(
  db: Db,
  actor: ActorContext,
  rawInput: z.input<typeof bookSessionSchema>,
): Promise<{ id: string }> {
  return withScheduleWrite(db, actor, "session.book", null, async (tx) => {
    const input = parseInput(bookSessionSchema, rawInput);
    const [patient] = await tx
      .select({ id: patients.id })
      .from(patients)
      .where(eq(patients.id, input.patientId));
    if (!patient)
      throw new AppError("not_found", "No such patient.", [
        { field: "patientId", message: "unknown" },
      ]);
    const [room] = await tx
      .select({ id: rooms.id, active: rooms.active })
      .from(rooms)
      .where(eq(rooms.id, input.roomId));
    if (!room?.active)
      throw new AppError("unprocessable", "Choose an active room.", [
        { field: "roomId", message: "unknown or inactive" },
      ]);
    await activeStaff(tx, input.psychiatristId, "psychiatrist", "psychiatristId");
    await activeStaff(tx, input.nurseId, "nurse", "nurseId");
    let protocol = input.protocol ?? null;
    if (input.courseId) {
      const [course] = await tx
        .select({ protocol: treatmentCourses.protocol, patientId: treatmentCourses.patientId })
        .from(treatmentCourses)
        .where(eq(treatmentCourses.id, input.courseId));
      if (course?.patientId !== input.patientId) {
        throw new AppError("unprocessable", "The course is not this patient's.", [
          { field: "courseId", message: "not this patient's course" },
        ]);
      }
      protocol ??= course.protocol;
    }
    if (input.kind === "dosing" && !protocol) {
      throw new AppError("unprocessable", "A dosing session needs a protocol.", [
        { field: "protocol", message: "required for dosing" },
      ]);
    }
    const candidate = candidateOf({
      patientId: input.patientId,
      kind: input.kind,
      protocol,
      roomId: input.roomId,
      start: new Date(input.start),
      end: input.end ? new Date(input.end) : null,
      psychiatristId: input.psychiatristId ?? null,
      nurseId: input.nurseId ?? null,
    });
    if (candidate.end <= candidate.start) {
      throw new AppError("unprocessable", "The session must end after it starts.", [
        { field: "end", message: "before start" },
      ]);
    }
    const conflicts = findConflicts(
      candidate,
      await sessionsNear(tx, candidate),
      await schedulingRules(tx),
    );
    assertBookable(conflicts, input.override);
    const numberInCourse =
      input.courseId && input.kind === "dosing" ? await nextDosingNumber(tx, input.courseId) : null;
    const [row] = await tx
      .insert(sessions)
      .values({
        patientId: input.patientId,
        courseId: input.courseId ?? null,
        kind: input.kind,
        scheduledStart: candidate.start,
        scheduledEnd: candidate.end,
        roomId: input.roomId,
        psychiatristId: input.psychiatristId ?? null,
        nurseId: input.nurseId ?? null,
        numberInCourse,
      })
      .returning({ id: sessions.id });
    if (!row) throw new AppError("conflict", "The session could not be booked; try again.");
    return {
      result: { id: row.id },
      audit: {
        entityId: row.id,
        patientId: input.patientId,
        detail: conflicts.length
          ? { override: input.override?.reason, conflicts: conflicts.map((c) => c.code) }
          : {},
      },
    };
  });
}

export async function nextDosingNumber(tx: Tx, courseId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(sessions)
    .where(
      and(
        eq(sessions.courseId, courseId),
        eq(sessions.kind, "dosing"),
        notInArray(sessions.status, ["cancelled", "no_show"]),
      ),
    );
  return (row?.n ?? 0) + 1;
}

/** Moves a session (time, room or staff), with the same conflict rules as a booking. */
export async function rescheduleSession(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  rawInput: z.input<typeof rescheduleSchema>,
): Promise<{ id: string }> {
  return withScheduleWrite(db, actor, "session.reschedule", sessionId, async (tx) => {
    const input = parseInput(rescheduleSchema, rawInput);
    const [current] = await tx
      .select({ session: sessions, protocol: treatmentCourses.protocol })
      .from(sessions)
      .leftJoin(treatmentCourses, eq(treatmentCourses.id, sessions.courseId))
      .where(eq(sessions.id, sessionId));
    if (!current) throw new AppError("not_found", "No such session.");
    const s = current.session;
    if (s.status !== "scheduled" && s.status !== "checked_in") {
      throw new AppError(
        "conflict",
        `Only a scheduled session can be moved; this one is ${s.status.replace("_", " ")}.`,
        [{ field: "status", message: s.status }],
      );
    }
    await activeStaff(tx, input.psychiatristId, "psychiatrist", "psychiatristId");
    await activeStaff(tx, input.nurseId, "nurse", "nurseId");
    if (input.roomId) await activeRoom(tx, input.roomId);
    const start = input.start ? new Date(input.start) : s.scheduledStart;
    const length = s.scheduledEnd.getTime() - s.scheduledStart.getTime();
    const candidate: ScheduledSession = {
      id: s.id,
      patientId: s.patientId,
      kind: s.kind,
      protocol: current.protocol,
      roomId: input.roomId ?? s.roomId,
      psychiatristId: input.psychiatristId === undefined ? s.psychiatristId : input.psychiatristId,
      nurseId: input.nurseId === undefined ? s.nurseId : input.nurseId,
      start,
      end: input.end ? new Date(input.end) : new Date(start.getTime() + length),
    };
    if (candidate.end <= candidate.start) {
      throw new AppError("unprocessable", "The session must end after it starts.", [
        { field: "end", message: "before start" },
      ]);
    }
    const conflicts = findConflicts(
      candidate,
      await sessionsNear(tx, candidate),
      await schedulingRules(tx),
    );
    assertBookable(conflicts, input.override);
    await tx
      .update(sessions)
      .set({
        scheduledStart: candidate.start,
        scheduledEnd: candidate.end,
        roomId: candidate.roomId,
        psychiatristId: candidate.psychiatristId,
        nurseId: candidate.nurseId,
        updatedAt: new Date(),
      })
      .where(eq(sessions.id, sessionId));
    return {
      result: { id: sessionId },
      audit: {
        patientId: s.patientId,
        detail: {
          from: s.scheduledStart.toISOString(),
          to: candidate.start.toISOString(),
          override: input.override?.reason,
        },
      },
    };
  });
}

/** Cancels with a reason; the session stays on the calendar, struck through, and is never deleted. */
export async function cancelSession(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  rawInput: z.input<typeof cancelSchema>,
): Promise<{ id: string; status: "cancelled" }> {
  return withScheduleWrite(db, actor, "session.cancel", sessionId, async (tx) => {
    const input = parseInput(cancelSchema, rawInput);
    const [s] = await tx.select().from(sessions).where(eq(sessions.id, sessionId));
    if (!s) throw new AppError("not_found", "No such session.");
    if (s.status !== "scheduled" && s.status !== "checked_in") {
      throw new AppError(
        "conflict",
        `Only a scheduled session can be cancelled; this one is ${s.status.replace("_", " ")}.`,
        [{ field: "status", message: s.status }],
      );
    }
    await tx
      .update(sessions)
      .set({ status: "cancelled", cancelReason: input.reason, updatedAt: new Date() })
      .where(eq(sessions.id, sessionId));
    return {
      result: { id: sessionId, status: "cancelled" },
      audit: { patientId: s.patientId, detail: { reason: input.reason } },
    };
  });
}
