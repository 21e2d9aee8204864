import { and, count, eq, inArray, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreAssessment } from "@/lib/clinical/instruments";
import { migrateDatabase, openDatabase, type DbHandle } from "../../client";
import { staleSummaries } from "../../patient-summaries";
import * as schema from "../../schema";
import { DEMO_ACCOUNTS } from "../staff";
import { seedLargeClinic, type LargeSummary } from "./generate";

// A Wednesday, 10:30 in New York.
const NOW = new Date("2025-01-15T15:30:00Z");

describe("large clinic network seed", () => {
  let handle: DbHandle;
  let summary: LargeSummary;

  beforeAll(async () => {
    handle = await openDatabase({ engine: "pglite", dataDir: "memory://" });
    await migrateDatabase(handle);
    summary = await seedLargeClinic(handle.db, {
      patients: 40,
      batch: 15,
      now: NOW,
      timeZone: "America/New_York",
    });
  }, 30_000);

  afterAll(async () => {
    await handle?.close();
  });

  it("stores what the summary counts, with the demo accounts", async () => {
    const db = handle.db;
    const [patients] = await db.select({ n: count() }).from(schema.patients);
    const [vitals] = await db.select({ n: count() }).from(schema.vitals);
    expect(patients?.n).toBe(40);
    expect(summary.counts.patients).toBe(40);
    expect(vitals?.n).toBe(summary.counts.vitals);
    const emails = (await db.select({ email: schema.users.email }).from(schema.users)).map(
      (u) => u.email,
    );
    for (const account of DEMO_ACCOUNTS) expect(emails).toContain(account.email);
  });

  it("leaves every patient with a current summary for the patient list", async () => {
    const [summaries] = await handle.db.select({ n: count() }).from(schema.patientSummaries);
    expect(summaries?.n).toBe(40);
    expect(await staleSummaries(handle.db)).toEqual([]);
    const [withScores] = await handle.db
      .select({ n: count() })
      .from(schema.patientSummaries)
      .where(isNotNull(schema.patientSummaries.scores));
    expect(withScores?.n).toBeGreaterThan(0);
  });

  it("gives active patients about twelve dosing sessions and each dose 8–12 vitals", async () => {
    const db = handle.db;
    const active = await db
      .select({ id: schema.patients.id })
      .from(schema.patients)
      .where(eq(schema.patients.status, "active"));
    expect(active.length).toBeGreaterThan(0);
    const [dosing] = await db
      .select({ n: count() })
      .from(schema.sessions)
      .where(
        and(
          eq(schema.sessions.kind, "dosing"),
          eq(schema.sessions.status, "completed"),
          inArray(
            schema.sessions.patientId,
            active.map((p) => p.id),
          ),
        ),
      );
    const perPatient = (dosing?.n ?? 0) / active.length;
    expect(perPatient).toBeGreaterThanOrEqual(9);
    expect(perPatient).toBeLessThanOrEqual(15);

    const perSession = await db
      .select({ n: count(schema.vitals.id) })
      .from(schema.sessions)
      .leftJoin(schema.vitals, eq(schema.vitals.sessionId, schema.sessions.id))
      .where(and(eq(schema.sessions.kind, "dosing"), eq(schema.sessions.status, "completed")))
      .groupBy(schema.sessions.id);
    expect(perSession.length).toBeGreaterThan(0);
    for (const row of perSession) {
      expect(row.n).toBeGreaterThanOrEqual(8);
      expect(row.n).toBeLessThanOrEqual(12);
    }
    const [doses] = await db.select({ n: count() }).from(schema.doseAdministrations);
    // Every completed dosing session has its dose; one given right now may be in progress too.
    expect(doses?.n).toBeGreaterThanOrEqual(perSession.length);
    expect(doses?.n).toBeLessThanOrEqual(perSession.length + 5);
  });

  it("stores assessment totals and bands that match their answers", async () => {
    const rows = await handle.db.select().from(schema.assessments);
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      const outcome = scoreAssessment(row.instrument, row.answers);
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) continue;
      expect(row.total).toBe(outcome.score.total);
      expect(row.band).toBe(outcome.score.band);
    }
  });

  it("never books two sessions into one room at once", async () => {
    const rows = await handle.db
      .select({
        roomId: schema.sessions.roomId,
        start: schema.sessions.scheduledStart,
        end: schema.sessions.scheduledEnd,
      })
      .from(schema.sessions)
      .where(isNotNull(schema.sessions.roomId));
    const byRoom = new Map<string, { start: Date; end: Date }[]>();
    for (const r of rows) byRoom.set(r.roomId ?? "", [...(byRoom.get(r.roomId ?? "") ?? []), r]);
    for (const list of byRoom.values()) {
      list.sort((a, b) => a.start.getTime() - b.start.getTime());
      for (let i = 1; i < list.length; i += 1) {
        expect(list[i]!.start.getTime()).toBeGreaterThanOrEqual(list[i - 1]!.end.getTime());
      }
    }
  });
});
