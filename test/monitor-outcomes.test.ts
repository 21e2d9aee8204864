import { and, count, countDistinct, desc, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import {
  alerts,
  assessments,
  auditEvents,
  patients,
  sessions,
  treatmentCourses,
  users,
  vitals,
} from "@/db/schema";
import { seedDemoClinic } from "@/db/seed/demo-clinic";
import { listActiveSessions } from "@/lib/monitor/active-sessions";
import { clinicOutcomes } from "@/lib/outcomes/clinic-outcomes";
import { amendVitals, recordVitals } from "@/lib/sessions/record-vitals";
import { ENGINES, freshDatabase } from "./databases";

const TZ = "America/New_York";
// A Wednesday mid-morning in the clinic: two dosing sessions are in progress.
const NOW = new Date("2026-03-11T14:30:00Z");
const minutesAfter = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * 60_000);

type Role = "psychiatrist" | "nurse" | "admin";

/** PCL-5 answers (20 items, 0–4) adding up to `total`, spread as a patient would fill them in. */
function pcl5Answers(total: number): number[] {
  return Array.from({ length: 20 }, (_, i) => Math.min(4, Math.floor((total + 19 - i) / 20)));
}

describe.each(ENGINES)("live monitor and clinic outcomes on %s", (engine) => {
  let handle: DbHandle;
  const actors: Record<Role, { id: string; role: Role }> = {
    psychiatrist: { id: "", role: "psychiatrist" },
    nurse: { id: "", role: "nurse" },
    admin: { id: "", role: "admin" },
  };

  beforeAll(async () => {
    handle = await freshDatabase(engine);
    await seedDemoClinic(handle.db, { now: NOW, timeZone: TZ });
    for (const role of ["psychiatrist", "nurse", "admin"] as const) {
      const [row] = await handle.db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, `${role}@demo.kapstone.test`));
      actors[role].id = row?.id ?? "";
    }
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function auditCount(action: string, outcome: "success" | "denied"): Promise<number> {
    const [row] = await handle.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.outcome, outcome)));
    return row?.n ?? 0;
  }

  /** The latest reading of a session that no correction has replaced, read straight from SQL. */
  async function latestCurrentReading(sessionId: string): Promise<typeof vitals.$inferSelect> {
    const [row] = await handle.db
      .select()
      .from(vitals)
      .where(
        and(
          eq(vitals.sessionId, sessionId),
          sql`${vitals.id} not in (select supersedes_id from vitals where supersedes_id is not null)`,
        ),
      )
      .orderBy(desc(vitals.takenAt), desc(vitals.createdAt))
      .limit(1);
    if (!row) throw new Error(`session ${sessionId} has no vitals`);
    return row;
  }

  it("lists exactly the sessions in progress, with their latest current vitals and open alerts", async () => {
    const inProgress = await handle.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.status, "in_progress"));
    expect(inProgress.length).toBeGreaterThanOrEqual(2);

    // A mistyped latest reading on one session is corrected: the board must show the correction.
    const [first, second] = inProgress;
    if (!first || !second) throw new Error("seed has fewer than two sessions in progress");
    const mistyped = await latestCurrentReading(first.id);
    const corrected = await amendVitals(
      handle.db,
      actors.psychiatrist,
      first.id,
      mistyped.id,
      {
        systolic: 131,
        diastolic: 83,
        heartRate: 77,
        spo2: 97,
        sedationMoaas: 4,
        reason: "Re-measured with the correct cuff",
      },
      minutesAfter(NOW, 1),
    );
    // A critical reading on the other session opens a critical alert.
    await recordVitals(
      handle.db,
      actors.nurse,
      second.id,
      { systolic: 186, diastolic: 112, heartRate: 96, spo2: 96, sedationMoaas: 4 },
      { idempotencyKey: null, now: minutesAfter(NOW, 2) },
    );

    const now = minutesAfter(NOW, 3);
    const board = await listActiveSessions(handle.db, actors.psychiatrist, now);
    expect(board.map((s) => s.id).sort()).toEqual(inProgress.map((s) => s.id).sort());

    for (const card of board) {
      const expected = await latestCurrentReading(card.id);
      expect(card.latestVitals).toMatchObject({
        takenAt: expected.takenAt,
        systolic: expected.systolic,
        diastolic: expected.diastolic,
        heartRate: expected.heartRate,
        spo2: expected.spo2,
        moaas: expected.moaas,
      });
      const open = await handle.db
        .select({ id: alerts.id })
        .from(alerts)
        .where(and(eq(alerts.sessionId, card.id), isNull(alerts.acknowledgedAt)));
      expect(card.openAlerts.map((a) => a.id).sort()).toEqual(open.map((a) => a.id).sort());
      expect(card.dose).not.toBeNull();
      expect(card.minutesSinceDose).toBe(
        Math.floor((now.getTime() - (card.dose?.startedAt.getTime() ?? 0)) / 60_000),
      );
      expect(card.courseProgress).toMatch(/^\S.* \d+ of \d+$/);
    }

    const amended = board.find((s) => s.id === first.id);
    expect(amended?.latestVitals).toMatchObject({ systolic: 131, diastolic: 83, heartRate: 77 });
    expect(corrected.id).not.toBe(mistyped.id);

    const critical = board[0];
    expect(critical?.id).toBe(second.id);
    expect(critical?.highestAlertLevel).toBe("critical");
    expect(critical?.openAlerts[0]).toMatchObject({ level: "critical", code: "bp-critical" });
  });

  it("audits each read of the board", async () => {
    const before = await auditCount("monitor.read", "success");
    await listActiveSessions(handle.db, actors.nurse, NOW);
    expect(await auditCount("monitor.read", "success")).toBe(before + 1);
  });

  it("refuses an admin the monitor and the outcomes, auditing both refusals", async () => {
    const monitorBefore = await auditCount("monitor.read", "denied");
    await expect(listActiveSessions(handle.db, actors.admin, NOW)).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await auditCount("monitor.read", "denied")).toBe(monitorBefore + 1);

    const outcomesBefore = await auditCount("outcomes.read", "denied");
    await expect(clinicOutcomes(handle.db, actors.admin)).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await auditCount("outcomes.read", "denied")).toBe(outcomesBefore + 1);
  });

  it("reports rates with their n, and accounts for every patient with a course", async () => {
    const before = await auditCount("outcomes.read", "success");
    const report = await clinicOutcomes(handle.db, actors.psychiatrist);
    expect(await auditCount("outcomes.read", "success")).toBe(before + 1);

    const [withCourse] = await handle.db
      .select({ n: countDistinct(treatmentCourses.patientId) })
      .from(treatmentCourses);
    const excluded = report.excluded.reduce((sum, e) => sum + e.count, 0);
    expect(report.patientsWithCourse).toBe(withCourse?.n);
    expect(report.included + excluded).toBe(withCourse?.n);
    expect(report.included).toBeGreaterThan(0);
    // Patients still in screening have a course but no dose yet.
    expect(report.excluded.map((e) => e.reason)).toContain("not-dosed");

    for (const rows of [report.byProtocol, report.byDiagnosis, report.byInstrument]) {
      expect(rows.reduce((sum, r) => sum + r.n, 0)).toBe(report.included);
      for (const r of rows) {
        expect(r.n).toBeGreaterThan(0);
        expect(r.responseRate).toBeGreaterThanOrEqual(0);
        expect(r.responseRate).toBeLessThanOrEqual(1);
        expect(r.remissionRate).toBeGreaterThanOrEqual(0);
        expect(r.remissionRate).toBeLessThanOrEqual(1);
        expect(r.responseRate).toBeCloseTo(r.responders / r.n, 10);
        expect(r.remissionRate).toBeCloseTo(r.remitters / r.n, 10);
      }
    }
    expect(report.overall?.n).toBe(report.included);
    expect(report.changeDistribution.reduce((sum, b) => sum + b.count, 0)).toBe(report.included);
    const histogramTotal = report.sessionsToResponse.histogram.reduce((s, h) => s + h.count, 0);
    expect(histogramTotal).toBe(report.sessionsToResponse.n);
    expect(report.byDiagnosis.map((r) => r.label)).toContain(
      "F33 Major depressive disorder, recurrent",
    );
  });

  it("measures a PTSD patient on the PCL-5 from the last score before the first dose", async () => {
    const { db } = handle;
    const psychiatristId = actors.psychiatrist.id;
    const [patient] = await db
      .insert(patients)
      .values({
        mrn: "KAP-HAND-1",
        givenName: "Rowan",
        familyName: "Testcase",
        dateOfBirth: "1984-06-02",
        sex: "female",
        diagnosisCode: "F43.12",
        diagnosisLabel: "Post-traumatic stress disorder, chronic",
        psychiatristId,
        status: "active",
      })
      .returning({ id: patients.id });
    if (!patient) throw new Error("patient not stored");
    const [course] = await db
      .insert(treatmentCourses)
      .values({
        patientId: patient.id,
        protocol: "im_ketamine",
        paradigm: "psychotherapeutic",
        plannedSessions: 6,
        startDate: "2026-01-05",
        status: "active",
      })
      .returning({ id: treatmentCourses.id });
    if (!course) throw new Error("course not stored");
    // Four IM sessions a week apart, dosed 15 min after the booked start.
    const dosingStarts = [0, 7, 14, 21].map((d) => new Date(Date.UTC(2026, 0, 6 + d, 15, 15)));
    await db.insert(sessions).values(
      dosingStarts.map((startedAt, i) => ({
        patientId: patient.id,
        courseId: course.id,
        kind: "dosing" as const,
        scheduledStart: minutesAfter(startedAt, -15),
        scheduledEnd: minutesAfter(startedAt, 105),
        startedAt,
        completedAt: minutesAfter(startedAt, 100),
        status: "completed" as const,
        numberInCourse: i + 1,
      })),
    );
    const pcl5 = (at: Date, total: number): typeof assessments.$inferInsert => ({
      patientId: patient.id,
      instrument: "PCL-5",
      administeredAt: at,
      answers: pcl5Answers(total),
      total,
      band: total >= 33 ? "probable PTSD" : "below threshold",
      rater: "self",
      enteredBy: psychiatristId,
    });
    const [d1, d2, d3, d4] = dosingStarts;
    if (!d1 || !d2 || !d3 || !d4) throw new Error("four dosing sessions expected");
    await db.insert(assessments).values([
      pcl5(new Date("2025-12-15T16:00:00Z"), 58), // intake
      pcl5(minutesAfter(d1, -12), 52), // pre-dose at session 1: the baseline
      pcl5(minutesAfter(d2, -12), 41),
      pcl5(minutesAfter(d3, -12), 25), // after 2 completed sessions: 25 ≤ 26, response
      pcl5(minutesAfter(d4, -12), 30), // latest
    ]);

    const report = await clinicOutcomes(db, actors.psychiatrist);
    const mine = report.patients.find((p) => p.included && p.outcome.patientId === patient.id);
    // (30 − 52) / 52 = −42.3 %: no longer a response, but below 33 on the PCL-5 = remission.
    expect(mine).toEqual({
      included: true,
      outcome: {
        patientId: patient.id,
        instrument: "PCL-5",
        protocol: "im_ketamine",
        category: { code: "F43", label: "F43 Reaction to severe stress, and adjustment disorders" },
        baseline: 52,
        latest: 30,
        changePct: ((30 - 52) / 52) * 100,
        response: false,
        remission: true,
        sessionsToFirstResponse: 2,
      },
    });
    expect(mine?.included && mine.outcome.changePct).toBeCloseTo(-42.31, 2);
  });
});
