import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import {
  adverseEvents,
  alerts,
  assessments,
  auditEvents,
  doseAdministrations,
  doseOrders,
  patients,
  rooms,
  sessions,
  treatmentCourses,
  users,
  vitals,
} from "@/db/schema";
import type { SessionDetail, SessionStage, VitalsRow } from "@/lib/api/session-schemas";
import { insertWhen, jsonColumn } from "@/db/statements";
import { auditValues, noteAuditWritten, recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { isScreeningKey, SCREENING_LABEL } from "@/lib/clinical/screening";
import { vitalsTimepoints } from "@/lib/clinical/timepoints";
import { preDoseCheck } from "@/lib/clinical/vitals";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { ageOn, clinicDateKey } from "@/lib/format";
import {
  latestSafetySources,
  safetyFlagsFrom,
  type FlagSourceJson,
} from "@/lib/patients/safety-flags";
import { baselineOf, type DoseRow } from "@/lib/sessions/bedside";
import { roundTo } from "@/lib/sessions/record-dose";
import { alertsByVitals } from "@/lib/sessions/record-vitals";
import { readinessFrom } from "@/lib/sessions/transitions";

const nurse = alias(users, "nurse");
const psychiatrist = alias(users, "psychiatrist");
const iso = (d: Date): string => d.toISOString();
const isoOrNull = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

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
  const alertMap = await alertsByVitals(
    db,
    rows.map((r) => r.row.id),
  );
  return vitalsRowsFrom(
    rows.map(({ row, recordedByName }) => ({ ...row, recordedByName })),
    alertMap,
  );
}

type Reading = Omit<typeof vitals.$inferSelect, "idempotencyKey" | "sessionId"> & {
  recordedByName: string;
};

/** The rows as the bedside shows them: each names the correction that superseded it. */
function vitalsRowsFrom(
  rows: readonly Reading[],
  alertMap: ReadonlyMap<string, VitalsRow["alerts"]>,
): VitalsRow[] {
  const supersededBy = new Map<string, string>();
  for (const row of rows) if (row.supersedesId) supersededBy.set(row.supersedesId, row.id);
  return rows.map((row) => ({
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
    recordedByName: row.recordedByName,
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

type Json<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};
type DoseJson = Json<DoseRow> & { givenByName: string };
type VitalsJson = Json<Omit<typeof vitals.$inferSelect, "sessionId" | "idempotencyKey">> & {
  recordedByName: string;
};
type AlertJson = Json<Omit<typeof alerts.$inferSelect, "sessionId" | "acknowledgedBy">> & {
  acknowledgedByName: string | null;
};
type EventJson = Json<
  Omit<
    typeof adverseEvents.$inferSelect,
    "sessionId" | "idempotencyKey" | "recordedBy" | "createdAt"
  >
> & { recordedByName: string };
type CadssJson = { id: string; administeredAt: string; total: number | null };
type OrderJson = Json<
  Omit<typeof doseOrders.$inferSelect, "courseId" | "outOfRangeReason" | "createdAt">
> & { orderedByName: string };

const date = (value: string): Date => new Date(value);
const dateOrNull = (value: string | null): Date | null => (value === null ? null : new Date(value));
const isoText = (value: string): string => new Date(value).toISOString();
const isoTextOrNull = (value: string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/**
 * The bedside's clinical parts as subqueries of the session's own row, each by its session_id
 * (or course, or patient) index: the first dose, every reading with who took it, the alerts,
 * adverse events and CADSS scores, the latest safety assessments and the course's signed orders.
 */
function clinicalColumns() {
  return {
    dose: jsonColumn<DoseJson>(sql`(
      select json_build_object('id', d.id, 'sessionId', d.session_id, 'orderId', d.order_id,
        'drug', d.drug, 'route', d.route, 'doseMg', d.dose_mg, 'doseMgPerKg', d.dose_mg_per_kg,
        'weightKg', d.weight_kg, 'devices', d.devices, 'lot', d.lot, 'startedAt', d.started_at,
        'endedAt', d.ended_at, 'deviatesFromOrder', d.deviates_from_order,
        'deviationReason', d.deviation_reason, 'idempotencyKey', d.idempotency_key,
        'givenBy', d.given_by, 'createdAt', d.created_at, 'givenByName', u.name)
      from ${doseAdministrations} as d join ${users} as u on u.id = d.given_by
      where d.session_id = ${sessions.id}
      order by d.started_at limit 1)`),
    vitals: jsonColumn<VitalsJson[]>(sql`(
      select json_agg(json_build_object('id', v.id, 'takenAt', v.taken_at,
        'minutesFromDose', v.minutes_from_dose, 'systolic', v.systolic, 'diastolic', v.diastolic,
        'heartRate', v.heart_rate, 'spo2', v.spo2, 'respiratoryRate', v.respiratory_rate,
        'temperatureC', v.temperature_c, 'moaas', v.moaas, 'recordedBy', v.recorded_by,
        'createdAt', v.created_at, 'supersedesId', v.supersedes_id, 'amendReason', v.amend_reason,
        'recordedByName', u.name) order by v.taken_at, v.created_at)
      from ${vitals} as v join ${users} as u on u.id = v.recorded_by
      where v.session_id = ${sessions.id})`),
    alerts: jsonColumn<AlertJson[]>(sql`(
      select json_agg(json_build_object('id', a.id, 'vitalsId', a.vitals_id, 'code', a.code,
        'level', a.level, 'message', a.message, 'value', a.value, 'threshold', a.threshold,
        'raisedAt', a.raised_at, 'acknowledgedAt', a.acknowledged_at,
        'acknowledgedByName', u.name) order by a.raised_at)
      from ${alerts} as a left join ${users} as u on u.id = a.acknowledged_by
      where a.session_id = ${sessions.id})`),
    adverseEvents: jsonColumn<EventJson[]>(sql`(
      select json_agg(json_build_object('id', e.id, 'type', e.type, 'description', e.description,
        'severity', e.severity, 'onsetAt', e.onset_at, 'actionTaken', e.action_taken,
        'resolvedAt', e.resolved_at, 'recordedByName', u.name) order by e.onset_at)
      from ${adverseEvents} as e join ${users} as u on u.id = e.recorded_by
      where e.session_id = ${sessions.id})`),
    cadss: jsonColumn<CadssJson[]>(sql`(
      select json_agg(json_build_object('id', c.id, 'administeredAt', c.administered_at,
        'total', c.total) order by c.administered_at)
      from ${assessments} as c
      where c.session_id = ${sessions.id} and c.instrument = 'CADSS')`),
    safety: jsonColumn<FlagSourceJson[]>(latestSafetySources(sessions.patientId)),
    // A course has a handful of orders: the one in force on the session's clinic day is picked
    // from the signed ones, newest first (see signedOrderFor).
    orders: jsonColumn<OrderJson[]>(sql`(
      select json_agg(json_build_object('id', o.id, 'drug', o.drug, 'route', o.route,
        'doseMgPerKg', o.dose_mg_per_kg, 'doseMg', o.dose_mg,
        'infusionMinutes', o.infusion_minutes, 'orderedBy', o.ordered_by,
        'signedAt', o.signed_at, 'validFrom', o.valid_from, 'validUntil', o.valid_until,
        'orderedByName', u.name) order by o.valid_from desc, o.signed_at desc)
      from ${doseOrders} as o join ${users} as u on u.id = o.ordered_by
      where o.course_id = ${sessions.courseId} and o.signed_at is not null)`),
    checkedInByName: sql<
      string | null
    >`(select u.name from ${users} as u where u.id = ${sessions.checkedInBy})`,
    dischargedByName: sql<
      string | null
    >`(select u.name from ${users} as u where u.id = ${sessions.dischargedBy})`,
  };
}

/**
 * One session as the bedside works it, in one statement with its audit row. Roles without
 * clinical access (admins) get the schedule fields only — minimum necessary.
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
  const clinical = can(actor.role, "clinical:read");
  const found = sql`(select ${sessions.patientId} as patient_id from ${sessions} where ${sessions.id} = ${sessionId}) as found`;
  const audited = db.$with("audited", {}).as(
    insertWhen(
      auditEvents,
      [
        {
          ...auditValues({
            actor,
            action: "session.read",
            entityType: "session",
            entityId: sessionId,
            outcome: "success",
            requestAddress: actor.requestAddress,
            detail: { scope: clinical ? "clinical" : "schedule" },
          }),
          patientId: sql`found.patient_id`,
        },
      ],
      found,
    ),
  );
  const [row] = await db
    .with(audited)
    .select({
      session: sessions,
      patient: patients,
      course: treatmentCourses,
      roomName: rooms.name,
      nurseName: nurse.name,
      psychiatristName: psychiatrist.name,
      ...(clinical ? clinicalColumns() : {}),
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
  noteAuditWritten(db);
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

  if (!("vitals" in row)) {
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

  const doseJson = row.dose;
  const dose: (DoseRow & { givenByName: string }) | null = doseJson
    ? {
        ...doseJson,
        startedAt: date(doseJson.startedAt),
        endedAt: dateOrNull(doseJson.endedAt),
        createdAt: date(doseJson.createdAt),
      }
    : null;
  const day = clinicDateKey(session.scheduledStart, timeZone);
  const order =
    (row.orders ?? []).find(
      (o) => o.validFrom <= day && (o.validUntil === null || o.validUntil >= day),
    ) ?? null;
  const alertRows = row.alerts ?? [];
  const alertsOfReading = new Map<string, VitalsRow["alerts"]>();
  for (const a of alertRows) {
    if (!a.vitalsId) continue;
    const alert = {
      code: a.code as VitalsRow["alerts"][number]["code"],
      level: a.level,
      value: a.value,
      threshold: a.threshold,
      message: a.message,
    };
    alertsOfReading.set(a.vitalsId, [...(alertsOfReading.get(a.vitalsId) ?? []), alert]);
  }
  const readings = (row.vitals ?? []).map((v) => ({
    ...v,
    takenAt: date(v.takenAt),
    createdAt: date(v.createdAt),
  }));
  const vitalsRows = vitalsRowsFrom(readings, alertsOfReading);
  const eventRows = row.adverseEvents ?? [];
  const flags = safetyFlagsFrom(
    (row.safety ?? []).map((f) => ({ ...f, administeredAt: date(f.administeredAt) })),
    timeZone,
  );

  const current = readings.filter((_, i) => vitalsRows[i]!.supersededBy === null);
  const baseline = baselineOf(current, dose?.startedAt ?? null);
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
      ? readinessFrom(
          { checkIn: session.checkIn, protocol: course?.protocol ?? null },
          dose,
          current,
          eventRows.filter((e) => e.resolvedAt === null),
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
          signedAt: isoTextOrNull(order.signedAt),
          signedByName: order.orderedByName,
        }
      : null,
    checkIn: session.checkIn
      ? {
          ...session.checkIn,
          at: isoOrNull(session.checkedInAt),
          byName: row.checkedInByName ?? null,
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
          givenByName: dose.givenByName,
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
            takenAt: current.map((v) => v.takenAt),
            dischargeAt: session.completedAt,
          }).map((t) => ({ ...t, dueAt: isoOrNull(t.dueAt) }))
        : [],
    alerts: alertRows.map((alert) => ({
      id: alert.id,
      vitalsId: alert.vitalsId,
      code: alert.code as SessionDetail["alerts"][number]["code"],
      level: alert.level,
      value: alert.value,
      threshold: alert.threshold,
      message: alert.message,
      raisedAt: isoText(alert.raisedAt),
      acknowledgedAt: isoTextOrNull(alert.acknowledgedAt),
      acknowledgedByName: alert.acknowledgedByName,
    })),
    adverseEvents: eventRows.map((event) => ({
      id: event.id,
      type: event.type,
      description: event.description,
      severity: event.severity,
      onsetAt: isoText(event.onsetAt),
      actionTaken: event.actionTaken,
      resolvedAt: isoTextOrNull(event.resolvedAt),
      recordedByName: event.recordedByName,
    })),
    dissociation: (row.cadss ?? []).map((c) => ({
      id: c.id,
      administeredAt: isoText(c.administeredAt),
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
    dischargedByName: row.dischargedByName ?? null,
    dischargeOverrideReason: session.dischargeOverrideReason,
    now: iso(now),
  };
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
