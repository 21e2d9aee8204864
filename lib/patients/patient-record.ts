import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { fromJson } from "@/db/statements";
import {
  assessments,
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
import { loadAssessments } from "@/lib/assessments/record-assessment";
import { recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { primaryInstrument } from "@/lib/clinical/primary-instrument";
import { isScreeningKey, SCREENING_LABEL } from "@/lib/clinical/screening";
import { config } from "@/lib/config";
import { loadCourses } from "@/lib/courses/treatment-plan";
import type { CourseWithOrders } from "@/lib/api/ops-courses";
import { AppError } from "@/lib/errors";
import type { Note } from "@/lib/patients/note-schemas";
import { loadNotes } from "@/lib/patients/notes";
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
  const [patient] = await db
    .select({ id: patients.id, diagnosisCode: patients.diagnosisCode })
    .from(patients)
    .where(eq(patients.id, patientId));
  if (!patient) {
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
  const progress = await loadProgress(db, patientId, patient.diagnosisCode);
  await recordAudit(db, {
    actor,
    action: "progress.read",
    entityType: "patient",
    entityId: patientId,
    patientId,
    outcome: "success",
    requestAddress: actor.requestAddress,
  });
  return progress;
}

type ProgressAssessment = Parameters<typeof buildProgress>[0]["assessments"][number];

async function loadProgress(db: Db, patientId: string, diagnosisCode: string): Promise<Progress> {
  const [rows, dosing] = await Promise.all([
    db
      .select({
        id: assessments.id,
        instrument: assessments.instrument,
        administeredAt: assessments.administeredAt,
        total: assessments.total,
        band: assessments.band,
        answers: assessments.answers,
        flags: assessments.flags,
      })
      .from(assessments)
      .where(eq(assessments.patientId, patientId))
      .orderBy(asc(assessments.administeredAt)),
    loadDosing(db, patientId),
  ]);
  return progressFrom(patientId, diagnosisCode, rows, dosing);
}

/** The dosing sessions of the patient that have a dose, in the order they were given. */
function loadDosing(db: Db, patientId: string) {
  return db
    .select({
      sessionId: sessions.id,
      at: sessions.scheduledStart,
      startedAt: doseAdministrations.startedAt,
      numberInCourse: sessions.numberInCourse,
      doseMg: doseAdministrations.doseMg,
      doseMgPerKg: doseAdministrations.doseMgPerKg,
      route: doseAdministrations.route,
    })
    .from(sessions)
    .innerJoin(doseAdministrations, eq(doseAdministrations.sessionId, sessions.id))
    .where(and(eq(sessions.patientId, patientId), eq(sessions.kind, "dosing")))
    .orderBy(asc(doseAdministrations.startedAt));
}

function progressFrom(
  patientId: string,
  diagnosisCode: string,
  rows: ProgressAssessment[],
  dosing: Awaited<ReturnType<typeof loadDosing>>,
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

/**
 * One statement for the whole timeline: each session with its summaries as subqueries over
 * the session's own rows (by the session_id indexes), so a long course costs no extra round trip.
 * Readings that a correction superseded do not count.
 */
async function loadTimeline(db: Db, patientId: string): Promise<TimelineEntry[]> {
  const current = sql`not exists (select 1 from vitals v2 where v2.supersedes_id = v.id)`;
  const rows = await db
    .select({
      id: sessions.id,
      kind: sessions.kind,
      status: sessions.status,
      scheduledStart: sessions.scheduledStart,
      numberInCourse: sessions.numberInCourse,
      protocol: treatmentCourses.protocol,
      roomName: rooms.name,
      dose: sql`(
        select json_build_array(d.dose_mg, d.dose_mg_per_kg, d.route, d.deviates_from_order)
        from dose_administrations d where d.session_id = ${sessions.id}
        order by d.started_at limit 1)`.mapWith(fromJson<TimelineDose>),
      baselineSystolic: sql<number | null>`(
        select v.systolic from vitals v
        where v.session_id = ${sessions.id} and v.minutes_from_dose is null and ${current}
        order by v.taken_at desc limit 1)`,
      peakSystolic: sql<number | null>`(
        select max(v.systolic) from vitals v
        where v.session_id = ${sessions.id} and v.minutes_from_dose is not null and ${current})`,
      lowestMoaas: sql<number | null>`(
        select min(v.moaas) from vitals v where v.session_id = ${sessions.id} and ${current})`,
      highestAlert: sql<"warning" | "critical" | null>`(
        select case when bool_or(a.level = 'critical') then 'critical' else 'warning' end
        from alerts a where a.session_id = ${sessions.id} having count(*) > 0)`,
      cadssTotal: sql<number | null>`(
        select a.total from assessments a
        where a.session_id = ${sessions.id} and a.instrument = 'CADSS'
        order by a.administered_at desc limit 1)`,
      adverseEvents: sql`(
        select json_agg(json_build_array(e.type, e.severity) order by e.onset_at, e.id)
        from adverse_events e where e.session_id = ${sessions.id})`.mapWith(
        fromJson<TimelineEvent[]>,
      ),
    })
    .from(sessions)
    .leftJoin(treatmentCourses, eq(treatmentCourses.id, sessions.courseId))
    .leftJoin(rooms, eq(rooms.id, sessions.roomId))
    .where(eq(sessions.patientId, patientId))
    .orderBy(asc(sessions.scheduledStart));
  return rows.map((s) => ({
    sessionId: s.id,
    kind: s.kind,
    status: s.status,
    scheduledStart: s.scheduledStart,
    numberInCourse: s.numberInCourse,
    protocol: s.protocol,
    roomName: s.roomName,
    dose: s.dose
      ? { doseMg: s.dose[0], doseMgPerKg: s.dose[1], route: s.dose[2], deviates: s.dose[3] }
      : null,
    peakSystolicRise:
      s.baselineSystolic !== null && s.peakSystolic !== null
        ? Number(s.peakSystolic) - Number(s.baselineSystolic)
        : null,
    highestAlert: s.highestAlert,
    cadssTotal: s.cadssTotal === null ? null : Number(s.cadssTotal),
    lowestMoaas: s.lowestMoaas === null ? null : Number(s.lowestMoaas),
    adverseEvents: (s.adverseEvents ?? []).map(([type, severity]) => ({ type, severity })),
  }));
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
 * Everything the patient page shows, read for one request: the capability is checked once,
 * the patient looked up once, the parts loaded side by side, and the read leaves one audit row
 * naming what was shown (the API's separate reads each leave their own).
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
  const row = await loadHeaderRow(db, patientId);
  const clinical = row && can(actor.role, "clinical:read");
  // Every assessment is read once, newest first: the history shows them, the progress charts
  // them oldest first, and the safety flags come from the latest of each instrument.
  const parts =
    row && clinical
      ? await Promise.all([
          loadAssessments(db, patientId),
          loadDosing(db, patientId),
          loadTimeline(db, patientId),
          loadNotes(db, patientId),
          loadCourses(db, patientId),
        ])
      : null;
  await recordAudit(db, {
    actor,
    action: "patient.record.read",
    entityType: "patient",
    entityId: patientId,
    patientId: row ? patientId : null,
    outcome: row ? "success" : "failure",
    requestAddress: actor.requestAddress,
    detail: row
      ? {
          sections: parts
            ? ["demographics", "safety", "progress", "timeline", "assessments", "notes", "courses"]
            : ["demographics"],
        }
      : { code: "not_found" },
  });
  if (!row) throw loadError();
  const header = headerView(row);
  if (!parts) return { header, clinical: null };
  const [assessmentList, dosing, timeline, noteList, courses] = parts;
  const scored = assessmentList.map((a) => ({
    id: a.id,
    instrument: a.instrument,
    administeredAt: new Date(a.administeredAt),
    total: a.total,
    band: a.severity,
    answers: a.answers,
    flags: a.flags,
  }));
  const progress = progressFrom(patientId, row.patient.diagnosisCode, scored.toReversed(), dosing);
  const flags = safetyFlagsFrom(scored, config().clinicTimeZone);
  return {
    header,
    clinical: { flags, progress, timeline, assessments: assessmentList, notes: noteList, courses },
  };
}
