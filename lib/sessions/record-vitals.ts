import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, sql, type Placeholder } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { alerts, auditEvents, vitals } from "@/db/schema";
import { fixedStatement, insertWhen, placeholder } from "@/db/statements";
import { auditRowValues, boundAuditRow, type AuditEntry } from "@/lib/audit";
import type { ActorContext } from "@/lib/auth/authorize";
import { canAmendVitals } from "@/lib/auth/permissions";
import {
  evaluateVitalsAlerts,
  measurementsOf,
  minutesFromDose,
  validateVitals,
  type Alert,
  type VitalsInput,
} from "@/lib/clinical/vitals";
import {
  vitalsAmendSchema,
  vitalsInputSchema,
  type VitalsBody,
  type VitalsCreated,
} from "@/lib/api/session-schemas";
import { AppError, type FieldIssue } from "@/lib/errors";
import { requireStatus, withSessionWrite, type SessionChange } from "@/lib/sessions/bedside";
import { parseInput } from "@/lib/validation";

/** A reading may be entered a little after it was taken, never meaningfully in the future. */
const FUTURE_TOLERANCE_MS = 2 * 60_000;

export type RecordVitalsResult = VitalsCreated & { replayed: boolean };

function toVitalsInput(body: VitalsBody): VitalsInput {
  return measurementsOf({ ...body, moaas: body.sedationMoaas });
}

/** Implausible values are entry errors: 422 naming each field, nothing stored. */
function assertPlausible(input: VitalsInput): void {
  const problems = validateVitals(input);
  if (problems.length === 0) return;
  const details: FieldIssue[] = problems.map((p) => ({
    field: p.field === "moaas" ? "sedationMoaas" : p.field,
    message: p.message,
  }));
  throw new AppError(
    "unprocessable",
    details.map((d) => d.message.replace(/\.?$/, ".")).join(" "),
    details,
  );
}

function takenAtOf(body: VitalsBody, now: Date): Date {
  const takenAt = body.takenAt ? new Date(body.takenAt) : now;
  if (takenAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError("unprocessable", "The time taken cannot be in the future.", [
      { field: "takenAt", message: "in the future" },
    ]);
  }
  return takenAt;
}

async function storedAnswer(tx: Tx, vitalsId: string): Promise<VitalsCreated> {
  const [row] = await tx
    .select({ id: vitals.id, minutesFromDose: vitals.minutesFromDose })
    .from(vitals)
    .where(eq(vitals.id, vitalsId));
  if (!row) throw new AppError("not_found", "No such vitals entry.");
  const raised = await tx
    .select({
      code: alerts.code,
      level: alerts.level,
      value: alerts.value,
      threshold: alerts.threshold,
      message: alerts.message,
    })
    .from(alerts)
    .where(eq(alerts.vitalsId, vitalsId));
  return {
    id: row.id,
    minutesFromDose: row.minutesFromDose,
    alerts: raised.map((a) => ({ ...a, code: a.code as Alert["code"] })),
  };
}

type StoredReading = { id: string; minutesFromDose: number | null; alerts: Alert[] };

/**
 * One vitals row, the alerts its values fire and the success audit row, in one fixed statement:
 * the alerts and the audit row are written only when the reading is (a retry with the same key
 * inserts nothing and answers no row). The alerts come as one JSON array, so entries firing any
 * number of them share the statement's text.
 */
const insertReadingStatement = fixedStatement((db) => {
  const bound = (name: string): Placeholder => sql.placeholder(name);
  const insertVitals = db
    .insert(vitals)
    .values({
      id: bound("id"),
      sessionId: bound("sessionId"),
      takenAt: bound("takenAt"),
      minutesFromDose: bound("minutesFromDose"),
      systolic: bound("systolic"),
      diastolic: bound("diastolic"),
      heartRate: bound("heartRate"),
      spo2: bound("spo2"),
      respiratoryRate: bound("respiratoryRate"),
      temperatureC: bound("temperatureC"),
      moaas: bound("moaas"),
      recordedBy: bound("recordedBy"),
      idempotencyKey: bound("idempotencyKey"),
      supersedesId: bound("supersedesId"),
      amendReason: bound("amendReason"),
    })
    .onConflictDoNothing({ target: [vitals.sessionId, vitals.idempotencyKey] })
    .returning({ id: vitals.id, sessionId: vitals.sessionId, takenAt: vitals.takenAt });
  const alertColumns = [
    alerts.sessionId,
    alerts.vitalsId,
    alerts.code,
    alerts.level,
    alerts.message,
    alerts.value,
    alerts.threshold,
    alerts.raisedAt,
  ].map((column) => sql.identifier(column.name));
  const inserted = sql`inserted`;
  return sql`with inserted as ${insertVitals},
    raised as (
      insert into ${alerts} (${sql.join(alertColumns, sql`, `)})
      select inserted.session_id, inserted.id, a.code, a.level::${sql.raw(alerts.level.getSQLType())},
        a.message, a.value, a.threshold, inserted.taken_at
      from inserted,
        jsonb_to_recordset(${placeholder("alerts")}::jsonb)
          as a(code text, level text, message text, value text, threshold text)
    ),
    audited as (${insertWhen(auditEvents, [boundAuditRow()], inserted)})
    select id from inserted`;
});

/**
 * Inserts one vitals row with the alerts its values fire against the pre-dose baseline, and the
 * success audit row (see insertReadingStatement). Answers null when a retry with the same key
 * stored nothing.
 */
async function insertReading(
  tx: Tx,
  session: Parameters<SessionChange<unknown>>[1],
  actor: ActorContext,
  input: VitalsInput,
  takenAt: Date,
  extra: { idempotencyKey?: string | null; supersedesId?: string; amendReason?: string },
  audit: (reading: StoredReading) => typeof auditEvents.$inferInsert,
): Promise<StoredReading | null> {
  const context = session.reading;
  if (!context) throw new Error("A vitals entry needs the session's reading context.");
  const minutes = minutesFromDose(takenAt, context.doseStartedAt);
  // bp-rise compares post-dose readings with the last reading before the dose.
  const fired = evaluateVitalsAlerts(input, minutes === null ? null : context.baseline);
  const id = randomUUID();
  const stored: StoredReading = { id, minutesFromDose: minutes, alerts: fired };
  const rows = await insertReadingStatement(tx, {
    id,
    sessionId: session.id,
    takenAt,
    minutesFromDose: minutes,
    ...measurementsOf(input),
    recordedBy: actor.id,
    idempotencyKey: extra.idempotencyKey ?? null,
    supersedesId: extra.supersedesId ?? null,
    amendReason: extra.amendReason ?? null,
    alerts: JSON.stringify(
      fired.map(({ code, level, message, value, threshold }) => ({
        code,
        level,
        message,
        value,
        threshold,
      })),
    ),
    ...auditRowValues(audit(stored)),
  });
  return rows.length > 0 ? stored : null;
}

/**
 * Records a vitals check at the chair. With an idempotency key, a retried request returns
 * the first answer and stores nothing new, so a bedside client may retry freely.
 */
export async function recordVitals(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  body: VitalsBody,
  options: { idempotencyKey: string | null; now?: Date },
): Promise<RecordVitalsResult> {
  const now = options.now ?? new Date();
  return withSessionWrite<RecordVitalsResult>(
    db,
    actor,
    sessionId,
    "bedside:record",
    "vitals.record",
    async (tx, session, auditRow) => {
      const input = toVitalsInput(parseInput(vitalsInputSchema, body));
      const key = options.idempotencyKey;
      const replay = async (): Promise<{
        result: RecordVitalsResult;
        audit: Partial<AuditEntry>;
      } | null> => {
        if (!key) return null;
        const [existing] = await tx
          .select({ id: vitals.id })
          .from(vitals)
          .where(and(eq(vitals.sessionId, sessionId), eq(vitals.idempotencyKey, key)));
        if (!existing) return null;
        const answer = await storedAnswer(tx, existing.id);
        return {
          result: { ...answer, replayed: true },
          audit: { entityType: "vitals", entityId: existing.id, detail: { replayed: true } },
        };
      };
      // The first attempt goes straight to the insert, whose unique key on (session, key)
      // tells a retry apart; only a retry, or an entry that is refused, looks up the first
      // answer — which a retry gets even if the session has ended or the body differs since.
      let stored: Awaited<ReturnType<typeof insertReading>>;
      try {
        requireStatus(session, ["checked_in", "in_progress"], "record vitals");
        assertPlausible(input);
        const takenAt = takenAtOf(body, now);
        stored = await insertReading(
          tx,
          session,
          actor,
          input,
          takenAt,
          { idempotencyKey: key },
          (reading) => auditRow(recordedAudit(reading)),
        );
      } catch (error) {
        const earlier = error instanceof AppError ? await replay() : null;
        if (earlier) return earlier;
        throw error;
      }
      if (!stored) {
        // Another request with the same key won the race: answer as it did.
        const raced = await replay();
        if (raced) return raced;
        throw new AppError("conflict", "The entry could not be stored; try again.");
      }
      return { result: { ...stored, replayed: false }, audit: "recorded" };
    },
    { reading: {} },
  );
}

function recordedAudit(reading: StoredReading): Partial<AuditEntry> {
  return {
    entityType: "vitals",
    entityId: reading.id,
    detail: { alerts: reading.alerts.map((a) => a.code) },
  };
}

/**
 * Corrects a vitals row: the correction is a new row pointing at the old one, which stays
 * visible as superseded. The old row's open alerts are closed, as they came from an error.
 */
export async function amendVitals(
  db: Db,
  actor: ActorContext,
  sessionId: string,
  vitalsId: string,
  body: VitalsBody & { reason: string },
  now: Date = new Date(),
): Promise<VitalsCreated> {
  return withSessionWrite(
    db,
    actor,
    sessionId,
    "vitals:amend",
    "vitals.amend",
    async (tx, session, auditRow) => {
      const parsed = parseInput(vitalsAmendSchema, body);
      const input = toVitalsInput(parsed);
      const [original] = await tx
        .select()
        .from(vitals)
        .where(and(eq(vitals.id, vitalsId), eq(vitals.sessionId, sessionId)));
      if (!original) throw new AppError("not_found", "No such vitals entry in this session.");
      if (!canAmendVitals(actor, original)) {
        throw new AppError("forbidden", "Nurses may correct only the vitals they recorded.");
      }
      const [newer] = await tx
        .select({ id: vitals.id })
        .from(vitals)
        .where(eq(vitals.supersedesId, vitalsId));
      if (newer) {
        throw new AppError(
          "conflict",
          "This entry has already been corrected; amend the correction.",
        );
      }
      requireStatus(session, ["checked_in", "in_progress", "completed"], "amend vitals");
      assertPlausible(input);
      const takenAt = parsed.takenAt ? takenAtOf(parsed, now) : original.takenAt;
      const amendAudit = (reading: StoredReading): Partial<AuditEntry> => ({
        entityType: "vitals",
        entityId: reading.id,
        detail: { supersedes: vitalsId, reason: parsed.reason },
      });
      const stored = await insertReading(
        tx,
        session,
        actor,
        input,
        takenAt,
        { supersedesId: vitalsId, amendReason: parsed.reason },
        (reading) => auditRow(amendAudit(reading)),
      );
      if (!stored) throw new AppError("conflict", "The correction could not be stored; try again.");
      await tx
        .update(alerts)
        .set({ acknowledgedAt: now, acknowledgedBy: actor.id })
        .where(and(eq(alerts.vitalsId, vitalsId), isNull(alerts.acknowledgedAt)));
      return {
        result: { id: stored.id, minutesFromDose: stored.minutesFromDose, alerts: stored.alerts },
        audit: "recorded",
      };
    },
    { reading: { excluding: vitalsId } },
  );
}

/** Alerts of several vitals rows, grouped by row. */
export async function alertsByVitals(
  db: Db | Tx,
  vitalsIds: string[],
): Promise<Map<string, Alert[]>> {
  const byRow = new Map<string, Alert[]>();
  if (vitalsIds.length === 0) return byRow;
  const rows = await db
    .select({
      vitalsId: alerts.vitalsId,
      code: alerts.code,
      level: alerts.level,
      value: alerts.value,
      threshold: alerts.threshold,
      message: alerts.message,
    })
    .from(alerts)
    .where(inArray(alerts.vitalsId, vitalsIds));
  for (const { vitalsId, ...alert } of rows) {
    if (!vitalsId) continue;
    byRow.set(vitalsId, [
      ...(byRow.get(vitalsId) ?? []),
      { ...alert, code: alert.code as Alert["code"] },
    ]);
  }
  return byRow;
}
