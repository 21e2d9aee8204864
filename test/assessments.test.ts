/**
 * Symptom scales entered item by item, end to end against a real database (no mocks): each
 * instrument scored by its rules, every refusal leaving nothing stored and exactly one audit row,
 * idempotent retries and the patient's list. Each test works on its own freshly registered
 * patient, so tests do not depend on one another's data or on the demo clinic's scores.
 */
import { and, count, eq, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbHandle } from "@/db/client";
import { assessments, patients, sessions, users, type Role } from "@/db/schema";
import { seedDemoClinic } from "@/db/seed/demo-clinic";
import type { AssessmentInput } from "@/lib/assessments/assessment-schemas";
import { listAssessments, recordAssessment } from "@/lib/assessments/record-assessment";
import type { AppError, ErrorCode } from "@/lib/errors";
import { expectOneAuditRow, lastAuditId, refusedWith, type AuditRow } from "./audit-trail";
import { ENGINES, freshDatabase } from "./databases";

const TZ = "America/New_York";
const NOW = new Date("2026-03-11T15:30:00Z");
const DATE_OF_BIRTH = "1984-06-02";
const minutesAgo = (minutes: number): Date => new Date(NOW.getTime() - minutes * 60_000);

type Actor = { id: string; role: Role; requestAddress: string };

// Realistic answer sets, with what the instrument rules make of them.
const PHQ9_MODERATE_ITEM9 = [2, 2, 1, 2, 1, 1, 1, 1, 1]; // 12, item 9 "several days"
const PHQ9_MILD = [1, 2, 1, 1, 0, 1, 1, 0, 0]; // 7
const GAD7_MODERATE = [2, 2, 2, 1, 1, 2, 1]; // 11
const PCL5_PROBABLE = [3, 2, 2, 3, 2, 3, 2, 1, 2, 3, 2, 2, 3, 1, 2, 0, 3, 3, 2, 2]; // 43
const MADRS_MODERATE = [4, 4, 3, 4, 2, 3, 3, 4, 3, 2]; // 32, item 10 = 2
// Raw sum 21, but QIDS sums nine domains (max of sleep 1–4, appetite 6–9, psychomotor 15–16).
const QIDS_SEVERE = [2, 1, 3, 0, 2, 1, 0, 2, 0, 2, 1, 0, 2, 2, 1, 2]; // 16
const CADSS_AFTER_DOSE = [1, 2, 0, 1, 2, 1, 0, 0, 1, 1, 2, 0, 1, 0, 0, 1, 2, 1, 0, 0, 1, 0, 1]; // 18

describe.each(ENGINES)("symptom scale recording on %s", (engine) => {
  let handle: DbHandle;
  let db: Db;
  const actors: Record<"psychiatrist" | "nurse" | "admin", Actor> = {
    psychiatrist: { id: "", role: "psychiatrist", requestAddress: "10.0.4.11" },
    nurse: { id: "", role: "nurse", requestAddress: "10.0.4.21" },
    admin: { id: "", role: "admin", requestAddress: "10.0.4.31" },
  };
  let registered = 0;

  beforeAll(async () => {
    handle = await freshDatabase(engine);
    db = handle.db;
    await seedDemoClinic(db, { now: NOW, timeZone: TZ });
    for (const role of ["psychiatrist", "nurse", "admin"] as const) {
      const [row] = await db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, `${role}@demo.kapstone.test`));
      if (!row) throw new Error(`seed has no ${role}`);
      actors[role].id = row.id;
    }
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function newPatient(): Promise<string> {
    registered += 1;
    const [row] = await db
      .insert(patients)
      .values({
        mrn: `ASMT-${engine}-${registered}`,
        givenName: "Dana",
        familyName: `Okafor-${registered}`,
        dateOfBirth: DATE_OF_BIRTH,
        sex: "female",
        diagnosisCode: "F33.2",
        diagnosisLabel: "Major depressive disorder, recurrent, severe without psychotic features",
        psychiatristId: actors.psychiatrist.id,
        status: "active",
      })
      .returning({ id: patients.id });
    if (!row) throw new Error("patient not inserted");
    return row.id;
  }

  async function sessionOf(patientId: string): Promise<string> {
    const [row] = await db
      .insert(sessions)
      .values({
        patientId,
        kind: "follow_up",
        scheduledStart: minutesAgo(60),
        scheduledEnd: minutesAgo(30),
        psychiatristId: actors.psychiatrist.id,
      })
      .returning({ id: sessions.id });
    if (!row) throw new Error("session not inserted");
    return row.id;
  }

  function record(
    actor: Actor,
    patientId: string,
    input: AssessmentInput,
    key: string | null = null,
  ): ReturnType<typeof recordAssessment> {
    return recordAssessment(db, actor, patientId, input, { idempotencyKey: key, now: NOW });
  }

  async function storedFor(patientId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(assessments)
      .where(eq(assessments.patientId, patientId));
    return row?.n ?? 0;
  }

  /** A refused entry: the given error, nothing stored and exactly one audit row. */
  async function refused(
    code: ErrorCode,
    patientId: string,
    call: () => Promise<unknown>,
  ): Promise<[AppError, AuditRow]> {
    const [error, audit] = await refusedWith(db, code, call, {
      unchanged: () => storedFor(patientId),
    });
    expect(audit.action).toBe("assessment.record");
    return [error, audit];
  }

  it("scores every instrument by its rules and stores the answers with who entered them", async () => {
    const patientId = await newPatient();
    const cases: [Actor, AssessmentInput, Record<string, unknown>][] = [
      [
        actors.nurse,
        { instrument: "PHQ-9", items: PHQ9_MODERATE_ITEM9 },
        { total: 12, severity: "moderate", flags: ["suicidal-ideation"] },
      ],
      [
        actors.nurse,
        { instrument: "GAD-7", items: GAD7_MODERATE },
        { total: 11, severity: "moderate", flags: [] },
      ],
      [
        actors.nurse,
        { instrument: "PCL-5", items: PCL5_PROBABLE },
        { total: 43, severity: "probable PTSD", flags: ["dsm5-pattern"] },
      ],
      [
        actors.psychiatrist,
        { instrument: "MADRS", items: MADRS_MODERATE },
        { total: 32, severity: "moderate", flags: ["suicidal-ideation"] },
      ],
      [
        actors.nurse,
        { instrument: "QIDS-SR16", items: QIDS_SEVERE },
        { total: 16, severity: "severe", flags: [] },
      ],
      [
        actors.nurse,
        { instrument: "CADSS", items: CADSS_AFTER_DOSE },
        { total: 18, severity: null, flags: [] },
      ],
      [
        actors.nurse,
        { instrument: "C-SSRS", items: [1, 1, 1, 0, 0, 0, 0] },
        { total: null, severity: "moderate", risk: "moderate", flags: ["suicide-risk"] },
      ],
      [
        actors.psychiatrist,
        { instrument: "C-SSRS", items: [1, 1, 0, 0, 0, 1, 1] },
        { total: null, severity: "high", risk: "high", flags: ["suicide-risk"] },
      ],
      [
        actors.nurse,
        { instrument: "C-SSRS", items: [1, 0, 0, 0, 0, 0, 0] },
        { total: null, severity: "low", risk: "low", flags: [] },
      ],
    ];
    for (const [actor, input, expected] of cases) {
      const mark = await lastAuditId(db);
      const result = await record(actor, patientId, input);
      expect(result, input.instrument).toEqual({
        id: expect.any(String),
        instrument: input.instrument,
        replayed: false,
        ...expected,
      });
      const audit = await expectOneAuditRow(db, mark);
      expect(audit).toMatchObject({
        action: "assessment.record",
        entityType: "assessment",
        entityId: result.id,
        patientId,
        actorId: actor.id,
        outcome: "success",
        requestAddress: actor.requestAddress,
      });
      const [row] = await db.select().from(assessments).where(eq(assessments.id, result.id));
      expect(row).toMatchObject({
        patientId,
        sessionId: null,
        administeredAt: NOW,
        answers: input.items,
        enteredBy: actor.id,
        rater: ["PHQ-9", "GAD-7", "PCL-5", "QIDS-SR16"].includes(input.instrument)
          ? "self"
          : "clinician",
      });
    }
    expect(await storedFor(patientId)).toBe(cases.length);
  });

  it("links a scale to the patient's own session and keeps a chosen administered time", async () => {
    const patientId = await newPatient();
    const sessionId = await sessionOf(patientId);
    const administeredAt = minutesAgo(45).toISOString();
    const result = await record(actors.nurse, patientId, {
      instrument: "PHQ-9",
      items: PHQ9_MILD,
      administeredAt,
      sessionId,
    });
    expect(result).toMatchObject({ total: 7, severity: "mild", flags: [] });
    const [row] = await db.select().from(assessments).where(eq(assessments.id, result.id));
    expect(row).toMatchObject({ sessionId, administeredAt: new Date(administeredAt) });
    // A tablet clock a minute ahead is within the tolerance.
    const ahead = new Date(NOW.getTime() + 60_000).toISOString();
    const later = await record(actors.nurse, patientId, {
      instrument: "GAD-7",
      items: GAD7_MODERATE,
      administeredAt: ahead,
    });
    expect(later.total).toBe(11);
  });

  it("refuses answer sets the rules reject, naming what is wrong, and stores nothing", async () => {
    const patientId = await newPatient();
    const [count8] = await refused("unprocessable", patientId, () =>
      record(actors.nurse, patientId, { instrument: "PHQ-9", items: [1, 2, 1, 1, 0, 1, 1, 0] }),
    );
    expect(count8.details).toEqual([{ field: "items", message: "PHQ-9 needs 9 answers, got 8" }]);

    const [range] = await refused("unprocessable", patientId, () =>
      record(actors.nurse, patientId, { instrument: "GAD-7", items: [2, 2, 4, 1, 1, 2, 1] }),
    );
    expect(range.details).toEqual([
      { field: "items", message: "GAD-7 item 3 must be an integer from 0 to 3 (got 4)" },
    ]);

    const [fraction] = await refused("unprocessable", patientId, () =>
      record(actors.psychiatrist, patientId, {
        instrument: "MADRS",
        items: [4, 4, 3, 4, 2.5, 3, 3, 4, 3, 2],
      }),
    );
    expect(fraction.message).toContain("MADRS item 5");

    const [skip] = await refused("unprocessable", patientId, () =>
      record(actors.nurse, patientId, { instrument: "C-SSRS", items: [1, 0, 1, 0, 0, 0, 0] }),
    );
    expect(skip.message).toBe("C-SSRS Q3 is answered yes but is asked only when Q2 is yes");

    const [recent] = await refused("unprocessable", patientId, () =>
      record(actors.nurse, patientId, { instrument: "C-SSRS", items: [0, 0, 0, 0, 0, 0, 1] }),
    );
    expect(recent.message).toContain("Q6 within 3 months");

    const [malformed, malformedAudit] = await refused("bad_request", patientId, () =>
      record(actors.nurse, patientId, { instrument: "BDI-II" as "PHQ-9", items: PHQ9_MILD }),
    );
    expect(malformed.details?.map((d) => d.field)).toEqual(["instrument"]);
    expect(malformedAudit.patientId).toBe(patientId);
  });

  it("refuses an administered time in the future or before the date of birth", async () => {
    const patientId = await newPatient();
    const [future] = await refused("unprocessable", patientId, () =>
      record(actors.nurse, patientId, {
        instrument: "PHQ-9",
        items: PHQ9_MILD,
        administeredAt: new Date(NOW.getTime() + 10 * 60_000).toISOString(),
      }),
    );
    expect(future.details).toEqual([{ field: "administeredAt", message: "in the future" }]);
    const [unborn] = await refused("unprocessable", patientId, () =>
      record(actors.nurse, patientId, {
        instrument: "PHQ-9",
        items: PHQ9_MILD,
        administeredAt: "1984-06-01T15:00:00Z",
      }),
    );
    expect(unborn.details).toEqual([{ field: "administeredAt", message: "before date of birth" }]);
  });

  it("refuses another patient's session, an unknown session and an unknown patient (404)", async () => {
    const patientId = await newPatient();
    const [elsewhere] = await db
      .select({ id: sessions.id })
      .from(sessions)
      .where(ne(sessions.patientId, patientId))
      .limit(1);
    if (!elsewhere) throw new Error("the demo clinic has no sessions");
    for (const sessionId of [elsewhere.id, "6f1d3c2a-0000-4000-8000-000000000000"]) {
      const [error, audit] = await refused("not_found", patientId, () =>
        record(actors.nurse, patientId, { instrument: "GAD-7", items: GAD7_MODERATE, sessionId }),
      );
      expect(error.details).toEqual([
        { field: "sessionId", message: "not this patient's session" },
      ]);
      expect(audit.patientId).toBe(patientId);
    }
    const ghost = "0b9e7a51-1111-4222-8333-444455556666";
    const [, ghostAudit] = await refused("not_found", ghost, () =>
      record(actors.nurse, ghost, { instrument: "GAD-7", items: GAD7_MODERATE }),
    );
    expect(ghostAudit).toMatchObject({ entityType: "patient", entityId: ghost, patientId: null });
  });

  it("denies an admin, and a nurse entering the clinician-rated MADRS (403, audited)", async () => {
    const patientId = await newPatient();
    const [, adminAudit] = await refused("forbidden", patientId, () =>
      record(actors.admin, patientId, { instrument: "PHQ-9", items: PHQ9_MILD }),
    );
    expect(adminAudit).toMatchObject({ actorId: actors.admin.id, patientId });
    const [madrs, nurseAudit] = await refused("forbidden", patientId, () =>
      record(actors.nurse, patientId, { instrument: "MADRS", items: MADRS_MODERATE }),
    );
    expect(madrs.message).toMatch(/^MADRS is clinician-rated/);
    expect(nurseAudit).toMatchObject({ actorId: actors.nurse.id, patientId });
  });

  it("replays an Idempotency-Key with the first answer and stores nothing new", async () => {
    const patientId = await newPatient();
    const key = "tablet-7f3a9c21-phq9";
    const first = await record(
      actors.nurse,
      patientId,
      { instrument: "PHQ-9", items: PHQ9_MODERATE_ITEM9 },
      key,
    );
    const mark = await lastAuditId(db);
    // A retry after a lost answer; even a changed body gets the first answer back.
    const replay = await record(
      actors.nurse,
      patientId,
      { instrument: "PHQ-9", items: PHQ9_MILD },
      key,
    );
    expect(replay).toEqual({ ...first, replayed: true });
    expect(await storedFor(patientId)).toBe(1);
    expect(await expectOneAuditRow(db, mark)).toMatchObject({
      outcome: "success",
      entityId: first.id,
      detail: { replayed: true },
    });
    // The key is per patient: another patient's entry with it is a new one.
    const other = await newPatient();
    const elsewhere = await record(
      actors.nurse,
      other,
      { instrument: "GAD-7", items: GAD7_MODERATE },
      key,
    );
    expect(elsewhere).toMatchObject({ replayed: false, total: 11 });
    const cssrs = await record(
      actors.nurse,
      other,
      { instrument: "C-SSRS", items: [1, 1, 1, 0, 0, 0, 0] },
      "tablet-cssrs-01",
    );
    const cssrsReplay = await record(
      actors.nurse,
      other,
      { instrument: "C-SSRS", items: [0, 0, 0, 0, 0, 0, 0] },
      "tablet-cssrs-01",
    );
    expect(cssrsReplay).toEqual({ ...cssrs, replayed: true });
  });

  it("stores one entry when a tablet sends the same key twice at once", async () => {
    const patientId = await newPatient();
    const input: AssessmentInput = { instrument: "GAD-7", items: GAD7_MODERATE };
    // Open as many pooled connections as requests first, so that the three really overlap.
    await Promise.all([0, 1, 2].map(() => db.execute(sql`select 1`)));
    const results = await Promise.all(
      [0, 1, 2].map(() => record(actors.nurse, patientId, input, "tablet-double-tap-01")),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await storedFor(patientId)).toBe(1);
  });

  it("lists a patient's scales newest first, filtered by instrument, as an audited read", async () => {
    const patientId = await newPatient();
    const sessionId = await sessionOf(patientId);
    const at = (days: number): string => minutesAgo(days * 24 * 60).toISOString();
    await record(actors.nurse, patientId, {
      instrument: "PHQ-9",
      items: PHQ9_MODERATE_ITEM9,
      administeredAt: at(14),
    });
    await record(actors.psychiatrist, patientId, {
      instrument: "MADRS",
      items: MADRS_MODERATE,
      administeredAt: at(10),
    });
    await record(actors.nurse, patientId, {
      instrument: "PHQ-9",
      items: PHQ9_MILD,
      administeredAt: at(3),
      sessionId,
    });
    await record(actors.nurse, patientId, {
      instrument: "C-SSRS",
      items: [1, 0, 0, 0, 0, 0, 0],
      administeredAt: at(1),
    });

    const mark = await lastAuditId(db);
    const all = await listAssessments(db, actors.psychiatrist, patientId);
    expect(all.map((a) => [a.instrument, a.total])).toEqual([
      ["C-SSRS", null],
      ["PHQ-9", 7],
      ["MADRS", 32],
      ["PHQ-9", 12],
    ]);
    expect(await expectOneAuditRow(db, mark)).toMatchObject({
      action: "assessment.list",
      patientId,
      actorId: actors.psychiatrist.id,
      outcome: "success",
    });
    const [nurseName] = await db
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, actors.nurse.id));
    expect(all[0]).toMatchObject({ severity: "low", risk: "low", rater: "clinician", flags: [] });
    expect(all[1]).toEqual({
      id: expect.any(String),
      instrument: "PHQ-9",
      administeredAt: at(3),
      total: 7,
      severity: "mild",
      flags: [],
      risk: null,
      rater: "self",
      answers: PHQ9_MILD,
      enteredByName: nurseName?.name,
      sessionId,
    });

    const phq = await listAssessments(db, actors.nurse, patientId, { instrument: "PHQ-9" });
    expect(phq.map((a) => [a.administeredAt, a.severity, a.flags])).toEqual([
      [at(3), "mild", []],
      [at(14), "moderate", ["suicidal-ideation"]],
    ]);
    expect(await listAssessments(db, actors.nurse, patientId, { instrument: "PCL-5" })).toEqual([]);

    const denyMark = await lastAuditId(db);
    await expect(listAssessments(db, actors.admin, patientId)).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await expectOneAuditRow(db, denyMark)).toMatchObject({
      action: "assessment.list",
      outcome: "denied",
    });
    const ghostMark = await lastAuditId(db);
    await expect(
      listAssessments(db, actors.nurse, "0b9e7a51-1111-4222-8333-444455556666"),
    ).rejects.toMatchObject({ code: "not_found" });
    const ghostAudit = await expectOneAuditRow(db, ghostMark);
    expect(ghostAudit).toMatchObject({ action: "assessment.list", outcome: "failure" });
    const stored = await db
      .select({ n: count() })
      .from(assessments)
      .where(and(eq(assessments.patientId, patientId), eq(assessments.instrument, "PHQ-9")));
    expect(stored[0]?.n).toBe(2);
  });
});
