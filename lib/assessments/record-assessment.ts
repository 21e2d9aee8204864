import "server-only";
import { and, desc, eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import { assessments, patients, sessions, users, type Assessment } from "@/db/schema";
import {
  assessmentInputSchema,
  canRecordInstrument,
  isAssessmentFlag,
  type AssessmentEntry,
  type AssessmentInput,
  type AssessmentListQuery,
  type AssessmentRecorded,
} from "@/lib/assessments/assessment-schemas";
import { recordAudit, type AuditEntry } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import type { Capability } from "@/lib/auth/permissions";
import {
  CSSRS_RISKS,
  INSTRUMENTS,
  isInstrumentCode,
  scoreAssessment,
  type CssrsRisk,
  type InstrumentCode,
} from "@/lib/clinical/instruments";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { clinicDateKey } from "@/lib/format";
import { parseInput } from "@/lib/validation";

/** A tablet's clock may run a little ahead of the server's. */
const FUTURE_TOLERANCE_MS = 2 * 60_000;

const isUuid = (value: string): boolean => z.uuid().safeParse(value).success;

type PatientForWrite = { id: string; dateOfBirth: string };

/**
 * Runs one write about a patient, as `withSessionWrite` does for a session: checks the
 * capability (audited when refused), then in one transaction loads the patient — locked, so that
 * two retries with the same Idempotency-Key cannot both insert — runs the change and appends its
 * audit row. A refusal inside leaves exactly one audit row, written after the rollback.
 */
async function withPatientWrite<T>(
  db: Db,
  actor: ActorContext,
  patientId: string,
  capability: Capability,
  action: string,
  change: (tx: Tx, patient: PatientForWrite) => Promise<{ result: T; audit: Partial<AuditEntry> }>,
): Promise<T> {
  const validId = isUuid(patientId);
  await authorize(db, actor, capability, {
    action,
    entityType: "patient",
    entityId: patientId,
    patientId: validId ? patientId : null,
  });
  let patientKnown = false;
  try {
    return await db.transaction(async (tx) => {
      const patient = validId ? await loadPatientForUpdate(tx, patientId) : null;
      if (!patient) throw new AppError("not_found", "No such patient.");
      patientKnown = true;
      const { result, audit } = await change(tx, patient);
      await recordAudit(tx, {
        actor,
        action,
        entityType: "patient",
        entityId: patientId,
        patientId,
        outcome: "success",
        requestAddress: actor.requestAddress,
        ...audit,
      });
      return result;
    });
  } catch (error) {
    if (error instanceof AppError) {
      await recordAudit(db, {
        actor,
        action,
        entityType: "patient",
        entityId: patientId,
        patientId: patientKnown ? patientId : null,
        outcome: error.code === "forbidden" ? "denied" : "failure",
        requestAddress: actor.requestAddress,
        detail: { code: error.code, message: error.message },
      });
    }
    throw error;
  }
}

async function loadPatientForUpdate(tx: Tx, patientId: string): Promise<PatientForWrite | null> {
  // "no key update" serialises writers without blocking foreign-key checks of other tables.
  const [row] = await tx
    .select({ id: patients.id, dateOfBirth: patients.dateOfBirth })
    .from(patients)
    .where(eq(patients.id, patientId))
    .for("no key update");
  return row ?? null;
}

function riskOf(instrument: InstrumentCode, band: string | null): CssrsRisk | null {
  if (instrument !== "C-SSRS") return null;
  return CSSRS_RISKS.find((risk) => risk === band) ?? null;
}

function instrumentOf(row: Pick<Assessment, "id" | "instrument">): InstrumentCode {
  // Only this module writes the column, from the enum: anything else is corrupt data, and
  // a clinician must not be shown a list that silently leaves a scale out.
  if (!isInstrumentCode(row.instrument)) {
    throw new Error(`Assessment ${row.id} has an unknown instrument ${row.instrument}`);
  }
  return row.instrument;
}

function recordedFrom(
  row: Pick<Assessment, "id" | "instrument" | "total" | "band" | "flags">,
): AssessmentRecorded {
  const instrument = instrumentOf(row);
  const risk = riskOf(instrument, row.band);
  return {
    id: row.id,
    instrument,
    total: row.total,
    severity: row.band,
    flags: row.flags.filter(isAssessmentFlag),
    ...(risk ? { risk } : {}),
  };
}

function administeredAtFor(iso: string | undefined, now: Date, dateOfBirth: string): Date {
  if (!iso) return now;
  const at = new Date(iso);
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError("unprocessable", "The administered time cannot be in the future.", [
      { field: "administeredAt", message: "in the future" },
    ]);
  }
  // Compared as clinic calendar dates: a date of birth has no time of day.
  if (clinicDateKey(at, config().clinicTimeZone) < dateOfBirth) {
    throw new AppError(
      "unprocessable",
      "The administered time is before the patient's date of birth.",
      [{ field: "administeredAt", message: "before date of birth" }],
    );
  }
  return at;
}

async function requirePatientSession(tx: Tx, patientId: string, sessionId: string): Promise<void> {
  const [session] = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.patientId, patientId)));
  if (!session) {
    throw new AppError("not_found", "No such session for this patient.", [
      { field: "sessionId", message: "not this patient's session" },
    ]);
  }
}

/**
 * Records one symptom scale, answered item by item. The total, band, flags and C-SSRS risk come
 * from the instrument rules; an answer set they reject is refused (422) and nothing is stored.
 * Replaying an Idempotency-Key returns the first answer and stores nothing new.
 */
export async function recordAssessment(
  db: Db,
  actor: ActorContext,
  patientId: string,
  rawInput: AssessmentInput,
  options: { idempotencyKey: string | null; now?: Date },
): Promise<AssessmentRecorded & { replayed: boolean }> {
  const now = options.now ?? new Date();
  return withPatientWrite<AssessmentRecorded & { replayed: boolean }>(
    db,
    actor,
    patientId,
    "assessments:record",
    "assessment.record",
    async (tx, patient) => {
      const input = parseInput(assessmentInputSchema, rawInput);
      const def = INSTRUMENTS[input.instrument];
      if (!canRecordInstrument(actor.role, input.instrument)) {
        throw new AppError(
          "forbidden",
          `${def.code} is clinician-rated: a psychiatrist records it. Nurses enter self-report scales, the CADSS and the C-SSRS screener.`,
        );
      }
      if (options.idempotencyKey) {
        const [earlier] = await tx
          .select()
          .from(assessments)
          .where(
            and(
              eq(assessments.patientId, patient.id),
              eq(assessments.idempotencyKey, options.idempotencyKey),
            ),
          );
        if (earlier) {
          return {
            result: { ...recordedFrom(earlier), replayed: true },
            audit: { entityType: "assessment", entityId: earlier.id, detail: { replayed: true } },
          };
        }
      }
      const outcome = scoreAssessment(input.instrument, input.items);
      if (!outcome.ok) {
        throw new AppError(
          "unprocessable",
          outcome.errors.join(" "),
          outcome.errors.map((message) => ({ field: "items", message })),
        );
      }
      const administeredAt = administeredAtFor(input.administeredAt, now, patient.dateOfBirth);
      if (input.sessionId) await requirePatientSession(tx, patient.id, input.sessionId);
      const { score } = outcome;
      const [row] = await tx
        .insert(assessments)
        .values({
          patientId: patient.id,
          sessionId: input.sessionId ?? null,
          instrument: input.instrument,
          administeredAt,
          answers: input.items,
          total: score.total,
          band: score.band,
          flags: score.flags,
          rater: def.rater,
          idempotencyKey: options.idempotencyKey,
          enteredBy: actor.id,
        })
        .returning();
      if (!row) throw new AppError("conflict", "The assessment could not be stored; try again.");
      return {
        result: { ...recordedFrom(row), replayed: false },
        audit: {
          entityType: "assessment",
          entityId: row.id,
          detail: {
            instrument: input.instrument,
            total: score.total,
            band: score.band,
            flags: score.flags,
          },
        },
      };
    },
  );
}

/** A patient's assessments, newest first, optionally of one instrument. The read is audited. */
export async function listAssessments(
  db: Db,
  actor: ActorContext,
  patientId: string,
  query: AssessmentListQuery = {},
): Promise<AssessmentEntry[]> {
  const validId = isUuid(patientId);
  const attempt = {
    action: "assessment.list",
    entityType: "patient",
    entityId: patientId,
    patientId: validId ? patientId : null,
  };
  await authorize(db, actor, "clinical:read", attempt);
  const [patient] = validId
    ? await db.select({ id: patients.id }).from(patients).where(eq(patients.id, patientId))
    : [];
  if (!patient) {
    await recordAudit(db, {
      actor,
      ...attempt,
      patientId: null,
      outcome: "failure",
      requestAddress: actor.requestAddress,
      detail: { code: "not_found" },
    });
    throw new AppError("not_found", "No such patient.");
  }
  const entries = await loadAssessments(db, patientId, query);
  await recordAudit(db, {
    actor,
    ...attempt,
    outcome: "success",
    requestAddress: actor.requestAddress,
    detail: { instrument: query.instrument ?? null, count: entries.length },
  });
  return entries;
}

/**
 * The assessments of a patient known to exist, newest first, optionally of one instrument;
 * the caller authorizes and audits.
 */
export async function loadAssessments(
  db: Db,
  patientId: string,
  query: AssessmentListQuery = {},
): Promise<AssessmentEntry[]> {
  const rows = await db
    .select({ assessment: assessments, enteredByName: users.name })
    .from(assessments)
    .innerJoin(users, eq(users.id, assessments.enteredBy))
    .where(
      and(
        eq(assessments.patientId, patientId),
        query.instrument ? eq(assessments.instrument, query.instrument) : undefined,
      ),
    )
    .orderBy(desc(assessments.administeredAt), desc(assessments.createdAt));
  return rows.map(({ assessment: a, enteredByName }) =>
    assessmentEntry({ ...a, administeredAt: a.administeredAt.toISOString(), enteredByName }),
  );
}

/** One assessment as a list shows it; the time as an ISO string. */
export type AssessmentJson = Pick<
  Assessment,
  "id" | "instrument" | "total" | "band" | "flags" | "rater" | "answers" | "sessionId"
> & { administeredAt: string; enteredByName: string };

export function assessmentEntry(a: AssessmentJson): AssessmentEntry {
  const instrument = instrumentOf(a);
  return {
    id: a.id,
    instrument,
    administeredAt: new Date(a.administeredAt).toISOString(),
    total: a.total,
    severity: a.band,
    flags: a.flags.filter(isAssessmentFlag),
    risk: riskOf(instrument, a.band),
    rater: a.rater,
    answers: a.answers,
    enteredByName: a.enteredByName,
    sessionId: a.sessionId,
  };
}

/**
 * Every assessment of a patient, newest first, as a JSON array (AssessmentJson): a subquery for
 * a read that takes the whole record in one statement.
 */
export function assessmentsJson(patientId: SQLWrapper): SQL {
  return sql`(
    select json_agg(json_build_object('id', a.id, 'instrument', a.instrument,
      'administeredAt', a.administered_at, 'total', a.total, 'band', a.band, 'flags', a.flags,
      'rater', a.rater, 'answers', a.answers, 'sessionId', a.session_id, 'enteredByName', u.name)
      order by a.administered_at desc, a.created_at desc)
    from ${assessments} as a join ${users} as u on u.id = a.entered_by
    where a.patient_id = ${patientId})`;
}
