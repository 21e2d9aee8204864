import "server-only";
import { and, asc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import {
  alerts,
  patients,
  rooms,
  sessions,
  treatmentCourses,
  users,
  type Protocol,
  type SessionKind,
  type SessionStatus,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";

export type AgendaRow = {
  id: string;
  scheduledStart: Date;
  scheduledEnd: Date;
  kind: SessionKind;
  status: SessionStatus;
  patientId: string;
  patientName: string;
  mrn: string;
  roomId: string | null;
  roomName: string | null;
  nurseId: string | null;
  nurseName: string | null;
  psychiatristId: string | null;
  psychiatristName: string | null;
  protocol: Protocol | null;
  numberInCourse: number | null;
  plannedSessions: number | null;
  /** Highest unacknowledged alert; null for roles that may not see clinical data. */
  openAlertLevel: "warning" | "critical" | null;
};

export type AgendaQuery = {
  from: Date;
  to: Date;
  /** Only sessions where the actor is the assigned nurse or psychiatrist. */
  mine?: boolean;
  roomId?: string;
  /** Only sessions where this staff member is the nurse or the psychiatrist. */
  staffId?: string;
};

const nurse = alias(users, "nurse");
const psychiatrist = alias(users, "psychiatrist");

/** Sessions in a time window, ordered by start and room: the Today board and the schedule. */
export async function listAgenda(
  db: Db,
  actor: ActorContext,
  query: AgendaQuery,
): Promise<AgendaRow[]> {
  await authorize(db, actor, "schedule:read", { action: "session.list", entityType: "session" });
  const clinical = can(actor.role, "clinical:read");
  const conditions: SQL[] = [
    gte(sessions.scheduledStart, query.from),
    lt(sessions.scheduledStart, query.to),
  ];
  if (query.roomId) conditions.push(eq(sessions.roomId, query.roomId));
  if (query.staffId) {
    const staff = or(
      eq(sessions.nurseId, query.staffId),
      eq(sessions.psychiatristId, query.staffId),
    );
    if (staff) conditions.push(staff);
  }
  if (query.mine) {
    const own = or(eq(sessions.nurseId, actor.id), eq(sessions.psychiatristId, actor.id));
    if (own) conditions.push(own);
  }
  // Alert levels are clinical data: computed only for roles allowed to see it.
  const openAlert = clinical
    ? sql<string | null>`(
        select max(case when ${alerts.level} = 'critical' then 2 else 1 end)
        from ${alerts}
        where ${alerts.sessionId} = ${sessions.id} and ${alerts.acknowledgedAt} is null
      )`
    : sql<string | null>`null`;

  const rows = await db
    .select({
      id: sessions.id,
      scheduledStart: sessions.scheduledStart,
      scheduledEnd: sessions.scheduledEnd,
      kind: sessions.kind,
      status: sessions.status,
      patientId: sessions.patientId,
      givenName: patients.givenName,
      familyName: patients.familyName,
      mrn: patients.mrn,
      roomId: sessions.roomId,
      roomName: rooms.name,
      nurseId: sessions.nurseId,
      nurseName: nurse.name,
      psychiatristId: sessions.psychiatristId,
      psychiatristName: psychiatrist.name,
      protocol: treatmentCourses.protocol,
      numberInCourse: sessions.numberInCourse,
      plannedSessions: treatmentCourses.plannedSessions,
      openAlert,
    })
    .from(sessions)
    .innerJoin(patients, eq(patients.id, sessions.patientId))
    .leftJoin(rooms, eq(rooms.id, sessions.roomId))
    .leftJoin(nurse, eq(nurse.id, sessions.nurseId))
    .leftJoin(psychiatrist, eq(psychiatrist.id, sessions.psychiatristId))
    .leftJoin(treatmentCourses, eq(treatmentCourses.id, sessions.courseId))
    .where(and(...conditions))
    .orderBy(asc(sessions.scheduledStart), asc(rooms.name));

  await recordAudit(db, {
    actor,
    action: "session.list",
    entityType: "session",
    outcome: "success",
    requestAddress: actor.requestAddress,
    detail: { from: query.from.toISOString(), to: query.to.toISOString(), results: rows.length },
  });

  return rows.map(({ givenName, familyName, openAlert: level, ...row }) => ({
    ...row,
    patientName: `${givenName} ${familyName}`,
    openAlertLevel: level === null ? null : Number(level) >= 2 ? "critical" : "warning",
  }));
}
