import "server-only";
import { eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  fromJson,
  insertWhen,
  jsonColumn,
  keptStatements,
  placeholder,
  queryRows,
} from "@/db/statements";
import {
  auditEvents,
  doseAdministrations,
  patients,
  rooms,
  sessions,
  treatmentCourses,
  users,
  type PatientStatus,
  type SessionKind,
  type SessionStatus,
  type Protocol,
} from "@/db/schema";
import type { Progress } from "@/lib/api/patient-schemas";
import type { AssessmentEntry } from "@/lib/assessments/assessment-schemas";
import {
  assessmentEntry,
  assessmentsJson,
  type AssessmentJson,
} from "@/lib/assessments/record-assessment";
import { auditValues, boundReader, noteAuditWritten, readerValues, recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { primaryInstrument } from "@/lib/clinical/primary-instrument";
import { isScreeningKey, SCREENING_LABEL } from "@/lib/clinical/screening";
import { config } from "@/lib/config";
import { coursesFromJson, coursesJson } from "@/lib/courses/treatment-plan";
import type { CourseWithOrders } from "@/lib/api/ops-courses";
import { AppError } from "@/lib/errors";
import type { Note } from "@/lib/patients/note-schemas";
import { notesJson, noteView } from "@/lib/patients/notes";
import { buildProgress } from "@/lib/patients/progress-model";
import { patientSafetyFlags, safetyFlagsFrom, type SafetyFlag } from "@/lib/patients/safety-flags";

export type PatientHeader = {
  id: string;
  mrn: string;
  name: string;
  dateOfBirth: string;
  sex: string;
  weightKg: number | null;
  diagnosisCode: string;
  diagnosisLabel: string;
  status: PatientStatus;
  psychiatristName: string | null;
  consentOnFile: string | null;
  screening: { completedAt: string; positives: string[]; checked: number } | null;
  phone: string | null;
  email: string | null;
  emergencyContact: string | null;
};

export type TimelineEntry = {
  sessionId: string;
  kind: SessionKind;
  status: SessionStatus;
  scheduledStart: Date;
  numberInCourse: number | null;
  protocol: Protocol | null;
  roomName: string | null;
  dose: { doseMg: number; doseMgPerKg: number | null; route: string; deviates: boolean } | null;
  /** Highest post-dose systolic minus the pre-dose baseline, mmHg. */
  peakSystolicRise: number | null;
  highestAlert: "warning" | "critical" | null;
  cadssTotal: number | null;
  lowestMoaas: number | null;
  adverseEvents: { type: string; severity: string }[];
};

function loadError(): AppError {
  return new AppError("not_found", "No such patient.");
}

/** Demographics and screening: what every role may see of a patient. */
export async function getPatientHeader(
  db: Db,
  actor: ActorContext,
  patientId: string,
): Promise<PatientHeader> {
  await authorize(db, actor, "patients:read", {
    action: "patient.read",
    entityType: "patient",
    entityId: patientId,
  });
  const row = await loadHeaderRow(db, patientId);
  await recordAudit(db, {
    actor,
    action: "patient.read",
    entityType: "patient",
    entityId: patientId,
    patientId: row ? patientId : null,
    outcome: row ? "success" : "failure",
    requestAddress: actor.requestAddress,
  });
  if (!row) throw loadError();
  return headerView(row);
}

type HeaderRow = { patient: typeof patients.$inferSelect; psychiatristName: string | null };

async function loadHeaderRow(db: Db, patientId: string): Promise<HeaderRow | undefined> {
  const [row] = await db
    .select({ patient: patients, psychiatristName: users.name })
    .from(patients)
    .leftJoin(users, eq(users.id, patients.psychiatristId))
    .where(eq(patients.id, patientId))
    .limit(1);
  return row;
}

function headerView(row: HeaderRow): PatientHeader {
  const p = row.patient;
  const items = Object.entries(p.screening?.items ?? {});
  return {
    id: p.id,
    mrn: p.mrn,
    name: `${p.givenName} ${p.familyName}`,
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
    weightKg: p.weightKg,
    diagnosisCode: p.diagnosisCode,
    diagnosisLabel: p.diagnosisLabel,
    status: p.status,
    psychiatristName: row.psychiatristName,
    consentOnFile: p.consentOnFile,
    screening: p.screening
      ? {
          completedAt: p.screening.completedAt,
          checked: items.filter(([, i]) => i.checked).length,
          positives: items
            .filter(([, i]) => i.present)
            .map(
              ([k, i]) =>
                `${isScreeningKey(k) ? SCREENING_LABEL[k] : k}${i.note ? ` — ${i.note}` : ""}`,
            ),
        }
      : null,
    phone: p.phone,
    email: p.email,
    emergencyContact: p.emergencyContactName
      ? `${p.emergencyContactName}${p.emergencyContactPhone ? `, ${p.emergencyContactPhone}` : ""}`
      : null,
  };
}

/**
 * The success audit row of a read of one patient, as a CTE of the read's own statement: written
 * only when the patient exists, with the reader bound when the statement runs (boundReader).
 */
function auditedPatientRead(
  db: Db,
  patientId: SQL,
  action: string,
  detail?: Record<string, unknown>,
) {
  return db.$with("audited", {}).as(
    insertWhen(
      auditEvents,
      [
        {
          ...auditValues({
            actor: null,
            action,
            entityType: "patient",
            outcome: "success",
            detail,
          }),
          ...boundReader(),
          entityId: patientId,
          patientId,
        },
      ],
      sql`${patients} where ${patients.id} = ${patientId}`,
    ),
  );
}

/**
 * The progress API's one statement, written once and then bound to the patient and the reader:
 * the patient's diagnosis (which names the primary instrument), every assessment and the dosing
 * sessions, with the audit row of the read as a CTE — written only when the patient exists.
 */
const progressStatement = keptStatements((db: Db, _shape: "progress") => {
  const patientId = placeholder("patientId");
  const audited = auditedPatientRead(db, patientId, "progress.read");
  return db
    .with(audited)
    .select({
      diagnosisCode: patients.diagnosisCode,
      assessments: jsonColumn<AssessmentJson[]>(assessmentsJson(patients.id)),
      dosing: jsonColumn<DosingJson[]>(dosingJson(patients.id)),
    })
    .from(patients)
    .where(eq(patients.id, patientId))
    .limit(1)
    .prepare("patient_progress");
});

/** Progress of every instrument, with the dosing sessions to mark on the chart. */
export async function getPatientProgress(
  db: Db,
  actor: ActorContext,
  patientId: string,
): Promise<Progress> {
  await authorize(db, actor, "clinical:read", {
    action: "progress.read",
    entityType: "patient",
    entityId: patientId,
  });
  const [row] = await progressStatement(db, "progress").execute({
    patientId,
    ...readerValues(actor),
  });
  if (!row) {
    await recordAudit(db, {
      actor,
      action: "progress.read",
      entityType: "patient",
      entityId: patientId,
      outcome: "failure",
      requestAddress: actor.requestAddress,
    });
    throw loadError();
  }
  noteAuditWritten(db);
  const scored = scoresOf((row.assessments ?? []).map(assessmentEntry));
  return progressFrom(patientId, row.diagnosisCode, scored.toReversed(), dosingFrom(row.dosing));
}

type ProgressAssessment = Parameters<typeof buildProgress>[0]["assessments"][number];

/** The scores of assessments (newest first, as the record reads them) that progress is built on. */
function scoresOf(entries: readonly AssessmentEntry[]): ProgressAssessment[] {
  return entries.map((a) => ({
    id: a.id,
    instrument: a.instrument,
    administeredAt: new Date(a.administeredAt),
    total: a.total,
    band: a.severity,
    answers: a.answers,
    flags: a.flags,
  }));
}

type DosingRow = {
  sessionId: string;
  startedAt: Date;
  numberInCourse: number | null;
  doseMg: number;
  doseMgPerKg: number | null;
  route: string;
};

function dosingFrom(rows: DosingJson[] | null | undefined): DosingRow[] {
  return (rows ?? []).map((d) => ({ ...d, startedAt: new Date(d.startedAt) }));
}

function progressFrom(
  patientId: string,
  diagnosisCode: string,
  rows: ProgressAssessment[],
  dosing: readonly DosingRow[],
): Progress {
  // The start of the first dosing session; before any dose, the baseline is the earliest score.
  const first = dosing[0];
  return buildProgress({
    patientId,
    primaryInstrument: primaryInstrument(diagnosisCode),
    firstDosingStart: first ? first.startedAt : null,
    assessments: rows,
    dosingSessions: dosing.map((d) => ({
      sessionId: d.sessionId,
      at: d.startedAt.toISOString(),
      numberInCourse: d.numberInCourse,
      doseMg: d.doseMg,
      // Lozenges and sprays are fixed doses: their mg/kg is incidental, not what was ordered.
      doseMgPerKg: d.route === "iv" || d.route === "im" ? d.doseMgPerKg : null,
    })),
  });
}

/**
 * Every session of the patient with what a psychiatrist scans for: dose, the blood-pressure
 * rise, the highest alert, dissociation, sedation and adverse events. Set-based: a fixed
 * number of queries whatever the length of the course.
 */
export async function getCourseTimeline(
  db: Db,
  actor: ActorContext,
  patientId: string,
): Promise<TimelineEntry[]> {
  await authorize(db, actor, "clinical:read", {
    action: "timeline.read",
    entityType: "patient",
    entityId: patientId,
  });
  const entries = await loadTimeline(db, patientId);
  await recordAudit(db, {
    actor,
    action: "timeline.read",
    entityType: "patient",
    entityId: patientId,
    patientId,
    outcome: "success",
    requestAddress: actor.requestAddress,
  });
  return entries;
}

type TimelineDose = [doseMg: number, doseMgPerKg: number | null, route: string, deviates: boolean];
type TimelineEvent = [type: string, severity: string];
type TimelineJson = [
  id: string,
  kind: SessionKind,
  status: SessionStatus,
  scheduledStart: string,
  numberInCourse: number | null,
  protocol: Protocol | null,
  roomName: string | null,
  dose: TimelineDose | null,
  baselineSystolic: number | null,
  peakSystolic: number | null,
  lowestMoaas: number | null,
  highestAlert: "warning" | "critical" | null,
  cadssTotal: number | null,
  adverseEvents: TimelineEvent[] | null,
];

/**
 * The whole timeline as one JSON array: each session with its summaries as subqueries over the
 * session's own rows (by the session_id indexes), so a long course costs no extra round trip.
 * Readings that a correction superseded do not count.
 */
function timelineJson(patientId: SQLWrapper): SQL {
  const current = sql`not exists (select 1 from vitals v2 where v2.supersedes_id = v.id)`;
  return sql`(
    select json_agg(json_build_array(s.id, s.kind, s.status, s.scheduled_start,
      s.number_in_course, c.protocol, r.name,
      (select json_build_array(d.dose_mg, d.dose_mg_per_kg, d.route, d.deviates_from_order)
        from dose_administrations d where d.session_id = s.id
        order by d.started_at limit 1),
      (select v.systolic from vitals v
        where v.session_id = s.id and v.minutes_from_dose is null and ${current}
        order by v.taken_at desc limit 1),
      (select max(v.systolic) from vitals v
        where v.session_id = s.id and v.minutes_from_dose is not null and ${current}),
      (select min(v.moaas) from vitals v where v.session_id = s.id and ${current}),
      (select case when bool_or(a.level = 'critical') then 'critical' else 'warning' end
        from alerts a where a.session_id = s.id having count(*) > 0),
      (select a.total from assessments a
        where a.session_id = s.id and a.instrument = 'CADSS'
        order by a.administered_at desc limit 1),
      (select json_agg(json_build_array(e.type, e.severity) order by e.onset_at, e.id)
        from adverse_events e where e.session_id = s.id))
      order by s.scheduled_start, s.id)
    from ${sessions} as s
    left join ${treatmentCourses} as c on c.id = s.course_id
    left join ${rooms} as r on r.id = s.room_id
    where s.patient_id = ${patientId})`;
}

function timelineFrom(rows: TimelineJson[] | null): TimelineEntry[] {
  return (rows ?? []).map(
    ([sessionId, kind, status, start, numberInCourse, protocol, roomName, dose, ...rest]) => {
      const [baselineSystolic, peakSystolic, lowestMoaas, highestAlert, cadssTotal, events] = rest;
      return {
        sessionId,
        kind,
        status,
        scheduledStart: new Date(start),
        numberInCourse,
        protocol,
        roomName,
        dose: dose
          ? { doseMg: dose[0], doseMgPerKg: dose[1], route: dose[2], deviates: dose[3] }
          : null,
        peakSystolicRise:
          baselineSystolic !== null && peakSystolic !== null
            ? peakSystolic - baselineSystolic
            : null,
        highestAlert,
        cadssTotal,
        lowestMoaas,
        adverseEvents: (events ?? []).map(([type, severity]) => ({ type, severity })),
      };
    },
  );
}

async function loadTimeline(db: Db, patientId: string): Promise<TimelineEntry[]> {
  const [row] = await queryRows<{ timeline: unknown }>(
    db,
    sql`select ${timelineJson(sql`${patientId}::uuid`)} as timeline`,
  );
  return timelineFrom(fromJson<TimelineJson[]>(row?.timeline));
}

type DosingJson = {
  sessionId: string;
  startedAt: string;
  numberInCourse: number | null;
  doseMg: number;
  doseMgPerKg: number | null;
  route: string;
};

/** The patient's dosing sessions that have a dose, in the order given, as a JSON array. */
function dosingJson(patientId: SQLWrapper): SQL {
  return sql`(
    select json_agg(json_build_object('sessionId', s.id, 'startedAt', d.started_at,
      'numberInCourse', s.number_in_course, 'doseMg', d.dose_mg,
      'doseMgPerKg', d.dose_mg_per_kg, 'route', d.route) order by d.started_at)
    from ${sessions} as s join ${doseAdministrations} as d on d.session_id = s.id
    where s.patient_id = ${patientId} and s.kind = 'dosing')`;
}

export async function patientSafety(
  db: Db,
  actor: ActorContext,
  patientId: string,
): Promise<SafetyFlag[]> {
  if (!can(actor.role, "clinical:read")) return [];
  return patientSafetyFlags(db, patientId, config().clinicTimeZone);
}

export type PatientRecord = {
  header: PatientHeader;
  /** Null for roles that may not read clinical data: they see demographics and contact only. */
  clinical: {
    flags: SafetyFlag[];
    progress: Progress;
    timeline: TimelineEntry[];
    assessments: AssessmentEntry[];
    notes: Note[];
    courses: CourseWithOrders[];
  } | null;
};

/**
 * The record's one statement for a role with or without clinical access, written once and then
 * bound to the patient and the reader: its audit row names the sections shown.
 */
const recordStatement = keptStatements((db: Db, shape: { clinical: boolean }) => {
  const sections = shape.clinical
    ? ["demographics", "safety", "progress", "timeline", "assessments", "notes", "courses"]
    : ["demographics"];
  const patientId = placeholder("patientId");
  const audited = auditedPatientRead(db, patientId, "patient.record.read", { sections });
  return db
    .with(audited)
    .select({
      patient: patients,
      psychiatristName: users.name,
      ...(shape.clinical
        ? {
            assessments: jsonColumn<AssessmentJson[]>(assessmentsJson(patients.id)),
            dosing: jsonColumn<DosingJson[]>(dosingJson(patients.id)),
            timeline: jsonColumn<TimelineJson[]>(timelineJson(patients.id)),
            notes: jsonColumn<Note[]>(notesJson(patients.id)),
            courses: jsonColumn<CourseWithOrders[]>(coursesJson(patients.id)),
          }
        : {}),
    })
    .from(patients)
    .leftJoin(users, eq(users.id, patients.psychiatristId))
    .where(eq(patients.id, patientId))
    .limit(1)
    .prepare("patient_record");
});

/**
 * Everything the patient page shows, in one statement: the patient with, as subqueries of the
 * same row, every assessment (read once for history, chart and safety flags), the dosing
 * sessions, the course timeline, the notes and the courses with their orders; the audit row of
 * the read, naming what was shown, is a CTE of the statement. The API's separate reads each
 * leave their own.
 */
export async function getPatientRecord(
  db: Db,
  actor: ActorContext,
  patientId: string,
): Promise<PatientRecord> {
  await authorize(db, actor, "patients:read", {
    action: "patient.record.read",
    entityType: "patient",
    entityId: patientId,
  });
  const [row] = await recordStatement(db, { clinical: can(actor.role, "clinical:read") }).execute({
    patientId,
    ...readerValues(actor),
  });
  if (!row) {
    await recordAudit(db, {
      actor,
      action: "patient.record.read",
      entityType: "patient",
      entityId: patientId,
      outcome: "failure",
      requestAddress: actor.requestAddress,
      detail: { code: "not_found" },
    });
    throw loadError();
  }
  noteAuditWritten(db);
  const header = headerView(row);
  if (!("timeline" in row)) return { header, clinical: null };
  const assessmentList = (row.assessments ?? []).map(assessmentEntry);
  const scored = scoresOf(assessmentList);
  const dosing = dosingFrom(row.dosing);
  const progress = progressFrom(patientId, row.patient.diagnosisCode, scored.toReversed(), dosing);
  const flags = safetyFlagsFrom(scored, config().clinicTimeZone);
  return {
    header,
    clinical: {
      flags,
      progress,
      timeline: timelineFrom(row.timeline ?? null),
      assessments: assessmentList,
      notes: (row.notes ?? []).map(noteView),
      courses: coursesFromJson(row.courses ?? null),
    },
  };
}
