import "server-only";
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments, patients, sessions, treatmentCourses } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import { PRIMARY_INSTRUMENTS, primaryInstrument } from "@/lib/clinical/primary-instrument";
import {
  evaluatePatient,
  summariseOutcomes,
  type ClinicOutcomeSummary,
  type ScoredAssessment,
} from "./outcome-summary";

// A session starts when it goes in progress (`started_at`, set with the dose); the booked time
// stands in only for a session that never recorded one. The pre-dose scales are taken between
// the two, so they fall on or before this start and count as the baseline.
const sessionStart = sql<Date>`coalesce(${sessions.startedAt}, ${sessions.scheduledStart})`.mapWith(
  sessions.scheduledStart,
);

/**
 * Response and remission across the clinic (CLINICAL.md "Progress across a course"), one row
 * per patient with a treatment course. Outcomes are measured from the patient's first course:
 * a maintenance course continues an induction, and measured from its own start it would show an
 * already improved baseline as no change. Three set-based queries, whatever the caseload size.
 */
export async function clinicOutcomes(db: Db, actor: ActorContext): Promise<ClinicOutcomeSummary> {
  await authorize(db, actor, "clinical:read", { action: "outcomes.read", entityType: "outcomes" });

  const [indexCourses, dosingRows, scoreRows] = await Promise.all([
    db
      .selectDistinctOn([treatmentCourses.patientId], {
        courseId: treatmentCourses.id,
        patientId: treatmentCourses.patientId,
        protocol: treatmentCourses.protocol,
        diagnosisCode: patients.diagnosisCode,
        diagnosisLabel: patients.diagnosisLabel,
      })
      .from(treatmentCourses)
      .innerJoin(patients, eq(patients.id, treatmentCourses.patientId))
      .orderBy(
        treatmentCourses.patientId,
        asc(treatmentCourses.startDate),
        asc(treatmentCourses.createdAt),
        asc(treatmentCourses.id),
      ),
    // Dosing sessions that went ahead: the first per course anchors the baseline; the completed
    // ones are counted towards response.
    db
      .select({
        patientId: sessions.patientId,
        courseId: sessions.courseId,
        status: sessions.status,
        start: sessionStart,
      })
      .from(sessions)
      .where(
        and(eq(sessions.kind, "dosing"), inArray(sessions.status, ["in_progress", "completed"])),
      ),
    // Every primary-instrument total; each patient's own instrument is picked below. Loading the
    // three scales for everyone costs a few rows and keeps the instrument rule in one place.
    db
      .select({
        patientId: assessments.patientId,
        instrument: assessments.instrument,
        administeredAt: assessments.administeredAt,
        total: assessments.total,
      })
      .from(assessments)
      .where(
        and(
          inArray(assessments.instrument, [...PRIMARY_INSTRUMENTS]),
          isNotNull(assessments.total),
        ),
      ),
  ]);

  const firstDosing = new Map<string, Date>();
  const completedByPatient = new Map<string, Date[]>();
  for (const row of dosingRows) {
    if (row.courseId !== null) {
      const first = firstDosing.get(row.courseId);
      if (first === undefined || row.start < first) firstDosing.set(row.courseId, row.start);
    }
    if (row.status === "completed") {
      completedByPatient.set(row.patientId, [
        ...(completedByPatient.get(row.patientId) ?? []),
        row.start,
      ]);
    }
  }
  const scoresByKey = new Map<string, ScoredAssessment[]>();
  for (const row of scoreRows) {
    if (row.total === null) continue;
    const key = `${row.patientId}|${row.instrument}`;
    scoresByKey.set(key, [
      ...(scoresByKey.get(key) ?? []),
      { administeredAt: row.administeredAt, total: row.total },
    ]);
  }

  const evaluations = indexCourses.map((course) => {
    const instrument = primaryInstrument(course.diagnosisCode);
    return evaluatePatient({
      patientId: course.patientId,
      diagnosisCode: course.diagnosisCode,
      diagnosisLabel: course.diagnosisLabel,
      instrument,
      protocol: course.protocol,
      firstDosingStart: firstDosing.get(course.courseId) ?? null,
      scores: scoresByKey.get(`${course.patientId}|${instrument}`) ?? [],
      completedDosingStarts: completedByPatient.get(course.patientId) ?? [],
    });
  });
  const summary = summariseOutcomes(evaluations);

  await recordAudit(db, {
    actor,
    action: "outcomes.read",
    entityType: "outcomes",
    outcome: "success",
    requestAddress: actor.requestAddress,
    detail: { patients: summary.patientsWithCourse, included: summary.included },
  });
  return summary;
}
