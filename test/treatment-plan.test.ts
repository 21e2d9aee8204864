/**
 * The psychiatrist's treatment plan against a real database (no mocks): opening a course and
 * signing dose orders within and outside the CLINICAL.md ranges, the hand-over from one order to
 * the next, the permission matrix and the audit trail (one row per call, successful or refused).
 *
 * Each test opens its courses for a patient of its own, so tests do not depend on one another.
 */
import { and, asc, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbHandle } from "@/db/client";
import { doseOrders, patients, treatmentCourses, users, type Role } from "@/db/schema";
import { seedDemoClinic } from "@/db/seed/demo-clinic";
import type { CourseInput, DoseOrderInput, DoseOrderSigned } from "@/lib/api/ops-courses";
import { createCourse, listCourses, signDoseOrder } from "@/lib/courses/treatment-plan";
import type { AppError, ErrorCode } from "@/lib/errors";
import { signedOrderFor } from "@/lib/sessions/bedside";
import { audited as auditedCall, refusedWith, type AuditRow } from "./audit-trail";
import { ENGINES, freshDatabase } from "./databases";

const TZ = "America/New_York";
// Wednesday 11 March 2026, 11:30 in the clinic (EDT).
const NOW = new Date("2026-03-11T15:30:00Z");
const TODAY = "2026-03-11";

type Actor = { id: string; role: Role; requestAddress: string };

const IV_COURSE: CourseInput = {
  protocol: "iv_ketamine",
  paradigm: "biochemical",
  plannedSessions: 6,
  startDate: TODAY,
};
const ESKETAMINE_COURSE: CourseInput = {
  protocol: "intranasal_esketamine",
  paradigm: "biochemical",
  plannedSessions: 12,
  startDate: TODAY,
};

describe.each(ENGINES)("the treatment plan on %s", (engine) => {
  let handle: DbHandle;
  let db: Db;
  let mrn = 900100;
  const actors: Record<"psychiatrist" | "nurse" | "admin", Actor> = {
    psychiatrist: { id: "", role: "psychiatrist", requestAddress: "10.0.4.11" },
    nurse: { id: "", role: "nurse", requestAddress: "10.0.4.21" },
    admin: { id: "", role: "admin", requestAddress: "10.0.4.31" },
  };

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

  /** A newly referred patient with no course yet: TRD, 72.4 kg. */
  async function newPatient(): Promise<string> {
    mrn += 1;
    const [row] = await db
      .insert(patients)
      .values({
        mrn: `KP-${mrn}`,
        givenName: "Dana",
        familyName: `Whitfield-${mrn}`,
        dateOfBirth: "1981-06-14",
        sex: "female",
        weightKg: 72.4,
        diagnosisCode: "F33.2",
        diagnosisLabel: "Major depressive disorder, recurrent, severe without psychotic features",
        psychiatristId: actors.psychiatrist.id,
        status: "active",
      })
      .returning({ id: patients.id });
    if (!row) throw new Error("patient not inserted");
    return row.id;
  }

  async function newCourse(input: CourseInput = IV_COURSE): Promise<string> {
    const course = await createCourse(db, actors.psychiatrist, await newPatient(), input, NOW);
    return course.id;
  }

  const sign = (
    courseId: string,
    input: DoseOrderInput,
    actor: Actor = actors.psychiatrist,
  ): Promise<DoseOrderSigned> => signDoseOrder(db, actor, courseId, input, NOW);

  const ordersOf = (courseId: string): Promise<(typeof doseOrders.$inferSelect)[]> =>
    db
      .select()
      .from(doseOrders)
      .where(eq(doseOrders.courseId, courseId))
      .orderBy(asc(doseOrders.validFrom));

  // ── audit helpers: every call leaves exactly one audit row ──────────────────────────────

  const audited = <T>(call: () => Promise<T>): Promise<[T, AuditRow]> => auditedCall(db, call);

  const refused = (code: ErrorCode, call: () => Promise<unknown>): Promise<[AppError, AuditRow]> =>
    refusedWith(db, code, call);

  // ── courses ─────────────────────────────────────────────────────────────────────────────

  it("opens a course: active from today, planned when it starts later; audited", async () => {
    const patientId = await newPatient();
    const { psychiatrist } = actors;
    const [course, audit] = await audited(() =>
      createCourse(db, psychiatrist, patientId, IV_COURSE, NOW),
    );
    expect(course).toMatchObject({ patientId, ...IV_COURSE, status: "active", endDate: null });
    expect(audit).toMatchObject({
      action: "course.create",
      entityType: "course",
      entityId: course.id,
      patientId,
      actorId: psychiatrist.id,
      outcome: "success",
      requestAddress: "10.0.4.11",
    });
    const [stored] = await db
      .select()
      .from(treatmentCourses)
      .where(eq(treatmentCourses.id, course.id));
    expect(stored).toMatchObject({ createdBy: psychiatrist.id, plannedSessions: 6 });

    const later = { ...ESKETAMINE_COURSE, startDate: "2026-03-16" };
    const planned = await createCourse(db, psychiatrist, patientId, later, NOW);
    expect(planned.status).toBe("planned");
  });

  it("refuses a second planned or active course of the same protocol (409)", async () => {
    const patientId = await newPatient();
    await createCourse(
      db,
      actors.psychiatrist,
      patientId,
      { ...IV_COURSE, startDate: "2026-04-01" },
      NOW,
    );
    const [error, audit] = await refused("conflict", () =>
      createCourse(db, actors.psychiatrist, patientId, IV_COURSE, NOW),
    );
    expect(error.message).toMatch(/already has a planned IV ketamine course/);
    expect(audit).toMatchObject({ action: "course.create", patientId, entityId: null });
    const [stored] = await db
      .select({ n: count() })
      .from(treatmentCourses)
      .where(eq(treatmentCourses.patientId, patientId));
    expect(stored?.n).toBe(1);
  });

  it.each([
    ["no sessions", { plannedSessions: 0 }, "plannedSessions"],
    ["53 sessions", { plannedSessions: 53 }, "plannedSessions"],
    ["an impossible date", { startDate: "2026-02-30" }, "startDate"],
  ])("refuses a course with %s (400)", async (_what, change, field) => {
    const patientId = await newPatient();
    const [error] = await refused("bad_request", () =>
      createCourse(db, actors.psychiatrist, patientId, { ...IV_COURSE, ...change }, NOW),
    );
    expect(error.details?.map((d) => d.field)).toEqual([field]);
  });

  it("answers 404 for a patient that does not exist", async () => {
    await refused("not_found", () =>
      createCourse(db, actors.psychiatrist, "3f0c2a8e-2d8b-4c55-9a40-0d8f8b0f5a11", IV_COURSE, NOW),
    );
    await refused("not_found", () => createCourse(db, actors.psychiatrist, "KP-1", IV_COURSE, NOW));
  });

  // ── dose orders ─────────────────────────────────────────────────────────────────────────

  it("signs an IV order in range; the next order closes it the day before", async () => {
    const courseId = await newCourse();
    const [first, audit] = await audited(() =>
      sign(courseId, { doseMgPerKg: 0.5, infusionMinutes: 40, validFrom: TODAY }),
    );
    expect(first).toMatchObject({
      drug: "ketamine",
      route: "iv",
      doseMgPerKg: 0.5,
      doseMg: null,
      infusionMinutes: 40,
      outOfRangeReason: null,
      signedBy: { id: actors.psychiatrist.id },
      signedAt: NOW.toISOString(),
      validFrom: TODAY,
      validUntil: null,
      closedOrder: null,
      warnings: [],
    });
    expect(audit).toMatchObject({
      action: "dose-order.sign",
      entityType: "dose_order",
      entityId: first.id,
      outcome: "success",
    });
    const [course] = await db
      .select()
      .from(treatmentCourses)
      .where(eq(treatmentCourses.id, courseId));
    expect(audit.patientId).toBe(course?.patientId);

    // 0.9 mg/kg is above 0.75: refused until confirmed with a reason.
    const higher = { doseMgPerKg: 0.9, infusionMinutes: 40, validFrom: "2026-03-18" };
    const [unconfirmed] = await refused("unprocessable", () => sign(courseId, higher));
    expect(unconfirmed.message).toBe(
      "0.9 mg/kg is above the usual IV ketamine range of 0.1–0.75 mg/kg. To sign it, confirm with a reason.",
    );
    await refused("unprocessable", () => sign(courseId, { ...higher, confirmOutOfRange: true }));
    await refused("unprocessable", () => sign(courseId, { ...higher, reason: "Partial response" }));
    const reason = "Partial response at 0.5 mg/kg after four infusions";
    const second = await sign(courseId, { ...higher, confirmOutOfRange: true, reason });
    expect(second).toMatchObject({
      outOfRangeReason: reason,
      closedOrder: { id: first.id, validUntil: "2026-03-17" },
    });
    expect(second.warnings).toHaveLength(1);

    const stored = await ordersOf(courseId);
    expect(stored.map((o) => [o.doseMgPerKg, o.validFrom, o.validUntil])).toEqual([
      [0.5, TODAY, "2026-03-17"],
      [0.9, "2026-03-18", null],
    ]);
    // Exactly one order is in force on every day from the first.
    for (const [day, expected] of [
      ["2026-03-10", null],
      [TODAY, first.id],
      ["2026-03-17", first.id],
      ["2026-03-18", second.id],
      ["2026-06-01", second.id],
    ] as const) {
      expect((await signedOrderFor(db, courseId, day))?.id ?? null).toBe(expected);
    }
  });

  it("closes a seeded course's open order when a new one is signed", async () => {
    const [open] = await db
      .select({ id: doseOrders.id, courseId: doseOrders.courseId })
      .from(doseOrders)
      .innerJoin(treatmentCourses, eq(treatmentCourses.id, doseOrders.courseId))
      .where(
        and(
          eq(treatmentCourses.status, "active"),
          eq(treatmentCourses.protocol, "iv_ketamine"),
          sql`${doseOrders.validUntil} is null`,
        ),
      )
      .limit(1);
    if (!open) throw new Error("the demo clinic has no open IV order");
    const next = await sign(open.courseId, {
      doseMgPerKg: 0.6,
      infusionMinutes: 40,
      validFrom: "2026-03-12",
    });
    expect(next.closedOrder).toEqual({ id: open.id, validUntil: TODAY });
    const [closed] = await db.select().from(doseOrders).where(eq(doseOrders.id, open.id));
    expect(closed?.validUntil).toBe(TODAY);
  });

  it("refuses malformed IV orders and impossible dates (422, 409)", async () => {
    const courseId = await newCourse();
    const [noMinutes] = await refused("unprocessable", () =>
      sign(courseId, { doseMgPerKg: 0.5, validFrom: TODAY }),
    );
    expect(noMinutes.details).toEqual([{ field: "infusionMinutes", message: expect.any(String) }]);
    const [inMg] = await refused("unprocessable", () =>
      sign(courseId, { doseMg: 36, infusionMinutes: 40, validFrom: TODAY }),
    );
    expect(inMg.details?.map((d) => d.field)).toEqual(["doseMg", "doseMgPerKg"]);
    const [past] = await refused("unprocessable", () =>
      sign(courseId, { doseMgPerKg: 0.5, infusionMinutes: 40, validFrom: "2026-03-10" }),
    );
    expect(past.details?.[0]?.field).toBe("validFrom");
    const [backwards] = await refused("unprocessable", () =>
      sign(courseId, {
        doseMgPerKg: 0.5,
        infusionMinutes: 40,
        validFrom: "2026-03-20",
        validUntil: "2026-03-19",
      }),
    );
    expect(backwards.details?.[0]?.field).toBe("validUntil");
    await sign(courseId, { doseMgPerKg: 0.5, infusionMinutes: 40, validFrom: "2026-03-13" });
    await refused("conflict", () =>
      sign(courseId, { doseMgPerKg: 0.4, infusionMinutes: 40, validFrom: "2026-03-13" }),
    );
    expect(await ordersOf(courseId)).toHaveLength(1);
  });

  it("signs esketamine 56 and 84 mg; 28 mg needs a reason; 70 mg is refused", async () => {
    const courseId = await newCourse(ESKETAMINE_COURSE);
    const fiftySix = await sign(courseId, { doseMg: 56, validFrom: TODAY });
    expect(fiftySix).toMatchObject({
      drug: "esketamine",
      route: "intranasal",
      doseMg: 56,
      doseMgPerKg: null,
    });
    const eightyFour = await sign(courseId, { doseMg: 84, validFrom: "2026-03-14" });
    expect(eightyFour).toMatchObject({
      doseMg: 84,
      outOfRangeReason: null,
      closedOrder: { id: fiftySix.id },
    });

    const [noReason] = await refused("unprocessable", () =>
      sign(courseId, { doseMg: 28, validFrom: "2026-03-21", confirmOutOfRange: true }),
    );
    expect(noReason.message).toMatch(/28 mg esketamine .* confirm with a reason\.$/);
    const reason = "Marked dissociation and BP rise at 56 mg";
    const twentyEight = await sign(courseId, {
      doseMg: 28,
      validFrom: "2026-03-21",
      confirmOutOfRange: true,
      reason,
    });
    expect(twentyEight.outOfRangeReason).toBe(reason);

    const [seventy] = await refused("unprocessable", () =>
      sign(courseId, { doseMg: 70, validFrom: "2026-03-28", confirmOutOfRange: true, reason }),
    );
    expect(seventy.details).toEqual([
      { field: "doseMg", message: expect.stringMatching(/28 mg devices/) },
    ]);
    expect((await ordersOf(courseId)).map((o) => o.doseMg)).toEqual([56, 84, 28]);
  });

  it("keeps sublingual doses fixed in mg, confirming outside 100–400 mg", async () => {
    const courseId = await newCourse({
      ...IV_COURSE,
      protocol: "sublingual_ketamine",
      paradigm: "psychotherapeutic",
    });
    expect(await sign(courseId, { doseMg: 200, validFrom: TODAY })).toMatchObject({
      route: "sublingual",
      doseMg: 200,
    });
    await refused("unprocessable", () => sign(courseId, { doseMg: 500, validFrom: "2026-03-20" }));
  });

  // ── permissions ─────────────────────────────────────────────────────────────────────────

  it.each(["nurse", "admin"] as const)(
    "forbids a %s to open a course or sign an order",
    async (role) => {
      const patientId = await newPatient();
      const [, courseAudit] = await refused("forbidden", () =>
        createCourse(db, actors[role], patientId, IV_COURSE, NOW),
      );
      expect(courseAudit).toMatchObject({
        action: "course.create",
        actorId: actors[role].id,
        patientId,
      });
      const courseId = await newCourse();
      const [, orderAudit] = await refused("forbidden", () =>
        sign(courseId, { doseMgPerKg: 0.5, infusionMinutes: 40, validFrom: TODAY }, actors[role]),
      );
      expect(orderAudit).toMatchObject({ action: "dose-order.sign", entityType: "dose_order" });
      expect(orderAudit.patientId).not.toBeNull();
      const [courses] = await db
        .select({ n: count() })
        .from(treatmentCourses)
        .where(eq(treatmentCourses.patientId, patientId));
      expect(courses?.n).toBe(0);
      expect(await ordersOf(courseId)).toHaveLength(0);
    },
  );

  it("lists a patient's courses with their orders for clinical staff only", async () => {
    const patientId = await newPatient();
    const course = await createCourse(db, actors.psychiatrist, patientId, IV_COURSE, NOW);
    await sign(course.id, { doseMgPerKg: 0.5, infusionMinutes: 40, validFrom: TODAY });
    const [list, audit] = await audited(() => listCourses(db, actors.nurse, patientId));
    expect(audit).toMatchObject({ action: "course.list", patientId, outcome: "success" });
    const [psychiatrist] = await db
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, actors.psychiatrist.id));
    expect(list).toEqual([
      expect.objectContaining({
        id: course.id,
        status: "active",
        orders: [
          expect.objectContaining({
            doseMgPerKg: 0.5,
            signedBy: { id: actors.psychiatrist.id, name: psychiatrist?.name },
          }),
        ],
      }),
    ]);
    await refused("forbidden", () => listCourses(db, actors.admin, patientId));
  });
});
