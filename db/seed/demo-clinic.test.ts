import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { scoreAssessment } from "@/lib/clinical/instruments";
import { changePercent, isResponse } from "@/lib/clinical/progress";
import { migrateDatabase, openDatabase, type DbHandle } from "../client";
import * as schema from "../schema";
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  seedDemoClinic,
  seedDemoClinicIfEmpty,
  type SeedSummary,
} from "./demo-clinic";

const TZ = "America/New_York";
// A Wednesday, 10:30 in New York (EST).
const NOW = new Date("2025-01-15T15:30:00Z");

const localDate = (date: Date, timeZone = TZ): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone }).format(date);
const localTime = (date: Date, timeZone = TZ): string =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(date);

async function seeded(
  now: Date,
  timeZone = TZ,
): Promise<{ handle: DbHandle; summary: SeedSummary }> {
  const handle = await openDatabase({ engine: "pglite", dataDir: "memory://" });
  await migrateDatabase(handle);
  const summary = await seedDemoClinic(handle.db, { now, timeZone });
  return { handle, summary };
}

type SessionRow = typeof schema.sessions.$inferSelect;

function roomOverlaps(rows: readonly SessionRow[]): string[] {
  const live = rows.filter((s) => s.status !== "cancelled" && s.roomId !== null);
  const clashes: string[] = [];
  for (const a of live) {
    for (const b of live) {
      if (
        a.id < b.id &&
        a.roomId === b.roomId &&
        a.scheduledStart < b.scheduledEnd &&
        b.scheduledStart < a.scheduledEnd
      ) {
        clashes.push(`${a.id} / ${b.id}`);
      }
    }
  }
  return clashes;
}

describe("demo clinic seed", () => {
  let handle: DbHandle;
  let summary: SeedSummary;
  let sessions: SessionRow[];

  beforeAll(async () => {
    ({ handle, summary } = await seeded(NOW));
    sessions = await handle.db.select().from(schema.sessions);
  });

  afterAll(async () => {
    await handle.close();
  });

  it("creates the three demo accounts with their roles and the shared demo password", async () => {
    const users = await handle.db.select().from(schema.users);
    for (const account of DEMO_ACCOUNTS) {
      const user = users.find((u) => u.email === account.email);
      expect(user?.role).toBe(account.role);
      expect(await verifyPassword(user?.passwordHash ?? "", DEMO_PASSWORD)).toBe(true);
    }
    expect(users.filter((u) => u.role === "psychiatrist")).toHaveLength(3);
    expect(users.filter((u) => u.role === "nurse")).toHaveLength(4);
    expect(users.every((u) => u.email === u.email.toLowerCase())).toBe(true);
  });

  it("loads about sixty patients with unique MRNs and every protocol", async () => {
    const patients = await handle.db.select().from(schema.patients);
    expect(patients.length).toBeGreaterThanOrEqual(55);
    expect(patients.length).toBeLessThanOrEqual(65);
    expect(new Set(patients.map((p) => p.mrn)).size).toBe(patients.length);
    expect(summary.patients).toBe(patients.length);
    const courses = await handle.db.select().from(schema.treatmentCourses);
    expect(new Set(courses.map((c) => c.protocol))).toEqual(
      new Set(["iv_ketamine", "im_ketamine", "intranasal_esketamine", "sublingual_ketamine"]),
    );
    const statuses = new Set(patients.map((p) => p.status));
    expect(statuses).toEqual(
      new Set(["intake", "screening", "active", "maintenance", "completed", "discontinued"]),
    );
  });

  it("shows a live board today: finished, in progress, checked in and still to come", async () => {
    const today = sessions.filter((s) => localDate(s.scheduledStart) === localDate(NOW));
    const statuses = new Set(today.map((s) => s.status));
    for (const status of ["scheduled", "checked_in", "in_progress", "completed"] as const) {
      expect(statuses).toContain(status);
    }
    expect(
      today.filter((s) => s.status === "in_progress" && s.kind === "dosing").length,
    ).toBeGreaterThanOrEqual(2);
    for (const s of today.filter((x) => x.status === "checked_in"))
      expect(s.checkIn?.identityConfirmed).toBe(true);

    const doses = await handle.db.select().from(schema.doseAdministrations);
    const vitals = await handle.db.select().from(schema.vitals);
    for (const s of today.filter((x) => x.status === "in_progress" && x.kind === "dosing")) {
      const dose = doses.find((d) => d.sessionId === s.id);
      expect(dose).toBeDefined();
      const rows = vitals.filter((v) => v.sessionId === s.id);
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const v of rows) {
        expect(v.takenAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
        const expected =
          dose && v.takenAt >= dose.startedAt
            ? Math.floor((v.takenAt.getTime() - dose.startedAt.getTime()) / 60_000)
            : null;
        expect(v.minutesFromDose).toBe(expected);
      }
    }
    const demoNurse = (await handle.db.select().from(schema.users)).find(
      (u) => u.email === DEMO_ACCOUNTS[1].email,
    );
    expect(today.filter((s) => s.nurseId === demoNurse?.id).length).toBeGreaterThanOrEqual(3);
  });

  it("books inside clinic hours without double-booking a room", () => {
    expect(roomOverlaps(sessions)).toEqual([]);
    for (const s of sessions) {
      expect(localTime(s.scheduledStart) >= "08:00").toBe(true);
      expect(localTime(s.scheduledEnd) <= "18:00").toBe(true);
    }
  });

  it("stores totals, bands and flags exactly as the scoring rules compute them", async () => {
    const rows = await handle.db.select().from(schema.assessments);
    expect(rows.length).toBeGreaterThan(500);
    for (const a of rows) {
      const outcome = scoreAssessment(a.instrument, a.answers);
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) continue;
      expect({ total: a.total, band: a.band, flags: a.flags }).toEqual({
        total: outcome.score.total,
        band: outcome.score.band,
        flags: outcome.score.flags,
      });
    }
    expect(
      rows.some((a) => a.instrument === "PHQ-9" && a.flags.includes("suicidal-ideation")),
    ).toBe(true);
    expect(rows.some((a) => a.instrument === "C-SSRS" && a.band === "moderate")).toBe(true);
  });

  it("includes responders and non-responders on the PHQ-9", async () => {
    const rows = await handle.db.select().from(schema.assessments);
    const byPatient = new Map<string, number[]>();
    for (const a of [...rows].sort(
      (x, y) => x.administeredAt.getTime() - y.administeredAt.getTime(),
    )) {
      if (a.instrument !== "PHQ-9" || a.total === null) continue;
      byPatient.set(a.patientId, [...(byPatient.get(a.patientId) ?? []), a.total]);
    }
    const outcomes = [...byPatient.values()]
      .filter((t) => t.length >= 4)
      .map((t) => ({ first: t[0] ?? null, last: t[t.length - 1] ?? null }));
    expect(outcomes.some((o) => isResponse(o.first, o.last))).toBe(true);
    expect(outcomes.some((o) => (changePercent(o.first, o.last) ?? -100) > -25)).toBe(true);
  });

  it("gives the same clinic for the same moment, and leaves a seeded database alone", async () => {
    const second = await seeded(NOW);
    try {
      const names = async (h: DbHandle): Promise<string[]> =>
        (await h.db.select().from(schema.patients))
          .map((p) => `${p.mrn} ${p.givenName} ${p.familyName}`)
          .sort();
      expect(await names(second.handle)).toEqual(await names(handle));
      expect(second.summary).toEqual(summary);
      expect(await seedDemoClinicIfEmpty(second.handle.db)).toBe(false);
      const [users] = await second.handle.db.select({ n: count() }).from(schema.users);
      expect(users?.n).toBe(summary.users);
    } finally {
      await second.handle.close();
    }
  });
});

describe("demo clinic seed on an awkward day", () => {
  it("keeps the board alive on a Sunday morning when the clocks change", async () => {
    // 07:00 EDT on 8 March 2026, the Sunday daylight saving time starts.
    const now = new Date("2026-03-08T11:00:00Z");
    const { handle } = await seeded(now);
    try {
      const rows = await handle.db.select().from(schema.sessions);
      const today = rows.filter((s) => localDate(s.scheduledStart) === "2026-03-08");
      for (const status of ["scheduled", "checked_in", "in_progress", "completed"] as const) {
        expect(today.map((s) => s.status)).toContain(status);
      }
      expect(roomOverlaps(rows)).toEqual([]);
      for (const s of rows) expect(localTime(s.scheduledStart) >= "08:00").toBe(true);
    } finally {
      await handle.close();
    }
  });

  it("seeds an empty database as of now", async () => {
    const handle = await openDatabase({ engine: "pglite", dataDir: "memory://" });
    try {
      await migrateDatabase(handle);
      expect(await seedDemoClinicIfEmpty(handle.db)).toBe(true);
      const [patients] = await handle.db.select({ n: count() }).from(schema.patients);
      expect(patients?.n).toBeGreaterThanOrEqual(55);
    } finally {
      await handle.close();
    }
  });
});
