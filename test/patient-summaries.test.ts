import { asc, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { installPatientSummaries, staleSummaries } from "@/db/patient-summaries";
import {
  assessments,
  doseAdministrations,
  patients,
  patientSummaries,
  sessions,
  treatmentCourses,
  users,
} from "@/db/schema";
import { seedDemoClinic } from "@/db/seed/demo-clinic";
import { scoreAssessment } from "@/lib/clinical/instruments";
import { ENGINES, freshDatabase, postgresUrl } from "./databases";

const TZ = "America/New_York";
const NOW = new Date("2026-03-11T15:30:00Z");
const HOUR = 60 * 60_000;

/** PHQ-9 answers adding up to `total` (≤ 24); item 9 (suicidal thoughts) as given. */
function phq9(total: number, item9 = 0): number[] {
  let left = total - item9;
  const answers = Array.from({ length: 8 }, () => {
    const value = Math.min(3, left);
    left -= value;
    return value;
  });
  return [...answers, item9];
}

describe.each(ENGINES)("the patient list's summaries on %s", (engine) => {
  let handle: DbHandle;
  let staffId = "";

  beforeAll(async () => {
    handle = await freshDatabase(engine);
    await seedDemoClinic(handle.db, { now: NOW, timeZone: TZ });
    const [row] = await handle.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, "psychiatrist@demo.kapstone.test"));
    if (!row) throw new Error("no demo psychiatrist");
    staffId = row.id;
  });
  afterAll(async () => {
    await handle?.close();
  });

  const summaryOf = async (patientId: string) => {
    const [row] = await handle.db
      .select()
      .from(patientSummaries)
      .where(eq(patientSummaries.patientId, patientId));
    if (!row) throw new Error(`no summary for ${patientId}`);
    return row;
  };

  /** A PHQ-9 patient of the seed with at least one dosing session. */
  async function dosedPhq9Patient() {
    const rows = await handle.db
      .select({ patient: patients, session: sessions })
      .from(patients)
      .innerJoin(sessions, eq(sessions.patientId, patients.id))
      .innerJoin(doseAdministrations, eq(doseAdministrations.sessionId, sessions.id))
      .where(sql`${patients.diagnosisCode} like 'F3%'`)
      .orderBy(asc(patients.mrn))
      .limit(1);
    if (!rows[0]) throw new Error("seed has no dosed PHQ-9 patient");
    return rows[0];
  }

  async function addPhq9(patientId: string, total: number, item9 = 0, at = NOW) {
    const answers = phq9(total, item9);
    const outcome = scoreAssessment("PHQ-9", answers);
    if (!outcome.ok) throw new Error(outcome.errors.join("; "));
    const [row] = await handle.db
      .insert(assessments)
      .values({
        patientId,
        instrument: "PHQ-9",
        administeredAt: at,
        answers,
        total: outcome.score.total,
        band: outcome.score.band,
        flags: outcome.score.flags,
        rater: "self",
        enteredBy: staffId,
      })
      .returning();
    if (!row) throw new Error("no assessment stored");
    return row;
  }

  it("holds, for every seeded patient, what the list would work out on reading", async () => {
    const [{ n } = { n: 0 }] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(patientSummaries);
    const [{ m } = { m: 0 }] = await handle.db
      .select({ m: sql<number>`count(*)::int` })
      .from(patients);
    expect(n).toBe(m);
    expect(n).toBeGreaterThan(10);
    expect(await staleSummaries(handle.db)).toEqual([]);
  });

  it("follows an assessment written, corrected and deleted", async () => {
    const { patient } = await dosedPhq9Patient();
    const before = (await summaryOf(patient.id)).scores as unknown[];
    const added = await addPhq9(patient.id, 5, 2, new Date(NOW.getTime() + HOUR));
    let summary = await summaryOf(patient.id);
    expect((summary.scores as unknown[]).length).toBe(before.length + 1);
    expect((summary.scores as unknown[]).at(-1)).toEqual([expect.any(String), 5, "mild"]);
    expect(JSON.stringify(summary.flags)).toContain("suicidal-ideation");
    expect(await staleSummaries(handle.db)).toEqual([]);

    const calm = phq9(5, 0);
    await handle.db
      .update(assessments)
      .set({ answers: calm, flags: [] })
      .where(eq(assessments.id, added.id));
    summary = await summaryOf(patient.id);
    expect(JSON.stringify(summary.flags ?? [])).not.toContain("suicidal-ideation");
    expect(await staleSummaries(handle.db)).toEqual([]);

    await handle.db.delete(assessments).where(eq(assessments.id, added.id));
    expect((await summaryOf(patient.id)).scores).toEqual(before);
    expect(await staleSummaries(handle.db)).toEqual([]);
  });

  it("lists a patient's flags in the order of the safety instruments, as the list always has", async () => {
    const { patient } = await dosedPhq9Patient();
    await addPhq9(patient.id, 12, 1, new Date(NOW.getTime() + 2 * HOUR));
    const answers = [1, 1, 1, 1, 0, 0, 0];
    const outcome = scoreAssessment("C-SSRS", answers);
    if (!outcome.ok) throw new Error(outcome.errors.join("; "));
    await handle.db.insert(assessments).values({
      patientId: patient.id,
      instrument: "C-SSRS",
      administeredAt: new Date(NOW.getTime() + 3 * HOUR),
      answers,
      total: outcome.score.total,
      band: outcome.score.band,
      flags: outcome.score.flags,
      rater: "clinician",
      enteredBy: staffId,
    });
    const flags = (await summaryOf(patient.id)).flags as string[][];
    expect(flags.flat().indexOf("suicidal-ideation")).toBe(0);
    expect(flags.flat()).toContain("suicide-risk");
    expect(flags.at(-1)).toEqual(outcome.score.flags);
  });

  it("follows doses given and courses started or moved", async () => {
    const { patient, session } = await dosedPhq9Patient();
    const [dose] = await handle.db
      .select()
      .from(doseAdministrations)
      .where(eq(doseAdministrations.sessionId, session.id))
      .limit(1);
    if (!dose) throw new Error("no dose");
    const dosesOf = async () =>
      ((await summaryOf(patient.id)).doses as [string | null, number, string][]).reduce(
        (sum, [, n]) => sum + n,
        0,
      );
    const given = await dosesOf();
    await handle.db.delete(doseAdministrations).where(eq(doseAdministrations.id, dose.id));
    expect(await dosesOf()).toBe(given - 1);
    await handle.db.insert(doseAdministrations).values(dose);
    expect(await dosesOf()).toBe(given);

    const [course] = await handle.db
      .insert(treatmentCourses)
      .values({
        patientId: patient.id,
        protocol: "intranasal_esketamine",
        paradigm: "psychotherapeutic",
        plannedSessions: 8,
        startDate: "2027-01-04",
        createdBy: staffId,
      })
      .returning();
    if (!course) throw new Error("no course");
    expect((await summaryOf(patient.id)).course).toEqual([course.id, "intranasal_esketamine", 8]);
    await handle.db
      .update(treatmentCourses)
      .set({ startDate: "2020-01-06" })
      .where(eq(treatmentCourses.id, course.id));
    expect(((await summaryOf(patient.id)).course as string[])[0]).not.toBe(course.id);
    expect(await staleSummaries(handle.db)).toEqual([]);
  });

  it("follows a changed diagnosis to the scale it is judged on, and a new patient", async () => {
    const { patient } = await dosedPhq9Patient();
    await handle.db
      .update(patients)
      .set({ diagnosisCode: "F43.10", diagnosisLabel: "Post-traumatic stress disorder" })
      .where(eq(patients.id, patient.id));
    expect(await staleSummaries(handle.db)).toEqual([]);
    const ptsd = (await summaryOf(patient.id)).scores as [string, number, string][] | null;
    const [pcl] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(assessments)
      .where(sql`${assessments.patientId} = ${patient.id} and ${assessments.instrument} = 'PCL-5'`);
    expect(ptsd?.length ?? 0).toBe(pcl?.n ?? -1);
    await handle.db
      .update(patients)
      .set({ diagnosisCode: patient.diagnosisCode, diagnosisLabel: patient.diagnosisLabel })
      .where(eq(patients.id, patient.id));

    const [created] = await handle.db
      .insert(patients)
      .values({
        mrn: "SUM-0001",
        givenName: "Summary",
        familyName: "Newcomer",
        dateOfBirth: "1980-05-05",
        sex: "female",
        diagnosisCode: "F33.1",
        diagnosisLabel: "Major depressive disorder, recurrent, moderate",
      })
      .returning();
    if (!created) throw new Error("no patient");
    expect(await summaryOf(created.id)).toMatchObject({
      course: null,
      doses: null,
      scores: null,
      flags: null,
      notResponding: false,
    });
    expect(await staleSummaries(handle.db)).toEqual([]);
  });

  it("works every summary out again when its definition changes, and fills in a missing one", async () => {
    const { patient } = await dosedPhq9Patient();
    const right = await summaryOf(patient.id);
    // An older server's definition, and a summary it got wrong.
    await handle.db.execute(
      sql`comment on function refresh_patient_summaries(uuid[]) is 'kapstone:older'`,
    );
    await handle.db
      .update(patientSummaries)
      .set({ scores: null, notResponding: !right.notResponding })
      .where(eq(patientSummaries.patientId, patient.id));
    expect(await staleSummaries(handle.db)).toEqual([patient.id]);
    await installPatientSummaries(handle.db);
    expect(await summaryOf(patient.id)).toEqual(right);

    await handle.db.delete(patientSummaries).where(eq(patientSummaries.patientId, patient.id));
    expect(await staleSummaries(handle.db)).toEqual([patient.id]);
    await installPatientSummaries(handle.db);
    expect(await summaryOf(patient.id)).toEqual(right);
    expect(await staleSummaries(handle.db)).toEqual([]);
  });

  it("accepts a write between the migration and the server's refresh function, then covers it", async () => {
    const { patient } = await dosedPhq9Patient();
    // Migration 0008's stand-in, as another server's write would meet it moments after migrating.
    await handle.db.execute(
      sql.raw(`create or replace function refresh_patient_summaries(ids uuid[]) returns void
        language plpgsql as $$ begin end $$`),
    );
    await handle.db.execute(sql`comment on function refresh_patient_summaries(uuid[]) is null`);
    const before = ((await summaryOf(patient.id)).scores as unknown[]).length;
    await addPhq9(patient.id, 7, 0, new Date(NOW.getTime() + 5 * HOUR));
    expect(((await summaryOf(patient.id)).scores as unknown[]).length).toBe(before);
    await installPatientSummaries(handle.db);
    expect(((await summaryOf(patient.id)).scores as unknown[]).length).toBe(before + 1);
    expect(await staleSummaries(handle.db)).toEqual([]);
  });

  // Two connections at once: PGlite serves one at a time.
  if (engine === "postgres") {
    it("keeps both of two assessments written at once for one patient", async () => {
      const { patient } = await dosedPhq9Patient();
      const before = ((await summaryOf(patient.id)).scores as unknown[]).length;
      const [{ name } = { name: "" }] = await handle.db
        .select({ name: sql<string>`current_database()` })
        .from(sql`(select 1) as one`);
      const url = (postgresUrl ?? "").replace(/\/[^/]*$/, `/${name}`);
      const first = postgres(url, { max: 1, onnotice: () => {} });
      const second = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const answers = phq9(9);
        const insert = (tx: postgres.TransactionSql, hours: number) =>
          tx`insert into assessments (patient_id, instrument, administered_at, answers, total, band,
               rater, entered_by)
             values (${patient.id}, 'PHQ-9', ${new Date(NOW.getTime() + hours * HOUR)},
               ${JSON.stringify(answers)}::jsonb, 9, 'mild', 'self', ${staffId})`;
        let releaseFirst = () => {};
        const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
        let firstInserted = () => {};
        const inserted = new Promise<void>((resolve) => (firstInserted = resolve));
        const one = first.begin(async (tx) => {
          await insert(tx, 2);
          firstInserted();
          await firstHolds;
        });
        await inserted;
        // The second writer's refresh waits for the first's lock on the summary row, then
        // reads with the first's assessment committed.
        const two = second.begin((tx) => insert(tx, 3));
        await expect
          .poll(async () => {
            const [row] = await handle.db
              .select({ n: sql<number>`count(*)::int` })
              .from(sql`pg_stat_activity`)
              .where(sql`datname = current_database() and wait_event_type = 'Lock'`);
            return row?.n ?? 0;
          })
          .toBe(1);
        releaseFirst();
        await Promise.all([one, two]);
        expect(((await summaryOf(patient.id)).scores as unknown[]).length).toBe(before + 2);
        expect(await staleSummaries(handle.db)).toEqual([]);
      } finally {
        await first.end();
        await second.end();
      }
    });
  }
});
