import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import {
  adverseEvents,
  alerts,
  assessments,
  patients,
  rooms,
  sessions,
  treatmentCourses,
  users,
  vitals,
} from "@/db/schema";
import type { SessionDetail, SessionStage, VitalsRow } from "@/lib/api/session-schemas";
import { recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { isScreeningKey, SCREENING_LABEL } from "@/lib/clinical/screening";
import { vitalsTimepoints } from "@/lib/clinical/timepoints";
import { preDoseCheck } from "@/lib/clinical/vitals";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { ageOn, clinicDateKey } from "@/lib/format";
import { patientSafetyFlags } from "@/lib/patients/safety-flags";
import { baselineOf, sessionDose, signedOrderFor } from "@/lib/sessions/bedside";
import { roundTo } from "@/lib/sessions/record-dose";
import { alertsByVitals } from "@/lib/sessions/record-vitals";
import { readinessFor } from "@/lib/sessions/transitions";

const nurse = alias(users, "nurse");
const psychiatrist = alias(users, "psychiatrist");
const iso = (d: Date): string => d.toISOString();
const isoOrNull = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

async function staffNames(
  db: Db,
  ids: (string | null | undefined)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function stageOf(
  status: SessionDetail["status"],
  kind: SessionDetail["kind"],
  cleared: boolean,
): SessionStage {
  switch (status) {
    case "scheduled":
      return "check-in";
    case "checked_in":
      return kind === "dosing" ? (cleared ? "dose" : "pre-dose") : "check-in";
    case "in_progress":
      return "monitoring";
    case "completed":
      return "completed";
    case "cancelled":
    case "no_show":
      return "closed";
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

/** Vitals rows in time order, with the corrections that superseded them and their alerts. */
export async function sessionVitalsRows(db: Db, sessionId: string): Promise<VitalsRow[]> {
  const rows = await db
    .select({ row: vitals, recordedByName: users.name })
    .from(vitals)
    .innerJoin(users, eq(users.id, vitals.recordedBy))
    .where(eq(vitals.sessionId, sessionId))
    .orderBy(asc(vitals.takenAt), asc(vitals.createdAt));
  const supersededBy = new Map<string, string>();
  for (const { row } of rows) if (row.supersedesId) supersededBy.set(row.supersedesId, row.id);
  const alertMap = await alertsByVitals(
    db,
    rows.map((r) => r.row.id),
  );
  return rows.map(({ row, recordedByName }) => ({
    id: row.id,
    takenAt: iso(row.takenAt),
    minutesFromDose: row.minutesFromDose,
    systolic: row.systolic,
    diastolic: row.diastolic,
    heartRate: row.heartRate,
    spo2: row.spo2,
    respiratoryRate: row.respiratoryRate,
    temperatureC: row.temperatureC,
    sedationMoaas: row.moaas,
    recordedBy: row.recordedBy,
    recordedByName,
    recordedAt: iso(row.createdAt),
    supersededBy: supersededBy.get(row.id) ?? null,
    supersedes: row.supersedesId,
    amendReason: row.amendReason,
    alerts: alertMap.get(row.id) ?? [],
  }));
}

export type SessionView =
  | { access: "clinical"; detail: SessionDetail }
  | {
      access: "schedule";
      detail: Pick<
        SessionDetail,
        | "id"
        | "kind"
        | "status"
        | "scheduledStart"
        | "scheduledEnd"
        | "roomName"
        | "nurse"
        | "psychiatrist"
        | "numberInCourse"
      > & { patient: { id: string; name: string; mrn: string } };
    };

/**
 * One session as the bedside works it. Roles without clinical access (admins) get the
 * schedule fields only — minimum necessary.
 */
export async function getSessionDetail(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  now: Date = new Date(),
): Promise<SessionView> {
  await authorize(db, actor, "schedule:read", {
    action: "session.read",
    entityType: "session",
    entityId: sessionId,
  });
  const timeZone = config().clinicTimeZone;
  const [row] = await db
    .select({
      session: sessions,
      patient: patients,
      course: treatmentCourses,
      roomName: rooms.name,
      nurseName: nurse.name,
      psychiatristName: psychiatrist.name,
    })
    .from(sessions)
    .innerJoin(patients, eq(patients.id, sessions.patientId))
    .leftJoin(treatmentCourses, eq(treatmentCourses.id, sessions.courseId))
    .leftJoin(rooms, eq(rooms.id, sessions.roomId))
    .leftJoin(nurse, eq(nurse.id, sessions.nurseId))
    .leftJoin(psychiatrist, eq(psychiatrist.id, sessions.psychiatristId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  if (!row) {
    await recordAudit(db, {
      actor,
      action: "session.read",
      entityType: "session",
      entityId: sessionId,
      outcome: "failure",
      requestAddress: actor.requestAddress,
      detail: { code: "not_found" },
    });
    throw new AppError("not_found", "No such session.");
  }
  const { session, patient, course } = row;
  const schedule = {
    id: session.id,
    kind: session.kind,
    status: session.status,
    scheduledStart: iso(session.scheduledStart),
    scheduledEnd: iso(session.scheduledEnd),
    roomName: row.roomName,
    nurse: session.nurseId && row.nurseName ? { id: session.nurseId, name: row.nurseName } : null,
    psychiatrist:
      session.psychiatristId && row.psychiatristName
        ? { id: session.psychiatristId, name: row.psychiatristName }
        : null,
    numberInCourse: session.numberInCourse,
  };
  const audit = async (scope: string): Promise<void> =>
    recordAudit(db, {
      actor,
      action: "session.read",
      entityType: "session",
      entityId: sessionId,
      patientId: patient.id,
      outcome: "success",
      requestAddress: actor.requestAddress,
      detail: { scope },
    });

  if (!can(actor.role, "clinical:read")) {
    await audit("schedule");
    return {
      access: "schedule",
      detail: {
        ...schedule,
        patient: {
          id: patient.id,
          name: `${patient.givenName} ${patient.familyName}`,
          mrn: patient.mrn,
        },
      },
    };
  }

  const [dose, vitalsRows, alertRows, aeRows, cadss, flags, order] = await Promise.all([
    sessionDose(db, sessionId),
    sessionVitalsRows(db, sessionId),
    db
      .select({ alert: alerts, ackName: users.name })
      .from(alerts)
      .leftJoin(users, eq(users.id, alerts.acknowledgedBy))
      .where(eq(alerts.sessionId, sessionId))
      .orderBy(asc(alerts.raisedAt)),
    db
      .select({ event: adverseEvents, recordedByName: users.name })
      .from(adverseEvents)
      .innerJoin(users, eq(users.id, adverseEvents.recordedBy))
      .where(eq(adverseEvents.sessionId, sessionId))
      .orderBy(asc(adverseEvents.onsetAt)),
    db
      .select({
        id: assessments.id,
        administeredAt: assessments.administeredAt,
        total: assessments.total,
      })
      .from(assessments)
      .where(and(eq(assessments.sessionId, sessionId), eq(assessments.instrument, "CADSS")))
      .orderBy(asc(assessments.administeredAt)),
    patientSafetyFlags(db, patient.id, timeZone),
    signedOrderFor(db, session.courseId, clinicDateKey(session.scheduledStart, timeZone)),
  ]);
  const names = await staffNames(db, [
    session.checkedInBy,
    session.dischargedBy,
    dose?.givenBy,
    order?.orderedBy,
  ]);

  const current = vitalsRows
    .filter((v) => v.supersededBy === null)
    .map((v) => ({ ...v, takenAtDate: new Date(v.takenAt) }));
  const baseline = baselineOf(
    current.map((v) => ({ takenAt: v.takenAtDate, systolic: v.systolic, diastolic: v.diastolic })),
    dose?.startedAt ?? null,
  );
  const check = baseline ? preDoseCheck(baseline) : null;
  const review = session.preDoseReview;
  const cleared =
    check !== null &&
    (check.status === "ok" ||
      (check.status === "recheck" && review !== null) ||
      (check.status === "hold" && review?.decision === "override"));

  const weight = patient.weightKg;
  const drug =
    dose?.drug ??
    order?.drug ??
    (course?.protocol === "intranasal_esketamine" ? "esketamine" : "ketamine");
  const route = dose?.route ?? order?.route ?? "iv";
  const bedsideStatus = session.status === "in_progress" || session.status === "completed";
  const readiness =
    session.kind === "dosing" && session.status === "in_progress"
      ? await readinessFor(
          db,
          { ...session, patientWeightKg: weight, protocol: course?.protocol ?? null },
          now,
        )
      : null;
  const screeningPositives = Object.entries(patient.screening?.items ?? {})
    .filter(([, item]) => item.present)
    .map(
      ([key, item]) =>
        (isScreeningKey(key) ? SCREENING_LABEL[key] : key) + (item.note ? ` — ${item.note}` : ""),
    );

  const detail: SessionDetail = {
    ...schedule,
    stage: stageOf(session.status, session.kind, cleared),
    patient: {
      id: patient.id,
      name: `${patient.givenName} ${patient.familyName}`,
      mrn: patient.mrn,
      ageYears: ageOn(patient.dateOfBirth, now),
      sex: patient.sex,
      weightKg: weight,
      diagnosisCode: patient.diagnosisCode,
      diagnosisLabel: patient.diagnosisLabel,
      safetyFlags: flags,
      screeningPositives,
    },
    course: course
      ? {
          id: course.id,
          protocol: course.protocol,
          paradigm: course.paradigm,
          plannedSessions: course.plannedSessions,
        }
      : null,
    order: order
      ? {
          id: order.id,
          drug: order.drug,
          route: order.route,
          doseMgPerKg: order.doseMgPerKg,
          doseMg: order.doseMg,
          todayDoseMg:
            order.doseMg ??
            (order.doseMgPerKg !== null && weight ? roundTo(order.doseMgPerKg * weight, 1) : null),
          todayMgPerKg:
            order.doseMgPerKg ??
            (order.doseMg !== null && weight && order.drug !== "esketamine"
              ? roundTo(order.doseMg / weight, 2)
              : null),
          infusionMinutes: order.infusionMinutes,
          signedAt: isoOrNull(order.signedAt),
          signedByName: names.get(order.orderedBy) ?? "",
        }
      : null,
    checkIn: session.checkIn
      ? {
          ...session.checkIn,
          at: isoOrNull(session.checkedInAt),
          byName: session.checkedInBy ? (names.get(session.checkedInBy) ?? null) : null,
        }
      : null,
    preDose: {
      baseline: baseline
        ? {
            systolic: baseline.systolic,
            diastolic: baseline.diastolic,
            takenAt: iso(baseline.takenAt),
          }
        : null,
      status: check?.status ?? "pending",
      message: check?.message ?? "Record baseline vitals before the dose.",
      review: review
        ? {
            decision: review.decision,
            reviewedByName: review.reviewedByName,
            reviewedAt: review.reviewedAt,
            reason: review.reason,
          }
        : null,
      cleared,
    },
    dose: dose
      ? {
          id: dose.id,
          drug: dose.drug,
          route: dose.route,
          doseMg: dose.doseMg,
          doseMgPerKg: dose.doseMgPerKg,
          weightKg: dose.weightKg,
          devices: dose.devices,
          lot: dose.lot,
          startedAt: iso(dose.startedAt),
          endedAt: isoOrNull(dose.endedAt),
          deviatesFromOrder: dose.deviatesFromOrder,
          deviationReason: dose.deviationReason,
          givenByName: names.get(dose.givenBy) ?? "",
        }
      : null,
    vitals: vitalsRows,
    timepoints:
      session.kind === "dosing" && session.status !== "cancelled" && session.status !== "no_show"
        ? vitalsTimepoints({
            drug,
            route,
            doseStartedAt: dose?.startedAt ?? null,
            doseEndedAt: dose?.endedAt ?? null,
            infusionMinutes: order?.infusionMinutes ?? null,
            now,
            takenAt: current.map((v) => v.takenAtDate),
            dischargeAt: session.completedAt,
          }).map((t) => ({ ...t, dueAt: isoOrNull(t.dueAt) }))
        : [],
    alerts: alertRows.map(({ alert, ackName }) => ({
      id: alert.id,
      vitalsId: alert.vitalsId,
      code: alert.code as SessionDetail["alerts"][number]["code"],
      level: alert.level,
      value: alert.value,
      threshold: alert.threshold,
      message: alert.message,
      raisedAt: iso(alert.raisedAt),
      acknowledgedAt: isoOrNull(alert.acknowledgedAt),
      acknowledgedByName: ackName,
    })),
    adverseEvents: aeRows.map(({ event, recordedByName }) => ({
      id: event.id,
      type: event.type,
      description: event.description,
      severity: event.severity,
      onsetAt: iso(event.onsetAt),
      actionTaken: event.actionTaken,
      resolvedAt: isoOrNull(event.resolvedAt),
      recordedByName,
    })),
    dissociation: cadss.map((c) => ({
      id: c.id,
      administeredAt: iso(c.administeredAt),
      total: c.total,
    })),
    discharge: readiness
      ? {
          ready: readiness.ready,
          criteria: readiness.criteria.map((c) => ({
            code: c.id,
            label: c.label,
            met: c.met,
            value: c.value,
          })),
        }
      : null,
    startedAt: isoOrNull(session.startedAt ?? (bedsideStatus ? dose?.startedAt : null)),
    completedAt: isoOrNull(session.completedAt),
    dischargedByName: session.dischargedBy ? (names.get(session.dischargedBy) ?? null) : null,
    dischargeOverrideReason: session.dischargeOverrideReason,
    now: iso(now),
  };
  await audit("clinical");
  return { access: "clinical", detail };
}

/** GET …/vitals: the rows of one session, audited as a read of clinical data. */
export async function listSessionVitals(
  db: Db,
  actor: ActorContext,
  sessionId: string,
): Promise<VitalsRow[]> {
  await authorize(db, actor, "clinical:read", {
    action: "vitals.list",
    entityType: "session",
    entityId: sessionId,
  });
  const [session] = await db
    .select({ patientId: sessions.patientId })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  if (!session) {
    await recordAudit(db, {
      actor,
      action: "vitals.list",
      entityType: "session",
      entityId: sessionId,
      outcome: "failure",
      requestAddress: actor.requestAddress,
      detail: { code: "not_found" },
    });
    throw new AppError("not_found", "No such session.");
  }
  const rows = await sessionVitalsRows(db, sessionId);
  await recordAudit(db, {
    actor,
    action: "vitals.list",
    entityType: "session",
    entityId: sessionId,
    patientId: session.patientId,
    outcome: "success",
    requestAddress: actor.requestAddress,
  });
  return rows;
}
