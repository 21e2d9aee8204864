import "server-only";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import {
  alerts,
  doseAdministrations,
  doseOrders,
  patients,
  rooms,
  sessions,
  treatmentCourses,
  users,
  vitals,
  type Protocol,
  type SessionKind,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import type { Drug, Route } from "@/lib/clinical/discharge";
import { vitalsTimepoints } from "@/lib/clinical/timepoints";
import { highestAlertLevel, minutesFromDose, type AlertLevel } from "@/lib/clinical/vitals";
import { PROTOCOL_SESSION_NOUN } from "@/lib/labels";

export type MonitorVitals = {
  takenAt: Date;
  /** Whole minutes from dose start; null for a pre-dose reading. */
  minutesFromDose: number | null;
  /** Whole minutes between the reading and `now`: how stale the numbers on the card are. */
  minutesAgo: number;
  /** mmHg */
  systolic: number;
  /** mmHg */
  diastolic: number;
  /** bpm */
  heartRate: number;
  /** % */
  spo2: number | null;
  /** breaths/min */
  respiratoryRate: number | null;
  /** MOAA/S 0–5 */
  moaas: number | null;
};

export type MonitorAlert = {
  id: string;
  code: string;
  level: AlertLevel;
  message: string;
  raisedAt: Date;
};

export type MonitorDose = {
  drug: Drug;
  route: Route;
  doseMg: number;
  startedAt: Date;
  endedAt: Date | null;
};

export type ActiveSession = {
  id: string;
  kind: SessionKind;
  patient: { id: string; name: string; mrn: string };
  roomName: string | null;
  nurseName: string | null;
  psychiatristName: string | null;
  protocol: Protocol | null;
  /** "Infusion 3 of 6"; null outside a course. */
  courseProgress: string | null;
  dose: MonitorDose | null;
  /** Whole minutes from dose start to `now`; null before the dose. */
  minutesSinceDose: number | null;
  /** The latest current (not superseded) reading. */
  latestVitals: MonitorVitals | null;
  /** Unacknowledged alerts, critical first, newest first within a level. */
  openAlerts: MonitorAlert[];
  highestAlertLevel: AlertLevel | null;
  /** Protocol timepoints whose window has passed without a reading ("40 min"). */
  overdueTimepoints: string[];
  /** A timepoint whose window is open now: a reading taken now would count for it. */
  dueTimepoint: string | null;
};

const nurse = alias(users, "nurse");
const psychiatrist = alias(users, "psychiatrist");
const MS_PER_MINUTE = 60_000;
const LEVEL_RANK: Readonly<Record<AlertLevel, number>> = { critical: 2, warning: 1 };

// A correction is a new row pointing at the one it replaces: only rows nobody points at count.
const notSuperseded = sql`not exists (select 1 from ${vitals} as newer where newer.supersedes_id = ${vitals.id})`;

function wholeMinutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / MS_PER_MINUTE));
}

/**
 * Critical sessions first, then warnings, then the rest; by room within a level, so a card keeps
 * its place on the board between refreshes. A session without a room goes last in its level.
 */
function boardOrder(a: ActiveSession, b: ActiveSession): number {
  const rank = (s: ActiveSession): number =>
    s.highestAlertLevel ? LEVEL_RANK[s.highestAlertLevel] : 0;
  return (
    rank(b) - rank(a) ||
    (a.roomName ?? "\uffff").localeCompare(b.roomName ?? "\uffff") ||
    a.patient.name.localeCompare(b.patient.name)
  );
}

/**
 * The live board of every session in progress (normally today's dosing sessions), in a fixed
 * number of queries whatever the number of sessions: sessions with their first dose, the latest
 * current vitals row of each, the current reading times (for the timepoint check), open alerts.
 */
export async function listActiveSessions(
  db: Db,
  actor: ActorContext,
  now: Date,
): Promise<ActiveSession[]> {
  await authorize(db, actor, "clinical:read", { action: "monitor.read", entityType: "session" });

  const inProgress = db
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.status, "in_progress"));
  // The first administration is the dose the session's clock runs from (as on the session page).
  const firstDose = db
    .selectDistinctOn([doseAdministrations.sessionId], {
      sessionId: doseAdministrations.sessionId,
      drug: doseAdministrations.drug,
      route: doseAdministrations.route,
      doseMg: doseAdministrations.doseMg,
      startedAt: doseAdministrations.startedAt,
      endedAt: doseAdministrations.endedAt,
      orderId: doseAdministrations.orderId,
    })
    .from(doseAdministrations)
    .where(inArray(doseAdministrations.sessionId, inProgress))
    .orderBy(doseAdministrations.sessionId, asc(doseAdministrations.startedAt))
    .as("first_dose");

  const rows = await db
    .select({
      id: sessions.id,
      kind: sessions.kind,
      patientId: patients.id,
      givenName: patients.givenName,
      familyName: patients.familyName,
      mrn: patients.mrn,
      roomName: rooms.name,
      nurseName: nurse.name,
      psychiatristName: psychiatrist.name,
      protocol: treatmentCourses.protocol,
      plannedSessions: treatmentCourses.plannedSessions,
      numberInCourse: sessions.numberInCourse,
      doseDrug: firstDose.drug,
      doseRoute: firstDose.route,
      doseMg: firstDose.doseMg,
      doseStartedAt: firstDose.startedAt,
      doseEndedAt: firstDose.endedAt,
      infusionMinutes: doseOrders.infusionMinutes,
    })
    .from(sessions)
    .innerJoin(patients, eq(patients.id, sessions.patientId))
    .leftJoin(rooms, eq(rooms.id, sessions.roomId))
    .leftJoin(nurse, eq(nurse.id, sessions.nurseId))
    .leftJoin(psychiatrist, eq(psychiatrist.id, sessions.psychiatristId))
    .leftJoin(treatmentCourses, eq(treatmentCourses.id, sessions.courseId))
    .leftJoin(firstDose, eq(firstDose.sessionId, sessions.id))
    .leftJoin(doseOrders, eq(doseOrders.id, firstDose.orderId))
    .where(eq(sessions.status, "in_progress"));

  const ids = rows.map((r) => r.id);
  const [latestRows, readingTimes, alertRows] =
    ids.length === 0
      ? [[], [], []]
      : await Promise.all([
          db
            .selectDistinctOn([vitals.sessionId], {
              sessionId: vitals.sessionId,
              takenAt: vitals.takenAt,
              systolic: vitals.systolic,
              diastolic: vitals.diastolic,
              heartRate: vitals.heartRate,
              spo2: vitals.spo2,
              respiratoryRate: vitals.respiratoryRate,
              moaas: vitals.moaas,
            })
            .from(vitals)
            .where(and(inArray(vitals.sessionId, ids), notSuperseded))
            .orderBy(vitals.sessionId, desc(vitals.takenAt), desc(vitals.createdAt)),
          db
            .select({ sessionId: vitals.sessionId, takenAt: vitals.takenAt })
            .from(vitals)
            .where(and(inArray(vitals.sessionId, ids), notSuperseded)),
          db
            .select({
              id: alerts.id,
              sessionId: alerts.sessionId,
              code: alerts.code,
              level: alerts.level,
              message: alerts.message,
              raisedAt: alerts.raisedAt,
            })
            .from(alerts)
            .where(and(inArray(alerts.sessionId, ids), isNull(alerts.acknowledgedAt))),
        ]);

  const latestBySession = new Map(latestRows.map((v) => [v.sessionId, v]));
  const timesBySession = new Map<string, Date[]>();
  for (const { sessionId, takenAt } of readingTimes) {
    timesBySession.set(sessionId, [...(timesBySession.get(sessionId) ?? []), takenAt]);
  }
  const alertsBySession = new Map<string, MonitorAlert[]>();
  for (const { sessionId, ...alert } of alertRows) {
    alertsBySession.set(sessionId, [...(alertsBySession.get(sessionId) ?? []), alert]);
  }

  const board = rows.map((row): ActiveSession => {
    const dose: MonitorDose | null =
      row.doseStartedAt !== null &&
      row.doseDrug !== null &&
      row.doseRoute !== null &&
      row.doseMg !== null
        ? {
            drug: row.doseDrug,
            route: row.doseRoute,
            doseMg: row.doseMg,
            startedAt: row.doseStartedAt,
            endedAt: row.doseEndedAt,
          }
        : null;
    const latest = latestBySession.get(row.id);
    const openAlerts = (alertsBySession.get(row.id) ?? []).sort(
      (a, b) =>
        LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || b.raisedAt.getTime() - a.raisedAt.getTime(),
    );
    const timepoints =
      dose && row.kind === "dosing"
        ? vitalsTimepoints({
            drug: dose.drug,
            route: dose.route,
            doseStartedAt: dose.startedAt,
            doseEndedAt: dose.endedAt,
            infusionMinutes: row.infusionMinutes,
            now,
            takenAt: timesBySession.get(row.id) ?? [],
          })
        : [];
    return {
      id: row.id,
      kind: row.kind,
      patient: { id: row.patientId, name: `${row.givenName} ${row.familyName}`, mrn: row.mrn },
      roomName: row.roomName,
      nurseName: row.nurseName,
      psychiatristName: row.psychiatristName,
      protocol: row.protocol,
      courseProgress:
        row.protocol !== null && row.numberInCourse !== null
          ? `${PROTOCOL_SESSION_NOUN[row.protocol]} ${row.numberInCourse} of ${row.plannedSessions ?? "?"}`
          : null,
      dose,
      minutesSinceDose: dose ? wholeMinutesBetween(dose.startedAt, now) : null,
      latestVitals: latest
        ? {
            takenAt: latest.takenAt,
            // Derived from the dose start, never read from a typed value.
            minutesFromDose: minutesFromDose(latest.takenAt, dose?.startedAt ?? null),
            minutesAgo: wholeMinutesBetween(latest.takenAt, now),
            systolic: latest.systolic,
            diastolic: latest.diastolic,
            heartRate: latest.heartRate,
            spo2: latest.spo2,
            respiratoryRate: latest.respiratoryRate,
            moaas: latest.moaas,
          }
        : null,
      openAlerts,
      highestAlertLevel: highestAlertLevel(openAlerts),
      overdueTimepoints: timepoints.filter((t) => t.status === "overdue").map((t) => t.label),
      dueTimepoint: timepoints.find((t) => t.status === "due")?.label ?? null,
    };
  });

  await recordAudit(db, {
    actor,
    action: "monitor.read",
    entityType: "session",
    outcome: "success",
    requestAddress: actor.requestAddress,
    // Which patients' vitals were on screen, for an accounting of who saw a record.
    detail: { results: board.length, patientIds: board.map((s) => s.patient.id) },
  });

  return board.sort(boardOrder);
}
