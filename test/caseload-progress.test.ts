import { and, count, desc, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import {
  adverseEvents,
  alerts,
  assessments,
  auditEvents,
  doseAdministrations,
  notes,
  patients,
  patientStatusEnum,
  sessions,
  treatmentCourses,
  users,
  vitals,
  type Assessment,
  type Patient,
  type Session,
} from "@/db/schema";
import { seedDemoClinic } from "@/db/seed/demo-clinic";
import type { ActorContext } from "@/lib/auth/authorize";
import { scoreAssessment, type InstrumentCode } from "@/lib/clinical/instruments";
import { primaryInstrument } from "@/lib/clinical/primary-instrument";
import { findBaseline } from "@/lib/clinical/progress";
import { AppError } from "@/lib/errors";
import { listCaseload, type CaseloadRow } from "@/lib/patients/caseload";
import { listNotes, writeNote } from "@/lib/patients/notes";
import {
  getCourseTimeline,
  getPatientHeader,
  getPatientProgress,
  getPatientRecord,
  patientSafety,
} from "@/lib/patients/patient-record";
import { listAssessments } from "@/lib/assessments/record-assessment";
import { listCourses } from "@/lib/courses/treatment-plan";
import { lastAuditId, newAuditRows, type AuditRow } from "./audit-trail";
import { ENGINES, freshDatabase } from "./databases";

const TZ = "America/New_York";
// A Wednesday in the clinic: eight weeks of history behind it.
const NOW = new Date("2026-03-11T15:30:00Z");
const ALL = { page: 1, pageSize: 100, scope: "all" } as const;
/** The caseload's trend line shows up to this many recent scores. */
const TREND_POINTS = 8;
const DAY = 24 * 60 * 60_000;

type Role = "psychiatrist" | "nurse" | "admin";
type Dose = typeof doseAdministrations.$inferSelect;
type Course = typeof treatmentCourses.$inferSelect;

/** The suicidal-ideation item of each instrument that has one (CLINICAL.md "Safety flags"). */
const IDEATION: Partial<Record<string, (answers: number[]) => boolean>> = {
  "PHQ-9": (a) => (a[8] ?? 0) > 0,
  "QIDS-SR16": (a) => (a[11] ?? 0) > 0,
  MADRS: (a) => (a[9] ?? 0) >= 2,
};

/** PHQ-9 answers adding up to `total` (≤ 24) with item 9 (suicidal thoughts) answered 0. */
function phq9Answers(total: number): number[] {
  let left = total;
  const answers = Array.from({ length: 8 }, () => {
    const value = Math.min(3, left);
    left -= value;
    return value;
  });
  return [...answers, 0];
}

const ids = (rows: readonly { id: string }[]): string[] => rows.map((r) => r.id).sort();

describe.each(ENGINES)("caseload, progress, timeline and notes on %s", (engine) => {
  let handle: DbHandle;
  const actors: Record<Role, ActorContext> = {
    psychiatrist: { id: "", role: "psychiatrist", requestAddress: "10.0.0.7" },
    nurse: { id: "", role: "nurse", requestAddress: "10.0.0.8" },
    admin: { id: "", role: "admin", requestAddress: "10.0.0.9" },
  };

  beforeAll(async () => {
    handle = await freshDatabase(engine);
    await seedDemoClinic(handle.db, { now: NOW, timeZone: TZ });
    for (const role of ["psychiatrist", "nurse", "admin"] as const) {
      const [row] = await handle.db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, `${role}@demo.kapstone.test`));
      if (!row) throw new Error(`no demo ${role}`);
      actors[role].id = row.id;
    }
  });
  afterAll(async () => {
    await handle?.close();
  });

  /** The tables, read straight from SQL, for expectations computed independently of lib/. */
  async function load(): Promise<{
    patients: Patient[];
    sessions: Session[];
    doses: Dose[];
    assessments: Assessment[];
    courses: Course[];
  }> {
    const db = handle.db;
    const [p, s, d, a, c] = await Promise.all([
      db.select().from(patients),
      db.select().from(sessions),
      db.select().from(doseAdministrations),
      db.select().from(assessments),
      db.select().from(treatmentCourses),
    ]);
    return { patients: p, sessions: s, doses: d, assessments: a, courses: c };
  }

  type Tables = Awaited<ReturnType<typeof load>>;

  function dosesOf(t: Tables, patientId: string): Dose[] {
    const own = new Set(t.sessions.filter((s) => s.patientId === patientId).map((s) => s.id));
    return t.doses
      .filter((d) => own.has(d.sessionId))
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  }

  function latestOf(t: Tables, patientId: string, instrument: string): Assessment | undefined {
    return t.assessments
      .filter((a) => a.patientId === patientId && a.instrument === instrument)
      .sort((a, b) => b.administeredAt.getTime() - a.administeredAt.getTime())[0];
  }

  /** Safety flags raised by the latest assessment of each instrument, from the item answers. */
  function expectedFlags(t: Tables, patientId: string): string[] {
    const flags = new Set<string>();
    for (const instrument of ["PHQ-9", "QIDS-SR16", "MADRS"]) {
      const latest = latestOf(t, patientId, instrument);
      const raised = IDEATION[instrument];
      if (latest && raised?.(latest.answers)) flags.add("suicidal-ideation");
    }
    const cssrs = latestOf(t, patientId, "C-SSRS");
    if (cssrs?.band === "moderate" || cssrs?.band === "high") flags.add("suicide-risk");
    return [...flags].sort();
  }

  /** Primary-instrument outcome per CLINICAL.md, computed here from the tables. */
  function expectedOutcome(
    t: Tables,
    patient: Patient,
  ): { doses: number; baseline: Assessment | null; latest: Assessment | null; response: boolean } {
    const doses = dosesOf(t, patient.id);
    const instrument = primaryInstrument(patient.diagnosisCode);
    const scored = t.assessments.filter(
      (a) => a.patientId === patient.id && a.instrument === instrument && a.total !== null,
    );
    const baseline = findBaseline(scored, doses[0]?.startedAt ?? null);
    const latest =
      [...scored].sort((a, b) => b.administeredAt.getTime() - a.administeredAt.getTime())[0] ??
      null;
    const b = baseline?.total ?? null;
    const l = latest?.total ?? null;
    const response = b !== null && l !== null && b > 0 && (b - l) / b >= 0.5;
    return { doses: doses.length, baseline, latest, response };
  }

  /** Runs `read` and returns the audit rows it appended. */
  async function auditedBy(read: () => Promise<unknown>): Promise<AuditRow[]> {
    const before = await lastAuditId(handle.db);
    await read().catch((error: unknown) => {
      if (!(error instanceof AppError)) throw error;
    });
    return newAuditRows(handle.db, before);
  }

  async function notesCount(): Promise<number> {
    const [row] = await handle.db.select({ n: count() }).from(notes);
    return row?.n ?? 0;
  }

  /** Inserts a scored assessment for a patient an hour after their latest one. */
  async function addAssessment(
    t: Tables,
    patientId: string,
    instrument: InstrumentCode,
    answers: number[],
  ): Promise<void> {
    const outcome = scoreAssessment(instrument, answers);
    if (!outcome.ok) throw new Error(outcome.errors.join("; "));
    const last = Math.max(
      NOW.getTime(),
      ...t.assessments
        .filter((a) => a.patientId === patientId)
        .map((a) => a.administeredAt.getTime()),
    );
    await handle.db.insert(assessments).values({
      patientId,
      instrument,
      administeredAt: new Date(last + 60 * 60_000),
      answers,
      total: outcome.score.total,
      band: outcome.score.band,
      flags: outcome.score.flags,
      rater: instrument === "MADRS" || instrument === "C-SSRS" ? "clinician" : "self",
      enteredBy: actors.psychiatrist.id,
    });
  }

  const addPhq9 = (t: Tables, patientId: string, total: number): Promise<void> =>
    addAssessment(t, patientId, "PHQ-9", phq9Answers(total));

  describe("the list", () => {
    it("shows a psychiatrist their own patients by default and the whole clinic on request", async () => {
      const t = await load();
      const mine = await listCaseload(handle.db, actors.psychiatrist, { page: 1, pageSize: 100 });
      const own = t.patients.filter((p) => p.psychiatristId === actors.psychiatrist.id);
      expect(mine.scope).toBe("mine");
      expect(own.length).toBeGreaterThan(0);
      expect(own.length).toBeLessThan(t.patients.length);
      expect(mine.total).toBe(own.length);
      expect(ids(mine.rows)).toEqual(ids(own));

      const all = await listCaseload(handle.db, actors.psychiatrist, ALL);
      expect(all.scope).toBe("all");
      expect(all.total).toBe(t.patients.length);
      expect(ids(all.rows)).toEqual(ids(t.patients));

      const nurse = await listCaseload(handle.db, actors.nurse, { page: 1, pageSize: 100 });
      expect(nurse.scope).toBe("all");
      expect(nurse.total).toBe(t.patients.length);
    });

    it("gives each psychiatrist asking the same question their own list and audit row", async () => {
      const t = await load();
      const others = await handle.db
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(eq(users.role, "psychiatrist"), ne(users.id, actors.psychiatrist.id)));
      const other = others.find((u) => t.patients.some((p) => p.psychiatristId === u.id));
      if (!other) throw new Error("seed has one psychiatrist with patients");
      const colleague: ActorContext = {
        id: other.id,
        role: "psychiatrist",
        email: other.email,
        requestAddress: "10.0.0.17",
      };
      const query = { page: 1, pageSize: 100 };
      for (const actor of [actors.psychiatrist, colleague, actors.psychiatrist]) {
        const list = await listCaseload(handle.db, actor, query);
        const own = t.patients.filter((p) => p.psychiatristId === actor.id);
        expect(ids(list.rows)).toEqual(ids(own));
        const [row] = await handle.db
          .select({
            actorId: auditEvents.actorId,
            address: auditEvents.requestAddress,
            detail: auditEvents.detail,
          })
          .from(auditEvents)
          .where(eq(auditEvents.action, "patient.list"))
          .orderBy(desc(auditEvents.id))
          .limit(1);
        expect(row).toEqual({
          actorId: actor.id,
          address: actor.requestAddress,
          detail: { scope: "mine", page: 1, results: own.length, clinical: true },
        });
      }
    });

    it("finds patients by MRN and by name, case-insensitively, with no wildcards", async () => {
      const t = await load();
      const search = async (query: string): Promise<string[]> =>
        ids((await listCaseload(handle.db, actors.nurse, { ...ALL, query })).rows);
      const expected = (term: string): string[] =>
        ids(
          t.patients.filter((p) =>
            [p.mrn, `${p.givenName} ${p.familyName}`, `${p.familyName}, ${p.givenName}`].some((s) =>
              s.toLowerCase().includes(term.toLowerCase()),
            ),
          ),
        );
      const target = [...t.patients].sort((a, b) => a.mrn.localeCompare(b.mrn))[7];
      if (!target) throw new Error("seed has too few patients");

      expect(await search(target.mrn)).toEqual([target.id]);
      expect(await search(target.mrn.toLowerCase())).toEqual([target.id]);
      const family = await search(target.familyName.toUpperCase());
      expect(family).toContain(target.id);
      expect(family).toEqual(expected(target.familyName));
      expect(await search(`${target.givenName} ${target.familyName}`.toLowerCase())).toEqual(
        expected(`${target.givenName} ${target.familyName}`),
      );
      expect(await search(`${target.familyName}, ${target.givenName}`)).toContain(target.id);
      const partial = target.givenName.slice(1, 4).toLowerCase();
      expect(await search(partial)).toEqual(expected(partial));

      for (const literal of ["%", "_", "%a%", "K_-"]) {
        const result = await listCaseload(handle.db, actors.nurse, { ...ALL, query: literal });
        expect(result.total).toBe(0);
        expect(result.rows).toEqual([]);
      }
    });

    it("filters by status, within the psychiatrist's scope", async () => {
      const t = await load();
      let seen = 0;
      for (const status of patientStatusEnum.enumValues) {
        const result = await listCaseload(handle.db, actors.nurse, { ...ALL, status });
        const expected = t.patients.filter((p) => p.status === status);
        seen += expected.length;
        expect(result.total).toBe(expected.length);
        expect(ids(result.rows)).toEqual(ids(expected));
        expect(result.rows.every((r) => r.status === status)).toBe(true);

        const mine = await listCaseload(handle.db, actors.psychiatrist, {
          page: 1,
          pageSize: 100,
          status,
        });
        expect(ids(mine.rows)).toEqual(
          ids(expected.filter((p) => p.psychiatristId === actors.psychiatrist.id)),
        );
      }
      expect(seen).toBe(t.patients.length);
      const active = await listCaseload(handle.db, actors.nurse, { ...ALL, status: "active" });
      expect(active.total).toBeGreaterThan(0);
    });

    it("pages through rows sorted by MRN with a constant total", async () => {
      const t = await load();
      const byMrn = [...t.patients].sort((a, b) => (a.mrn < b.mrn ? -1 : a.mrn > b.mrn ? 1 : 0));
      const query = { scope: "all", sort: "mrn", pageSize: 5 } as const;
      const page1 = await listCaseload(handle.db, actors.nurse, { ...query, page: 1 });
      const page2 = await listCaseload(handle.db, actors.nurse, { ...query, page: 2 });
      expect(page1.rows.map((r) => r.mrn)).toEqual(byMrn.slice(0, 5).map((p) => p.mrn));
      expect(page2.rows.map((r) => r.mrn)).toEqual(byMrn.slice(5, 10).map((p) => p.mrn));
      expect(page1.total).toBe(t.patients.length);
      expect(page2.total).toBe(t.patients.length);
      expect(page2).toMatchObject({ page: 2, pageSize: 5 });

      const lastPage = Math.ceil(t.patients.length / 5);
      const last = await listCaseload(handle.db, actors.nurse, { ...query, page: lastPage });
      expect(last.rows.map((r) => r.mrn)).toEqual(
        byMrn.slice((lastPage - 1) * 5).map((p) => p.mrn),
      );
      const beyond = await listCaseload(handle.db, actors.nurse, { ...query, page: lastPage + 1 });
      expect(beyond.rows).toEqual([]);
      expect(beyond.total).toBe(t.patients.length);

      // Each read's audit row names the page and how many patients it showed.
      const listed = await handle.db
        .select({ detail: auditEvents.detail })
        .from(auditEvents)
        .where(
          and(eq(auditEvents.action, "patient.list"), eq(auditEvents.actorId, actors.nurse.id)),
        )
        .orderBy(desc(auditEvents.id))
        .limit(2);
      expect(listed.map((r) => r.detail)).toEqual([
        { scope: "all", page: lastPage + 1, results: 0, clinical: true },
        { scope: "all", page: lastPage, results: last.rows.length, clinical: true },
      ]);
    });

    it("sorts by the next booked session, soonest first and patients with none last", async () => {
      const before = await load();
      const picked = [...before.patients].sort((a, b) => a.mrn.localeCompare(b.mrn)).slice(-4);
      const [a, b, c, d] = picked;
      if (!a || !b || !c || !d) throw new Error("seed has too few patients");
      // The list counts sessions from the database's clock: book some ahead of the real now.
      const soon = Date.now();
      const book = (patientId: string, days: number, status: Session["status"]) => ({
        patientId,
        kind: "follow_up" as const,
        scheduledStart: new Date(soon + days * DAY),
        scheduledEnd: new Date(soon + days * DAY + 30 * 60_000),
        status,
      });
      await handle.db
        .insert(sessions)
        .values([
          book(a.id, 3, "scheduled"),
          book(b.id, 1, "scheduled"),
          book(b.id, 5, "scheduled"),
          book(c.id, 2, "scheduled"),
          book(d.id, 0.5, "cancelled"),
        ]);

      const t = await load();
      const now = new Date();
      const next = new Map<string, number>();
      for (const s of t.sessions) {
        if (s.scheduledStart < now || (s.status !== "scheduled" && s.status !== "checked_in"))
          continue;
        const at = s.scheduledStart.getTime();
        next.set(s.patientId, Math.min(at, next.get(s.patientId) ?? Infinity));
      }
      const withNext = [...next.entries()].sort((x, y) => x[1] - y[1]).map(([id]) => id);
      expect(withNext).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
      expect(withNext).not.toContain(d.id);

      const result = await listCaseload(handle.db, actors.nurse, { ...ALL, sort: "next-session" });
      expect(result.total).toBe(t.patients.length);
      expect(result.rows.slice(0, withNext.length).map((r) => r.id)).toEqual(withNext);
      expect(result.rows.slice(withNext.length).every((r) => r.nextSessionAt === null)).toBe(true);
      for (const row of result.rows) {
        expect(row.nextSessionAt?.getTime() ?? null).toBe(next.get(row.id) ?? null);
      }
      expect(result.rows.findIndex((r) => r.id === b.id)).toBeLessThan(
        result.rows.findIndex((r) => r.id === c.id),
      );

      const paged = await listCaseload(handle.db, actors.nurse, {
        scope: "all",
        sort: "next-session",
        page: 1,
        pageSize: 5,
      });
      expect(paged.rows.slice(0, withNext.length).map((r) => r.id)).toEqual(withNext.slice(0, 5));
    });
  });

  describe("clinical columns and filters", () => {
    it("lists each patient's current safety flags and filters on suicidal ideation", async () => {
      const seeded = await load();
      // Beside the seed's own cases: a MADRS item 10 of 2 (raises) and of 1 (does not), a QIDS
      // item 12 of 1, and a high-risk C-SSRS, each the patient's latest of that instrument.
      const calm = seeded.patients
        .filter((p) => expectedFlags(seeded, p.id).length === 0)
        .sort((a, b) => a.mrn.localeCompare(b.mrn));
      const [madrs2, madrs1, qids, cssrs] = calm;
      if (!madrs2 || !madrs1 || !qids || !cssrs) throw new Error("seed has too few patients");
      await addAssessment(seeded, madrs2.id, "MADRS", [4, 4, 3, 3, 2, 2, 2, 2, 2, 2]);
      await addAssessment(seeded, madrs1.id, "MADRS", [4, 4, 3, 3, 2, 2, 2, 2, 2, 1]);
      await addAssessment(
        seeded,
        qids.id,
        "QIDS-SR16",
        [1, 0, 0, 0, 2, 1, 0, 0, 0, 1, 1, 1, 2, 1, 0, 1],
      );
      await addAssessment(seeded, cssrs.id, "C-SSRS", [1, 1, 1, 1, 0, 0, 0]);
      const t = await load();
      expect(expectedFlags(t, madrs2.id)).toEqual(["suicidal-ideation"]);
      expect(expectedFlags(t, madrs1.id)).toEqual([]);
      expect(expectedFlags(t, qids.id)).toEqual(["suicidal-ideation"]);
      expect(expectedFlags(t, cssrs.id)).toEqual(["suicide-risk"]);

      const all = await listCaseload(handle.db, actors.nurse, ALL);
      for (const row of all.rows) {
        expect([...row.safetyFlags].sort(), row.mrn).toEqual(expectedFlags(t, row.id));
      }
      const flagged = t.patients.filter((p) =>
        expectedFlags(t, p.id).includes("suicidal-ideation"),
      );
      expect(flagged.length).toBeGreaterThan(0);
      const filtered = await listCaseload(handle.db, actors.psychiatrist, {
        ...ALL,
        flag: "suicidal-ideation",
      });
      expect(ids(filtered.rows)).toEqual(ids(flagged));
      expect(filtered.total).toBe(flagged.length);

      const risk = t.patients.filter((p) => expectedFlags(t, p.id).includes("suicide-risk"));
      const riskRows = await listCaseload(handle.db, actors.nurse, {
        ...ALL,
        flag: "suicide-risk",
      });
      expect(risk.length).toBeGreaterThan(0);
      expect(ids(riskRows.rows)).toEqual(ids(risk));
      expect(await patientSafety(handle.db, actors.psychiatrist, madrs2.id)).toEqual([
        { code: "suicidal-ideation", detail: expect.stringContaining("MADRS item 10 answered 2") },
      ]);

      // The patient page shows the same flags to clinicians, and none to an admin.
      const first = flagged.find((p) => p.id !== madrs2.id && p.id !== qids.id);
      if (!first) throw new Error("seed has no patient with suicidal ideation");
      const safety = await patientSafety(handle.db, actors.nurse, first.id);
      expect(safety.map((f) => f.code).sort()).toEqual(expectedFlags(t, first.id));
      expect(await patientSafety(handle.db, actors.admin, first.id)).toEqual([]);
    });

    it("clears the ideation flag when a newer PHQ-9 answers item 9 with 0", async () => {
      const t = await load();
      // A patient whose flag comes from the PHQ-9 alone (no QIDS or MADRS raising it).
      const target = t.patients.find((p) => {
        const phq = latestOf(t, p.id, "PHQ-9");
        const others = ["QIDS-SR16", "MADRS"].some((i) => {
          const latest = latestOf(t, p.id, i);
          return latest !== undefined && (IDEATION[i]?.(latest.answers) ?? false);
        });
        return phq !== undefined && (IDEATION["PHQ-9"]?.(phq.answers) ?? false) && !others;
      });
      if (!target) throw new Error("seed has no patient flagged by the PHQ-9 alone");
      await addPhq9(t, target.id, 11);

      const after = await load();
      expect(expectedFlags(after, target.id)).not.toContain("suicidal-ideation");
      const filtered = await listCaseload(handle.db, actors.nurse, {
        ...ALL,
        flag: "suicidal-ideation",
      });
      expect(filtered.rows.map((r) => r.id)).not.toContain(target.id);
      expect(ids(filtered.rows)).toEqual(
        ids(after.patients.filter((p) => expectedFlags(after, p.id).includes("suicidal-ideation"))),
      );
      const row = (await listCaseload(handle.db, actors.nurse, { ...ALL, query: target.mrn }))
        .rows[0];
      expect(row?.safetyFlags).not.toContain("suicidal-ideation");
      const safety = await patientSafety(handle.db, actors.psychiatrist, target.id);
      expect(safety.map((f) => f.code)).not.toContain("suicidal-ideation");
    });

    it("filters patients not responding after four or more doses", async () => {
      const t = await load();
      const expected = t.patients.filter((p) => {
        const o = expectedOutcome(t, p);
        return o.doses >= 4 && o.baseline !== null && !o.response;
      });
      const responding = t.patients.filter((p) => {
        const o = expectedOutcome(t, p);
        return o.doses >= 4 && o.response;
      });
      expect(expected.length).toBeGreaterThan(0);
      expect(responding.length).toBeGreaterThan(0);
      const result = await listCaseload(handle.db, actors.psychiatrist, {
        ...ALL,
        progress: "not-responding",
      });
      expect(ids(result.rows)).toEqual(ids(expected));
      expect(result.total).toBe(expected.length);
      expect(result.rows.every((r) => r.progress?.response === false)).toBe(true);

      // Combined with the psychiatrist's own scope.
      const mine = await listCaseload(handle.db, actors.psychiatrist, {
        page: 1,
        pageSize: 100,
        progress: "not-responding",
      });
      expect(ids(mine.rows)).toEqual(
        ids(expected.filter((p) => p.psychiatristId === actors.psychiatrist.id)),
      );
    });

    it("drops a patient from 'not responding' at exactly a 50 % reduction, not before", async () => {
      const t = await load();
      const target = t.patients.find((p) => {
        const o = expectedOutcome(t, p);
        return (
          primaryInstrument(p.diagnosisCode) === "PHQ-9" &&
          o.doses >= 4 &&
          !o.response &&
          (o.baseline?.total ?? 0) >= 6 &&
          (o.baseline?.total ?? 0) % 2 === 0
        );
      });
      if (!target) throw new Error("seed has no even-baseline PHQ-9 non-responder");
      const baseline = expectedOutcome(t, target).baseline?.total ?? 0;
      const notResponding = async (): Promise<string[]> =>
        (
          await listCaseload(handle.db, actors.nurse, { ...ALL, progress: "not-responding" })
        ).rows.map((r) => r.id);

      await addPhq9(t, target.id, baseline / 2 + 1);
      expect(await notResponding()).toContain(target.id);
      await addPhq9(await load(), target.id, baseline / 2);
      expect(await notResponding()).not.toContain(target.id);
      const after = await load();
      expect(expectedOutcome(after, target).response).toBe(true);
      expect(
        ids(
          (await listCaseload(handle.db, actors.nurse, { ...ALL, progress: "not-responding" }))
            .rows,
        ),
      ).toEqual(
        ids(
          after.patients.filter((p) => {
            const o = expectedOutcome(after, p);
            return o.doses >= 4 && o.baseline !== null && !o.response;
          }),
        ),
      );
      const progress = await getPatientProgress(handle.db, actors.psychiatrist, target.id);
      expect(progress.instruments[0]).toMatchObject({
        instrument: "PHQ-9",
        changePercent: -50,
        response: true,
      });
    });

    it("shows each row's primary-instrument progress exactly as the patient page does", async () => {
      const all = await listCaseload(handle.db, actors.psychiatrist, ALL);
      let withProgress = 0;
      for (const row of all.rows) {
        const progress = await getPatientProgress(handle.db, actors.psychiatrist, row.id);
        expect(progress.primaryInstrument).toBe(primaryInstrument(row.diagnosisCode));
        const primary = progress.instruments.find(
          (i) => i.instrument === progress.primaryInstrument,
        );
        if (!primary) {
          expect(row.progress, row.mrn).toBeNull();
          continue;
        }
        withProgress += 1;
        expect(progress.instruments[0]?.instrument).toBe(progress.primaryInstrument);
        const totals = primary.points.map((p) => p.total).filter((v): v is number => v !== null);
        const expected: CaseloadRow["progress"] = {
          instrument: primary.instrument,
          latestTotal: primary.latest?.total ?? null,
          band: primary.latest?.band ?? null,
          changePercent: primary.changePercent,
          response: primary.response,
          remission: primary.remission,
          trend: totals.slice(-TREND_POINTS),
        };
        expect(row.progress, row.mrn).toEqual(expected);
      }
      expect(withProgress).toBeGreaterThan(all.rows.length / 2);
    });

    it("counts the doses given in each patient's latest course", async () => {
      const t = await load();
      const all = await listCaseload(handle.db, actors.nurse, ALL);
      let counted = 0;
      for (const row of all.rows) {
        const latest = t.courses
          .filter((c) => c.patientId === row.id)
          .sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : 0))[0];
        if (!latest) {
          expect(row.course, row.mrn).toBeNull();
          continue;
        }
        const courseSessions = new Set(
          t.sessions.filter((s) => s.courseId === latest.id).map((s) => s.id),
        );
        const given = t.doses.filter((d) => courseSessions.has(d.sessionId)).length;
        counted += given;
        expect(row.course, row.mrn).toEqual({
          protocol: latest.protocol,
          plannedSessions: latest.plannedSessions,
          dosesGiven: given,
        });
      }
      expect(counted).toBeGreaterThan(0);
      // Maintenance patients: the count restarts with the maintenance course.
      const multi = all.rows.find((r) => t.courses.filter((c) => c.patientId === r.id).length > 1);
      if (multi) {
        expect(multi.course?.dosesGiven).toBeLessThan(dosesOf(t, multi.id).length);
      }
    });

    it("gives an admin the list without scores or flags, and refuses score filters", async () => {
      const t = await load();
      const list = await listCaseload(handle.db, actors.admin, ALL);
      expect(list.total).toBe(t.patients.length);
      expect(list.rows.every((r) => r.progress === null && r.safetyFlags.length === 0)).toBe(true);

      for (const filter of [
        { flag: "suicidal-ideation" },
        { progress: "not-responding" },
      ] as const) {
        const rows = await auditedBy(() =>
          listCaseload(handle.db, actors.admin, { ...ALL, ...filter }),
        );
        await expect(
          listCaseload(handle.db, actors.admin, { ...ALL, ...filter }),
        ).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === "forbidden");
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          actorId: actors.admin.id,
          action: "patient.list",
          outcome: "denied",
          requestAddress: "10.0.0.9",
        });
      }
    });
  });

  describe("a patient's course", () => {
    it("reports response for a seeded responder and a non-responder", async () => {
      const t = await load();
      const treated = t.patients.filter((p) => expectedOutcome(t, p).doses >= 4);
      const responder = treated.find((p) => expectedOutcome(t, p).response);
      const nonResponder = treated.find((p) => {
        const o = expectedOutcome(t, p);
        return o.baseline !== null && !o.response;
      });
      if (!responder || !nonResponder) throw new Error("seed lacks a responder or non-responder");

      for (const [patient, response] of [
        [responder, true],
        [nonResponder, false],
      ] as const) {
        const o = expectedOutcome(t, patient);
        const doses = dosesOf(t, patient.id);
        const progress = await getPatientProgress(handle.db, actors.nurse, patient.id);
        const primary = progress.instruments[0];
        expect(progress.primaryInstrument).toBe(primaryInstrument(patient.diagnosisCode));
        expect(progress.firstDosingAt).toBe(doses[0]?.startedAt.toISOString());
        expect(progress.dosingSessions.map((d) => d.at)).toEqual(
          doses.map((d) => d.startedAt.toISOString()),
        );
        expect(primary).toMatchObject({
          instrument: progress.primaryInstrument,
          baseline: {
            total: o.baseline?.total,
            at: o.baseline?.administeredAt.toISOString(),
          },
          latest: { total: o.latest?.total, at: o.latest?.administeredAt.toISOString() },
          response,
        });
        const b = o.baseline?.total ?? 0;
        const l = o.latest?.total ?? 0;
        if (b > 0) expect(primary?.changePercent).toBeCloseTo(((l - b) / b) * 100, 9);
      }
    });

    it("lists every session in time order with dose, blood-pressure rise, alerts, CADSS and adverse events", async () => {
      const t = await load();
      const db = handle.db;
      const [vitalRows, alertRows, eventRows] = await Promise.all([
        db.select().from(vitals),
        db.select().from(alerts),
        db.select().from(adverseEvents),
      ]);
      // The treated patient whose sessions show the most: alerts, adverse events and CADSS.
      const score = (patientId: string): number => {
        const own = new Set(t.sessions.filter((s) => s.patientId === patientId).map((s) => s.id));
        return (
          (alertRows.some((a) => own.has(a.sessionId)) ? 1 : 0) +
          (eventRows.some((e) => own.has(e.sessionId)) ? 1 : 0) +
          (t.assessments.some(
            (a) => a.instrument === "CADSS" && a.sessionId && own.has(a.sessionId),
          )
            ? 1
            : 0) +
          (alertRows.some((a) => own.has(a.sessionId) && a.level === "critical") ? 1 : 0)
        );
      };
      const patient = [...t.patients]
        .filter((p) => dosesOf(t, p.id).length >= 4)
        .sort((a, b) => score(b.id) - score(a.id) || a.mrn.localeCompare(b.mrn))[0];
      if (!patient) throw new Error("seed has no treated patient");

      // A correction replaces a post-dose reading: the superseded row no longer counts.
      const firstDose = dosesOf(t, patient.id)[0];
      const corrected = vitalRows
        .filter((v) => v.sessionId === firstDose?.sessionId && v.minutesFromDose !== null)
        .sort((a, b) => b.systolic - a.systolic)[0];
      if (!corrected) throw new Error("first dosing session has no post-dose vitals");
      const [amendment] = await db
        .insert(vitals)
        .values({
          sessionId: corrected.sessionId,
          takenAt: corrected.takenAt,
          minutesFromDose: corrected.minutesFromDose,
          systolic: corrected.systolic - 15,
          diastolic: Math.min(corrected.diastolic, corrected.systolic - 16),
          heartRate: corrected.heartRate,
          recordedBy: actors.nurse.id,
          supersedesId: corrected.id,
          amendReason: "cuff misplaced",
        })
        .returning();
      if (!amendment) throw new Error("amendment not stored");
      const current = [...vitalRows, amendment].filter(
        (v) => !vitalRows.some((o) => o.supersedesId === v.id) && v.id !== corrected.id,
      );

      const timeline = await getCourseTimeline(db, actors.psychiatrist, patient.id);
      const own = t.sessions
        .filter((s) => s.patientId === patient.id)
        .sort((a, b) => a.scheduledStart.getTime() - b.scheduledStart.getTime());
      expect(timeline.map((e) => e.sessionId)).toEqual(own.map((s) => s.id));

      let rises = 0;
      for (const entry of timeline) {
        const session = own.find((s) => s.id === entry.sessionId);
        expect(entry.scheduledStart.getTime()).toBe(session?.scheduledStart.getTime());
        expect(entry.kind).toBe(session?.kind);
        const dose = t.doses.find((d) => d.sessionId === entry.sessionId);
        expect(entry.dose?.doseMgPerKg ?? null).toBe(dose?.doseMgPerKg ?? null);
        expect(entry.dose?.doseMg ?? null).toBe(dose?.doseMg ?? null);

        const readings = current
          .filter((v) => v.sessionId === entry.sessionId)
          .sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
        const pre = dose ? readings.filter((v) => v.takenAt < dose.startedAt).at(-1) : undefined;
        const post = dose ? readings.filter((v) => v.takenAt >= dose.startedAt) : [];
        const rise =
          pre && post.length > 0 ? Math.max(...post.map((v) => v.systolic)) - pre.systolic : null;
        if (rise !== null) rises += 1;
        expect(entry.peakSystolicRise, `session ${entry.sessionId}`).toBe(rise);

        const levels = alertRows.filter((a) => a.sessionId === entry.sessionId).map((a) => a.level);
        expect(entry.highestAlert).toBe(
          levels.includes("critical") ? "critical" : levels.includes("warning") ? "warning" : null,
        );
        const cadss = t.assessments.find(
          (a) => a.sessionId === entry.sessionId && a.instrument === "CADSS",
        );
        expect(entry.cadssTotal).toBe(cadss?.total ?? null);
        const events = eventRows
          .filter((e) => e.sessionId === entry.sessionId)
          .map((e) => `${e.type}/${e.severity}`)
          .sort();
        expect(entry.adverseEvents.map((e) => `${e.type}/${e.severity}`).sort()).toEqual(events);
      }
      expect(rises).toBeGreaterThanOrEqual(4);
      expect(timeline.some((e) => e.highestAlert !== null)).toBe(true);
      expect(timeline.some((e) => e.cadssTotal !== null)).toBe(true);
    });
  });

  describe("notes", () => {
    it("stores and audits a psychiatrist's note, newest first in the list", async () => {
      const [patient] = await handle.db.select().from(patients).orderBy(patients.mrn).limit(1);
      if (!patient) throw new Error("no patients");
      const before = await notesCount();
      const beforeAudit = await lastAuditId(handle.db);
      const { id } = await writeNote(handle.db, actors.psychiatrist, patient.id, {
        kind: "progress",
        body: "  Mood lifting since session 3; continue the induction series.  ",
      });
      expect(await notesCount()).toBe(before + 1);
      const [stored] = await handle.db.select().from(notes).where(eq(notes.id, id));
      expect(stored).toMatchObject({
        patientId: patient.id,
        authorId: actors.psychiatrist.id,
        kind: "progress",
        body: "Mood lifting since session 3; continue the induction series.",
        sessionId: null,
      });
      const audit = await newAuditRows(handle.db, beforeAudit);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actorId: actors.psychiatrist.id,
        action: "note.write",
        entityId: id,
        patientId: patient.id,
        outcome: "success",
      });

      const list = await listNotes(handle.db, actors.nurse, patient.id);
      expect(list[0]).toMatchObject({ id, kind: "progress", sessionId: null });
      const times = list.map((n) => Date.parse(n.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const all = await handle.db.select().from(notes).where(eq(notes.patientId, patient.id));
      expect(ids(list)).toEqual(ids(all));
      expect(list.length).toBeGreaterThan(1);
    });

    it("refuses a nurse's note and an empty note, storing nothing", async () => {
      const [patient] = await handle.db.select().from(patients).orderBy(patients.mrn).limit(1);
      if (!patient) throw new Error("no patients");
      const before = await notesCount();

      const denied = await auditedBy(() =>
        writeNote(handle.db, actors.nurse, patient.id, { kind: "integration", body: "Felt calm." }),
      );
      await expect(
        writeNote(handle.db, actors.nurse, patient.id, { kind: "integration", body: "Felt calm." }),
      ).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === "forbidden");
      expect(denied).toHaveLength(1);
      expect(denied[0]).toMatchObject({
        actorId: actors.nurse.id,
        action: "note.write",
        outcome: "denied",
      });

      await expect(
        writeNote(handle.db, actors.psychiatrist, patient.id, { kind: "progress", body: "   " }),
      ).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === "bad_request");
      expect(await notesCount()).toBe(before);
    });
  });

  describe("access and audit", () => {
    it("refuses an admin scores, the timeline and notes, auditing each refusal once", async () => {
      const [patient] = await handle.db.select().from(patients).orderBy(patients.mrn).limit(1);
      if (!patient) throw new Error("no patients");
      const reads: [string, () => Promise<unknown>][] = [
        ["progress.read", () => getPatientProgress(handle.db, actors.admin, patient.id)],
        ["note.list", () => listNotes(handle.db, actors.admin, patient.id)],
        ["timeline.read", () => getCourseTimeline(handle.db, actors.admin, patient.id)],
      ];
      for (const [action, read] of reads) {
        await expect(read()).rejects.toSatisfy(
          (e: unknown) => e instanceof AppError && e.code === "forbidden",
        );
        const rows = await auditedBy(read);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          actorId: actors.admin.id,
          action,
          entityId: patient.id,
          outcome: "denied",
        });
      }
      // Demographics stay open to the front desk.
      const header = await getPatientHeader(handle.db, actors.admin, patient.id);
      expect(header.mrn).toBe(patient.mrn);
    });

    it("leaves exactly one audit row for every read", async () => {
      const [patient] = await handle.db.select().from(patients).orderBy(patients.mrn).limit(1);
      if (!patient) throw new Error("no patients");
      const missing = "00000000-0000-4000-8000-000000000000";
      const reads: [string, string, () => Promise<unknown>][] = [
        ["patient.list", "success", () => listCaseload(handle.db, actors.psychiatrist, ALL)],
        ["patient.list", "success", () => listCaseload(handle.db, actors.admin, ALL)],
        [
          "patient.list",
          "success",
          () => listCaseload(handle.db, actors.nurse, { ...ALL, flag: "suicide-risk", query: "a" }),
        ],
        ["patient.read", "success", () => getPatientHeader(handle.db, actors.nurse, patient.id)],
        ["patient.read", "failure", () => getPatientHeader(handle.db, actors.nurse, missing)],
        ["progress.read", "success", () => getPatientProgress(handle.db, actors.nurse, patient.id)],
        ["progress.read", "failure", () => getPatientProgress(handle.db, actors.nurse, missing)],
        [
          "timeline.read",
          "success",
          () => getCourseTimeline(handle.db, actors.psychiatrist, patient.id),
        ],
        ["note.list", "success", () => listNotes(handle.db, actors.psychiatrist, patient.id)],
      ];
      for (const [action, outcome, read] of reads) {
        const rows = await auditedBy(read);
        expect(rows, `${action} ${outcome}`).toHaveLength(1);
        expect(rows[0]).toMatchObject({ action, outcome });
      }
      await expect(getPatientHeader(handle.db, actors.nurse, missing)).rejects.toSatisfy(
        (e: unknown) => e instanceof AppError && e.code === "not_found",
      );
      const [listed] = await handle.db
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.action, "patient.list"), eq(auditEvents.actorId, actors.nurse.id)),
        )
        .orderBy(auditEvents.id);
      expect(listed?.requestAddress).toBe("10.0.0.8");
    });

    it("reads the whole patient record for the page as the separate reads do, with one audit row", async () => {
      const [patient] = await handle.db
        .select()
        .from(patients)
        .where(eq(patients.status, "active"))
        .orderBy(patients.mrn)
        .limit(1);
      if (!patient) throw new Error("no active patient");
      const psychiatrist = actors.psychiatrist;
      const rows = await auditedBy(() => getPatientRecord(handle.db, psychiatrist, patient.id));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actorId: psychiatrist.id,
        action: "patient.record.read",
        entityId: patient.id,
        patientId: patient.id,
        outcome: "success",
      });

      const record = await getPatientRecord(handle.db, psychiatrist, patient.id);
      expect(record.header).toEqual(await getPatientHeader(handle.db, psychiatrist, patient.id));
      expect(record.clinical).not.toBeNull();
      expect(record.clinical?.progress).toEqual(
        await getPatientProgress(handle.db, psychiatrist, patient.id),
      );
      expect(record.clinical?.timeline).toEqual(
        await getCourseTimeline(handle.db, psychiatrist, patient.id),
      );
      expect(record.clinical?.timeline.length).toBeGreaterThan(0);
      expect(record.clinical?.assessments).toEqual(
        await listAssessments(handle.db, psychiatrist, patient.id),
      );
      expect(record.clinical?.notes).toEqual(await listNotes(handle.db, psychiatrist, patient.id));
      expect(record.clinical?.courses).toEqual(
        await listCourses(handle.db, psychiatrist, patient.id),
      );
      expect(record.clinical?.flags).toEqual(
        await patientSafety(handle.db, psychiatrist, patient.id),
      );

      // The next patient read the same way is that patient's record, audited as such.
      const [next] = await handle.db
        .select()
        .from(patients)
        .where(and(eq(patients.status, "active"), ne(patients.id, patient.id)))
        .orderBy(patients.mrn)
        .limit(1);
      if (!next) throw new Error("one active patient only");
      const nextRows = await auditedBy(async () => {
        const other = await getPatientRecord(handle.db, actors.nurse, next.id);
        expect(other.header).toEqual(await getPatientHeader(handle.db, actors.nurse, next.id));
        expect(other.clinical?.timeline).toEqual(
          await getCourseTimeline(handle.db, actors.nurse, next.id),
        );
      });
      expect(nextRows[0]).toMatchObject({
        actorId: actors.nurse.id,
        entityId: next.id,
        patientId: next.id,
        requestAddress: actors.nurse.requestAddress,
      });

      // The front desk sees demographics only, and that read is audited too.
      const adminRows = await auditedBy(async () => {
        const own = await getPatientRecord(handle.db, actors.admin, patient.id);
        expect(own.clinical).toBeNull();
        expect(own.header.mrn).toBe(patient.mrn);
      });
      expect(adminRows).toHaveLength(1);
      expect(adminRows[0]).toMatchObject({ action: "patient.record.read", outcome: "success" });

      const missing = "00000000-0000-4000-8000-000000000000";
      const failed = await auditedBy(() => getPatientRecord(handle.db, psychiatrist, missing));
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ action: "patient.record.read", outcome: "failure" });
      await expect(getPatientRecord(handle.db, psychiatrist, missing)).rejects.toSatisfy(
        (e: unknown) => e instanceof AppError && e.code === "not_found",
      );
    });
  });
});
