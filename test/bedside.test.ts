/**
 * The nurse's bedside, end to end against a real database (no mocks): check-in, baseline and
 * pre-dose check, the dose against the signed order, vitals with their alerts, corrections,
 * adverse events, CADSS, discharge — with idempotent retries, the permission matrix and the
 * audit trail (one row per attempt, successful or refused).
 *
 * Every test that writes works on its own dosing session, booked fresh for a patient whose
 * course has a signed order in force today, so tests do not depend on one another's data.
 */
import { and, asc, count, eq, gte, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbHandle } from "@/db/client";
import {
  adverseEvents,
  alerts,
  assessments,
  doseAdministrations,
  doseOrders,
  patients,
  sessions,
  treatmentCourses,
  users,
  vitals,
  type Protocol,
  type Role,
} from "@/db/schema";
import { seedDemoClinic } from "@/db/seed/demo-clinic";
import type { VitalsBody } from "@/lib/api/session-schemas";
import { AppError, type ErrorCode } from "@/lib/errors";
import { endInfusion, recordDose, reviewPreDose, type DoseInput } from "@/lib/sessions/record-dose";
import { amendVitals, recordVitals } from "@/lib/sessions/record-vitals";
import { getSessionDetail, listSessionVitals } from "@/lib/sessions/session-detail";
import {
  acknowledgeAlert,
  recordAdverseEvent,
  recordDissociation,
  resolveAdverseEvent,
} from "@/lib/sessions/session-events";
import {
  checkInSession,
  dischargeSession,
  markNoShow,
  startSession,
} from "@/lib/sessions/transitions";
import {
  audited as auditedCall,
  lastAuditId,
  newAuditRows,
  refusedWith,
  type AuditRow,
} from "./audit-trail";
import { ENGINES, freshDatabase } from "./databases";

const TZ = "America/New_York";
// Wednesday 11 March 2026, 11:30 in the clinic (EDT): the demo board is live.
const NOW = new Date("2026-03-11T15:30:00Z");
const TODAY = "2026-03-11";

/** Minutes after NOW: each test's own clock for its session. */
const at = (minutes: number): Date => new Date(NOW.getTime() + minutes * 60_000);

type Actor = { id: string; role: Role; name: string; requestAddress: string };

type CourseChoice = {
  courseId: string;
  patientId: string;
  psychiatristId: string | null;
  weightKg: number;
  orderMgPerKg: number | null;
  orderMg: number | null;
};

type FreshSession = CourseChoice & {
  sessionId: string;
  /** The signed order for today, in mg (mg/kg × today's weight, to 0.1 mg, or the fixed dose). */
  orderedMg: number;
};

/** A resting reading, alert and discharge-ready unless a value is overridden. */
function reading(systolic: number, diastolic: number, extra: Partial<VitalsBody> = {}): VitalsBody {
  return {
    systolic,
    diastolic,
    heartRate: 74,
    spo2: 98,
    respiratoryRate: 14,
    temperatureC: 36.8,
    sedationMoaas: 5,
    ...extra,
  };
}

function ivDose(doseMg: number, extra: Partial<DoseInput> = {}): DoseInput {
  return { drug: "ketamine", route: "iv", doseMg, lot: "KET-25A009", ...extra };
}

function esketamineDose(doseMg: number, devices: number | null): DoseInput {
  return { drug: "esketamine", route: "intranasal", doseMg, devices, lot: "ESK-25A087" };
}

const CHECK_IN_ALL_CONFIRMED = {
  identityConfirmed: true,
  fastingConfirmed: true,
  rideHomeConfirmed: true,
  changesSinceLastVisit: null,
} as const;

// Also on the embedded database's own thread, as the app server runs it.
describe.each([...ENGINES, "pglite-thread" as const])("the nurse's bedside on %s", (engine) => {
  let handle: DbHandle;
  let db: Db;
  const actors: Record<"psychiatrist" | "nurse" | "otherNurse" | "admin", Actor> = {
    psychiatrist: { id: "", role: "psychiatrist", name: "", requestAddress: "10.0.4.11" },
    nurse: { id: "", role: "nurse", name: "", requestAddress: "10.0.4.21" },
    otherNurse: { id: "", role: "nurse", name: "", requestAddress: "10.0.4.22" },
    admin: { id: "", role: "admin", name: "", requestAddress: "10.0.4.31" },
  };
  const courses = new Map<Protocol, CourseChoice[]>();
  const used = new Map<Protocol, number>();

  beforeAll(async () => {
    handle = await freshDatabase(engine);
    db = handle.db;
    await seedDemoClinic(db, { now: NOW, timeZone: TZ });
    const staff = await db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role })
      .from(users)
      .where(eq(users.active, true))
      .orderBy(asc(users.email));
    const byEmail = (email: string): { id: string; name: string } => {
      const user = staff.find((u) => u.email === email);
      if (!user) throw new Error(`seed has no ${email}`);
      return user;
    };
    Object.assign(actors.psychiatrist, byEmail("psychiatrist@demo.kapstone.test"));
    Object.assign(actors.nurse, byEmail("nurse@demo.kapstone.test"));
    Object.assign(actors.admin, byEmail("admin@demo.kapstone.test"));
    const colleague = staff.find((u) => u.role === "nurse" && u.id !== actors.nurse.id);
    if (!colleague) throw new Error("seed has only one nurse");
    Object.assign(actors.otherNurse, { id: colleague.id, name: colleague.name });
    for (const protocol of ["iv_ketamine", "intranasal_esketamine"] as const) {
      courses.set(protocol, await coursesWithOrderToday(protocol));
    }
  });
  afterAll(async () => {
    await handle?.close();
  });

  // ── data helpers ────────────────────────────────────────────────────────────────────────

  /** Active courses of a protocol with exactly one signed order in force today. */
  async function coursesWithOrderToday(protocol: Protocol): Promise<CourseChoice[]> {
    const rows = await db
      .select({
        courseId: treatmentCourses.id,
        patientId: patients.id,
        psychiatristId: patients.psychiatristId,
        weightKg: patients.weightKg,
        orderMgPerKg: doseOrders.doseMgPerKg,
        orderMg: doseOrders.doseMg,
      })
      .from(doseOrders)
      .innerJoin(treatmentCourses, eq(treatmentCourses.id, doseOrders.courseId))
      .innerJoin(patients, eq(patients.id, treatmentCourses.patientId))
      .where(
        and(
          eq(treatmentCourses.protocol, protocol),
          eq(treatmentCourses.status, "active"),
          isNotNull(doseOrders.signedAt),
          lte(doseOrders.validFrom, TODAY),
          or(isNull(doseOrders.validUntil), gte(doseOrders.validUntil, TODAY)),
        ),
      )
      .orderBy(asc(treatmentCourses.id));
    const perCourse = new Map<string, number>();
    for (const r of rows) perCourse.set(r.courseId, (perCourse.get(r.courseId) ?? 0) + 1);
    const choices: CourseChoice[] = [];
    for (const r of rows) {
      if (perCourse.get(r.courseId) !== 1 || r.weightKg === null) continue;
      choices.push({ ...r, weightKg: r.weightKg });
    }
    return choices;
  }

  /** Books a new dosing session starting now for the next suitable course (round robin). */
  async function newDosingSession(
    protocol: Protocol,
    suits: (c: CourseChoice) => boolean = () => true,
  ): Promise<FreshSession> {
    const candidates = (courses.get(protocol) ?? []).filter(suits);
    const turn = used.get(protocol) ?? 0;
    used.set(protocol, turn + 1);
    const course = candidates[turn % Math.max(candidates.length, 1)];
    if (!course) throw new Error(`the demo clinic has no ${protocol} course for this test`);
    const [row] = await db
      .insert(sessions)
      .values({
        patientId: course.patientId,
        courseId: course.courseId,
        kind: "dosing",
        scheduledStart: at(-5),
        scheduledEnd: at(protocol === "intranasal_esketamine" ? 145 : 85),
        psychiatristId: course.psychiatristId ?? actors.psychiatrist.id,
        nurseId: actors.nurse.id,
        status: "scheduled",
      })
      .returning({ id: sessions.id });
    if (!row) throw new Error("session not inserted");
    const orderedMg =
      course.orderMg ?? Math.round((course.orderMgPerKg ?? 0) * course.weightKg * 10) / 10;
    return { ...course, sessionId: row.id, orderedMg };
  }

  async function checkedIn(
    protocol: Protocol,
    options: {
      fastingConfirmed?: boolean;
      rideHomeConfirmed?: boolean;
      suits?: (c: CourseChoice) => boolean;
    } = {},
  ): Promise<FreshSession> {
    const s = await newDosingSession(protocol, options.suits);
    await checkInSession(
      db,
      actors.nurse,
      s.sessionId,
      {
        ...CHECK_IN_ALL_CONFIRMED,
        fastingConfirmed: options.fastingConfirmed ?? true,
        rideHomeConfirmed: options.rideHomeConfirmed ?? true,
      },
      at(0),
    );
    return s;
  }

  /** Checked in at 0, baseline 124/78 at 2 min, IV dose as ordered at 5 min: in progress. */
  async function dosedIv(): Promise<FreshSession & { doseId: string }> {
    const s = await checkedIn("iv_ketamine");
    await vitalsAt(s.sessionId, 2, reading(124, 78));
    const dose = await recordDose(db, actors.nurse, s.sessionId, ivDose(s.orderedMg), {
      idempotencyKey: null,
      now: at(5),
    });
    return { ...s, doseId: dose.id };
  }

  function vitalsAt(
    sessionId: string,
    minute: number,
    body: VitalsBody,
    options: { actor?: Actor; key?: string } = {},
  ): ReturnType<typeof recordVitals> {
    return recordVitals(db, options.actor ?? actors.nurse, sessionId, body, {
      idempotencyKey: options.key ?? null,
      now: at(minute),
    });
  }

  async function countWhere(table: PgTable, where: SQL | undefined): Promise<number> {
    const [row] = await db.select({ n: count() }).from(table).where(where);
    return row?.n ?? 0;
  }
  const vitalsRows = (sessionId: string): Promise<number> =>
    countWhere(vitals, eq(vitals.sessionId, sessionId));
  const doseRows = (sessionId: string): Promise<number> =>
    countWhere(doseAdministrations, eq(doseAdministrations.sessionId, sessionId));
  const adverseEventRows = (sessionId: string): Promise<number> =>
    countWhere(adverseEvents, eq(adverseEvents.sessionId, sessionId));
  const alertRows = (sessionId: string): Promise<number> =>
    countWhere(alerts, eq(alerts.sessionId, sessionId));
  const cadssRows = (sessionId: string): Promise<number> =>
    countWhere(
      assessments,
      and(eq(assessments.sessionId, sessionId), eq(assessments.instrument, "CADSS")),
    );

  async function sessionRow(sessionId: string): Promise<typeof sessions.$inferSelect> {
    const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    if (!row) throw new Error("no such session");
    return row;
  }

  async function storedAlertCodes(vitalsId: string): Promise<string[]> {
    const rows = await db
      .select({ code: alerts.code })
      .from(alerts)
      .where(eq(alerts.vitalsId, vitalsId))
      .orderBy(asc(alerts.code));
    return rows.map((r) => r.code);
  }

  // ── audit helpers: every attempt leaves exactly one audit row ──────────────────────────

  /** Runs a successful call and returns its result with the one audit row it appended. */
  const audited = <T>(call: () => Promise<T>): Promise<[T, AuditRow]> =>
    auditedCall(db, call, { outcome: "success" });

  /**
   * Runs a call that must be refused with the given code, and returns the error with the one
   * audit row it appended: "denied" for a 403, "failure" for any other refusal.
   */
  const refused = (code: ErrorCode, call: () => Promise<unknown>): Promise<[AppError, AuditRow]> =>
    refusedWith(db, code, call);

  const fieldsOf = (error: AppError): string[] => (error.details ?? []).map((d) => d.field);

  // ── 1. the IV journey ───────────────────────────────────────────────────────────────────

  it("takes an IV infusion from check-in to discharge: baseline, dose as ordered, alerts, recovery", async () => {
    const s = await newDosingSession("iv_ketamine");
    const nurse = actors.nurse;

    // Check-in.
    const [checkIn, checkInAudit] = await audited(() =>
      checkInSession(db, nurse, s.sessionId, CHECK_IN_ALL_CONFIRMED, at(0)),
    );
    expect(checkIn).toEqual({ id: s.sessionId, status: "checked_in" });
    expect(checkInAudit).toMatchObject({
      action: "session.check-in",
      actorId: nurse.id,
      actorRole: "nurse",
      patientId: s.patientId,
      entityId: s.sessionId,
      requestAddress: nurse.requestAddress,
    });
    expect(await sessionRow(s.sessionId)).toMatchObject({
      status: "checked_in",
      checkedInAt: at(0),
      checkedInBy: nurse.id,
      checkIn: { identityConfirmed: true, fastingConfirmed: true, rideHomeConfirmed: true },
    });

    // A second check-in names the current status.
    const [again, againAudit] = await refused("conflict", () =>
      checkInSession(db, nurse, s.sessionId, CHECK_IN_ALL_CONFIRMED, at(1)),
    );
    expect(again.details).toEqual([{ field: "status", message: "checked_in" }]);
    expect(againAudit).toMatchObject({ action: "session.check-in", actorId: nurse.id });

    // No dose before a baseline exists.
    const [noBaseline, noBaselineAudit] = await refused("unprocessable", () =>
      recordDose(db, nurse, s.sessionId, ivDose(s.orderedMg), { idempotencyKey: null, now: at(2) }),
    );
    expect(fieldsOf(noBaseline)).toEqual(["baseline"]);
    expect(noBaselineAudit.action).toBe("dose.record");
    expect(await doseRows(s.sessionId)).toBe(0);
    expect((await sessionRow(s.sessionId)).status).toBe("checked_in");

    // Baseline 128/82, before the dose: no minutes from dose, no alert.
    const [baseline, baselineAudit] = await audited(() =>
      vitalsAt(s.sessionId, 3, reading(128, 82, { heartRate: 72 })),
    );
    expect(baseline).toMatchObject({ minutesFromDose: null, alerts: [], replayed: false });
    expect(baselineAudit).toMatchObject({
      action: "vitals.record",
      entityType: "vitals",
      entityId: baseline.id,
      actorId: nurse.id,
      patientId: s.patientId,
    });

    // The dose as ordered (mg/kg × today's weight) starts the session.
    const [dose, doseAudit] = await audited(() =>
      recordDose(db, nurse, s.sessionId, ivDose(s.orderedMg), { idempotencyKey: null, now: at(8) }),
    );
    expect(dose.deviatesFromOrder).toBe(false);
    expect(dose.replayed).toBe(false);
    expect(dose.doseMgPerKg).toBeCloseTo(s.orderMgPerKg ?? 0, 2);
    expect(doseAudit).toMatchObject({
      action: "dose.record",
      entityType: "dose",
      entityId: dose.id,
      actorId: nurse.id,
      patientId: s.patientId,
    });
    expect(await sessionRow(s.sessionId)).toMatchObject({
      status: "in_progress",
      startedAt: at(8),
    });
    const [storedDose] = await db
      .select()
      .from(doseAdministrations)
      .where(eq(doseAdministrations.id, dose.id));
    expect(storedDose).toMatchObject({
      doseMg: s.orderedMg,
      weightKg: s.weightKg,
      startedAt: at(8),
      endedAt: null,
      givenBy: nurse.id,
      deviatesFromOrder: false,
    });

    // 10 min: 165/92 is high but not a 40 mmHg rise over 128/82.
    const [tenMin] = await audited(() =>
      vitalsAt(s.sessionId, 18, reading(165, 92, { heartRate: 84 })),
    );
    expect(tenMin.minutesFromDose).toBe(10);
    expect(tenMin.alerts.map((a) => a.code)).toEqual(["bp-high"]);
    expect(tenMin.alerts[0]).toMatchObject({ level: "warning", value: "165/92 mmHg" });
    expect(await storedAlertCodes(tenMin.id)).toEqual(["bp-high"]);

    // 20 min, taken a minute before it was entered: 170 ≥ 128 + 40 is also a significant rise.
    const [twentyMin] = await audited(() =>
      vitalsAt(s.sessionId, 29, reading(170, 96, { heartRate: 88, takenAt: at(28).toISOString() })),
    );
    expect(twentyMin.minutesFromDose).toBe(20);
    expect(twentyMin.alerts.map((a) => a.code).sort()).toEqual(["bp-high", "bp-rise"]);
    const rise = twentyMin.alerts.find((a) => a.code === "bp-rise");
    expect(rise?.threshold).toContain("168");
    expect(await storedAlertCodes(twentyMin.id)).toEqual(["bp-high", "bp-rise"]);

    // 30 min: 182/104 is critical — and then not merely "high".
    const [thirtyMin] = await audited(() =>
      vitalsAt(s.sessionId, 38, reading(182, 104, { heartRate: 92, sedationMoaas: 4 })),
    );
    expect(thirtyMin.minutesFromDose).toBe(30);
    const codes = thirtyMin.alerts.map((a) => a.code);
    expect(codes).toContain("bp-critical");
    expect(codes).toContain("bp-rise");
    expect(codes).not.toContain("bp-high");
    expect(thirtyMin.alerts.find((a) => a.code === "bp-critical")).toMatchObject({
      level: "critical",
      value: "182/104 mmHg",
    });
    expect(await storedAlertCodes(thirtyMin.id)).toEqual(["bp-critical", "bp-rise"]);

    // Discharge is refused while the infusion runs and the pressure is up.
    const [notReady, notReadyAudit] = await refused("unprocessable", () =>
      dischargeSession(db, nurse, s.sessionId, null, at(40)),
    );
    expect(fieldsOf(notReady)).toEqual(
      expect.arrayContaining(["time-since-dose", "systolic", "diastolic", "moaas"]),
    );
    expect(notReadyAudit.action).toBe("session.discharge");
    expect((await sessionRow(s.sessionId)).status).toBe("in_progress");

    // The 40-min infusion ends; the pressure settles; MOAA/S back to 5.
    await audited(() => endInfusion(db, nurse, s.sessionId, dose.id, undefined, at(48)));
    await vitalsAt(s.sessionId, 58, reading(152, 92, { heartRate: 84, sedationMoaas: 4 }));
    await vitalsAt(s.sessionId, 78, reading(140, 86, { heartRate: 80 }));
    await vitalsAt(s.sessionId, 93, reading(136, 84, { heartRate: 78 }));
    const [last] = await audited(() =>
      vitalsAt(s.sessionId, 108, reading(132, 82, { heartRate: 74, spo2: 98 })),
    );
    expect(last).toMatchObject({ minutesFromDose: 100, alerts: [] });

    // 60 min after the end of the infusion, every criterion met: discharge without override.
    const [discharged, dischargeAudit] = await audited(() =>
      dischargeSession(db, nurse, s.sessionId, null, at(108)),
    );
    expect(discharged).toEqual({ id: s.sessionId, status: "completed" });
    expect(dischargeAudit).toMatchObject({
      action: "session.discharge",
      actorId: nurse.id,
      patientId: s.patientId,
      detail: {},
    });
    expect(await sessionRow(s.sessionId)).toMatchObject({
      status: "completed",
      completedAt: at(108),
      dischargedBy: nurse.id,
      dischargeOverrideReason: null,
    });

    // Nothing moves a completed session on.
    const [twice] = await refused("conflict", () =>
      dischargeSession(db, nurse, s.sessionId, null, at(110)),
    );
    expect(twice.details).toEqual([{ field: "status", message: "completed" }]);
    const [reCheckIn] = await refused("conflict", () =>
      checkInSession(db, nurse, s.sessionId, CHECK_IN_ALL_CONFIRMED, at(111)),
    );
    expect(reCheckIn.details).toEqual([{ field: "status", message: "completed" }]);
    await refused("conflict", () => vitalsAt(s.sessionId, 112, reading(130, 80)));
    expect(await vitalsRows(s.sessionId)).toBe(8);
  });

  it("discharges early only with the clinician's recorded reason, and keeps it", async () => {
    const s = await dosedIv();
    await vitalsAt(s.sessionId, 25, reading(150, 90, { sedationMoaas: 4 }));

    const [unmet] = await refused("unprocessable", () =>
      dischargeSession(db, actors.nurse, s.sessionId, "   ", at(30)),
    );
    expect(fieldsOf(unmet)).toContain("time-since-dose");
    expect(fieldsOf(unmet)).toContain("moaas");

    const reason = "Transferred to the emergency department with the psychiatrist's agreement";
    const [result, audit] = await audited(() =>
      dischargeSession(db, actors.psychiatrist, s.sessionId, reason, at(31)),
    );
    expect(result.status).toBe("completed");
    expect(audit).toMatchObject({
      action: "session.discharge",
      actorId: actors.psychiatrist.id,
      patientId: s.patientId,
      detail: { override: reason },
    });
    expect(await sessionRow(s.sessionId)).toMatchObject({
      status: "completed",
      dischargeOverrideReason: reason,
      dischargedBy: actors.psychiatrist.id,
    });
  });

  it("starts a dosing session only by recording the dose, and marks a no-show only before it", async () => {
    const s = await checkedIn("iv_ketamine");
    const [start] = await refused("conflict", () =>
      startSession(db, actors.nurse, s.sessionId, at(1)),
    );
    expect(start.details).toEqual([{ field: "status", message: "checked_in" }]);

    const noShow = await newDosingSession("iv_ketamine");
    const [result, audit] = await audited(() =>
      markNoShow(db, actors.nurse, noShow.sessionId, "Did not arrive; phone unanswered", at(20)),
    );
    expect(result.status).toBe("no_show");
    expect(audit).toMatchObject({ action: "session.no-show", patientId: noShow.patientId });

    const running = await dosedIv();
    const [late] = await refused("conflict", () =>
      markNoShow(db, actors.nurse, running.sessionId, null, at(10)),
    );
    expect(late.details).toEqual([{ field: "status", message: "in_progress" }]);
  });

  it("refuses vitals before check-in and readings timed in the future", async () => {
    const s = await newDosingSession("iv_ketamine");
    const [early] = await refused("conflict", () => vitalsAt(s.sessionId, 0, reading(124, 78)));
    expect(early.details).toEqual([{ field: "status", message: "scheduled" }]);

    await checkInSession(db, actors.nurse, s.sessionId, CHECK_IN_ALL_CONFIRMED, at(1));
    const [future] = await refused("unprocessable", () =>
      vitalsAt(s.sessionId, 2, reading(124, 78, { takenAt: at(10).toISOString() })),
    );
    expect(fieldsOf(future)).toEqual(["takenAt"]);
    expect(await vitalsRows(s.sessionId)).toBe(0);
  });

  // ── 2. idempotent retries ───────────────────────────────────────────────────────────────

  it("stores a vitals check once when the tablet retries with the same Idempotency-Key", async () => {
    const s = await dosedIv();
    const body = reading(172, 96, { heartRate: 96 });
    const first = await vitalsAt(s.sessionId, 15, body, { key: "vitals-retry-0001" });
    expect(first.replayed).toBe(false);
    expect(first.alerts.map((a) => a.code).sort()).toEqual(["bp-high", "bp-rise"]);
    const rowsBefore = await vitalsRows(s.sessionId);
    const alertsBefore = await alertRows(s.sessionId);

    const [replay, replayAudit] = await audited(() =>
      vitalsAt(s.sessionId, 16, body, { key: "vitals-retry-0001" }),
    );
    const byCode = (list: typeof first.alerts): typeof first.alerts =>
      [...list].sort((a, b) => a.code.localeCompare(b.code));
    expect(replay).toMatchObject({
      id: first.id,
      minutesFromDose: first.minutesFromDose,
      replayed: true,
    });
    expect(byCode(replay.alerts)).toEqual(byCode(first.alerts));
    expect(replayAudit).toMatchObject({ action: "vitals.record", entityId: first.id });
    expect(await vitalsRows(s.sessionId)).toBe(rowsBefore);
    expect(await alertRows(s.sessionId)).toBe(alertsBefore);

    const other = await vitalsAt(s.sessionId, 25, reading(150, 90), { key: "vitals-retry-0002" });
    expect(other.id).not.toBe(first.id);
    expect(other.replayed).toBe(false);
    expect(await vitalsRows(s.sessionId)).toBe(rowsBefore + 1);
  });

  it("records the dose once when the request is retried, and refuses a second dose", async () => {
    const s = await checkedIn("iv_ketamine");
    await vitalsAt(s.sessionId, 2, reading(122, 76));
    const first = await recordDose(db, actors.nurse, s.sessionId, ivDose(s.orderedMg), {
      idempotencyKey: "dose-retry-0001",
      now: at(5),
    });
    expect(first.replayed).toBe(false);

    const [replay, audit] = await audited(() =>
      recordDose(db, actors.nurse, s.sessionId, ivDose(s.orderedMg), {
        idempotencyKey: "dose-retry-0001",
        now: at(6),
      }),
    );
    expect(replay).toEqual({ ...first, replayed: true });
    expect(audit).toMatchObject({ action: "dose.record", entityId: first.id });
    expect(await doseRows(s.sessionId)).toBe(1);

    await refused("conflict", () =>
      recordDose(db, actors.nurse, s.sessionId, ivDose(s.orderedMg), {
        idempotencyKey: "dose-retry-0002",
        now: at(7),
      }),
    );
    expect(await doseRows(s.sessionId)).toBe(1);
  });

  it("keeps the dose with its session's patient and course, as the database holds them", async () => {
    const s = await dosedIv();
    const [session] = await db
      .select({ patientId: sessions.patientId, courseId: sessions.courseId })
      .from(sessions)
      .where(eq(sessions.id, s.sessionId));
    const stored = async () =>
      (
        await db
          .select({
            patientId: doseAdministrations.patientId,
            courseId: doseAdministrations.courseId,
          })
          .from(doseAdministrations)
          .where(eq(doseAdministrations.id, s.doseId))
      )[0];
    expect(session?.courseId).toBeTruthy();
    expect(await stored()).toEqual(session);

    // A dose written for another patient than its session's is refused by the foreign key.
    const [other] = await db
      .select({ id: patients.id })
      .from(patients)
      .where(sql`${patients.id} <> ${session?.patientId}`)
      .limit(1);
    const [template] = await db
      .select()
      .from(doseAdministrations)
      .where(eq(doseAdministrations.id, s.doseId));
    await expect(
      db.insert(doseAdministrations).values({
        ...template!,
        id: crypto.randomUUID(),
        patientId: other!.id,
        idempotencyKey: "another-patient",
      }),
    ).rejects.toSatisfy((error: Error) =>
      String(error.cause ?? error).includes("dose_admin_session_patient_fk"),
    );
    expect(await doseRows(s.sessionId)).toBe(1);

    // The session moved out of its course: the dose follows.
    await db.update(sessions).set({ courseId: null }).where(eq(sessions.id, s.sessionId));
    expect(await stored()).toEqual({ patientId: session?.patientId, courseId: null });
  });

  it("records an adverse event once per Idempotency-Key", async () => {
    const s = await dosedIv();
    const nausea = { type: "nausea", severity: "mild", onsetAt: at(20).toISOString() } as const;
    const first = await recordAdverseEvent(db, actors.nurse, s.sessionId, nausea, {
      idempotencyKey: "ae-retry-0001",
      now: at(21),
    });
    const [replay, audit] = await audited(() =>
      recordAdverseEvent(db, actors.nurse, s.sessionId, nausea, {
        idempotencyKey: "ae-retry-0001",
        now: at(22),
      }),
    );
    expect(replay).toEqual({ id: first.id, replayed: true });
    expect(audit).toMatchObject({ action: "adverse-event.record", entityId: first.id });
    expect(await adverseEventRows(s.sessionId)).toBe(1);

    const second = await recordAdverseEvent(
      db,
      actors.nurse,
      s.sessionId,
      { type: "dizziness", severity: "mild", onsetAt: at(30).toISOString() },
      { idempotencyKey: "ae-retry-0002", now: at(31) },
    );
    expect(second.id).not.toBe(first.id);
    expect(await adverseEventRows(s.sessionId)).toBe(2);
  });

  // ── 3. implausible entries ──────────────────────────────────────────────────────────────

  it("rejects implausible vitals as entry errors naming the field, storing nothing", async () => {
    const s = await checkedIn("iv_ketamine");
    const cases: [VitalsBody, string][] = [
      [reading(120, 120), "diastolic"],
      [reading(118, 124), "diastolic"],
      [reading(124, 78, { spo2: 101 }), "spo2"],
      [reading(124, 78, { sedationMoaas: 6 }), "sedationMoaas"],
      [reading(124, 78, { sedationMoaas: 4.5 }), "sedationMoaas"],
      [reading(124, 78, { heartRate: 260 }), "heartRate"],
      [reading(124, 78, { temperatureC: 46.2 }), "temperatureC"],
      [reading(40, 30), "systolic"],
    ];
    for (const [body, field] of cases) {
      const [error, audit] = await refused("unprocessable", () => vitalsAt(s.sessionId, 2, body));
      expect(fieldsOf(error)).toEqual([field]);
      expect(audit).toMatchObject({
        action: "vitals.record",
        actorId: actors.nurse.id,
        entityId: s.sessionId,
      });
    }
    expect(await vitalsRows(s.sessionId)).toBe(0);
    expect(await alertRows(s.sessionId)).toBe(0);
  });

  // ── 4. pre-dose blood-pressure guidance ─────────────────────────────────────────────────

  it("doses at a baseline of exactly 140/90 without a psychiatrist's review", async () => {
    const s = await checkedIn("iv_ketamine");
    await vitalsAt(s.sessionId, 2, reading(140, 90));
    const dose = await recordDose(db, actors.nurse, s.sessionId, ivDose(s.orderedMg), {
      idempotencyKey: null,
      now: at(5),
    });
    expect(dose.deviatesFromOrder).toBe(false);
  });

  it("holds the dose at a baseline of 145/88 until the psychiatrist acknowledges it", async () => {
    const s = await checkedIn("iv_ketamine");
    await vitalsAt(s.sessionId, 2, reading(145, 88));

    const before = await getSessionDetail(db, actors.nurse, s.sessionId, at(3));
    if (before.access !== "clinical") throw new Error("nurse should see the clinical view");
    expect(before.detail.stage).toBe("pre-dose");
    expect(before.detail.preDose).toMatchObject({
      status: "recheck",
      cleared: false,
      baseline: { systolic: 145, diastolic: 88 },
      review: null,
    });

    const [held] = await refused("unprocessable", () =>
      recordDose(db, actors.nurse, s.sessionId, ivDose(s.orderedMg), {
        idempotencyKey: null,
        now: at(4),
      }),
    );
    expect(fieldsOf(held)).toEqual(["preDose"]);

    const [, nurseAudit] = await refused("forbidden", () =>
      reviewPreDose(db, actors.nurse, s.sessionId, { decision: "acknowledged" }, at(5)),
    );
    expect(nurseAudit).toMatchObject({
      action: "pre-dose.review",
      actorId: actors.nurse.id,
      entityId: s.sessionId,
    });

    const [review, reviewAudit] = await audited(() =>
      reviewPreDose(db, actors.psychiatrist, s.sessionId, { decision: "acknowledged" }, at(6)),
    );
    expect(review).toMatchObject({
      decision: "acknowledged",
      reviewedBy: actors.psychiatrist.id,
      reviewedByName: actors.psychiatrist.name,
      reason: null,
      systolic: 145,
      diastolic: 88,
    });
    expect(reviewAudit).toMatchObject({
      action: "pre-dose.review",
      actorId: actors.psychiatrist.id,
      patientId: s.patientId,
    });

    const after = await getSessionDetail(db, actors.nurse, s.sessionId, at(7));
    if (after.access !== "clinical") throw new Error("nurse should see the clinical view");
    expect(after.detail.stage).toBe("dose");
    expect(after.detail.preDose).toMatchObject({
      cleared: true,
      review: { decision: "acknowledged" },
    });

    const dose = await recordDose(db, actors.nurse, s.sessionId, ivDose(s.orderedMg), {
      idempotencyKey: null,
      now: at(8),
    });
    expect(dose.deviatesFromOrder).toBe(false);
  });

  it("holds the dose at 162/96 unless the psychiatrist overrides with a reason", async () => {
    const s = await checkedIn("iv_ketamine");
    await vitalsAt(s.sessionId, 2, reading(162, 96));
    const give = (minute: number): Promise<unknown> =>
      recordDose(db, actors.nurse, s.sessionId, ivDose(s.orderedMg), {
        idempotencyKey: null,
        now: at(minute),
      });

    const [held] = await refused("unprocessable", () => give(3));
    expect(fieldsOf(held)).toEqual(["preDose"]);

    const [ack] = await refused("unprocessable", () =>
      reviewPreDose(db, actors.psychiatrist, s.sessionId, { decision: "acknowledged" }, at(4)),
    );
    expect(fieldsOf(ack)).toEqual(["decision"]);

    const [noReason] = await refused("unprocessable", () =>
      reviewPreDose(
        db,
        actors.psychiatrist,
        s.sessionId,
        { decision: "override", reason: "  " },
        at(5),
      ),
    );
    expect(fieldsOf(noReason)).toEqual(["reason"]);
    expect((await sessionRow(s.sessionId)).preDoseReview).toBeNull();
    await refused("unprocessable", () => give(6));

    const reason = "Known white-coat hypertension; home readings 130s/80s; proceed with monitoring";
    const [review] = await audited(() =>
      reviewPreDose(db, actors.psychiatrist, s.sessionId, { decision: "override", reason }, at(7)),
    );
    expect(review).toMatchObject({ decision: "override", reason, systolic: 162, diastolic: 96 });
    expect((await sessionRow(s.sessionId)).preDoseReview).toMatchObject({ decision: "override" });

    const [dose] = await audited(() => give(8));
    expect(dose).toMatchObject({ deviatesFromOrder: false });
    expect((await sessionRow(s.sessionId)).status).toBe("in_progress");
  });

  it("lets a calm re-check below 140/90 clear a high first reading without a review", async () => {
    const s = await checkedIn("iv_ketamine");
    await vitalsAt(s.sessionId, 2, reading(148, 92));
    await refused("unprocessable", () =>
      recordDose(db, actors.nurse, s.sessionId, ivDose(s.orderedMg), {
        idempotencyKey: null,
        now: at(3),
      }),
    );
    await vitalsAt(s.sessionId, 8, reading(134, 84));
    const view = await getSessionDetail(db, actors.nurse, s.sessionId, at(9));
    if (view.access !== "clinical") throw new Error("nurse should see the clinical view");
    expect(view.detail.preDose).toMatchObject({
      status: "ok",
      cleared: true,
      baseline: { systolic: 134, diastolic: 84 },
    });
    const dose = await recordDose(db, actors.nurse, s.sessionId, ivDose(s.orderedMg), {
      idempotencyKey: null,
      now: at(10),
    });
    expect(dose.deviatesFromOrder).toBe(false);
  });

  it("judges the pre-dose check on the corrected baseline, not the mistyped one", async () => {
    const s = await checkedIn("iv_ketamine");
    const typo = await vitalsAt(s.sessionId, 2, reading(126, 80));
    // The reading was in fact 164/98: held until the psychiatrist overrides.
    await amendVitals(
      db,
      actors.nurse,
      s.sessionId,
      typo.id,
      { ...reading(164, 98), reason: "Transposed digits from the monitor" },
      at(3),
    );
    const [held] = await refused("unprocessable", () =>
      recordDose(db, actors.nurse, s.sessionId, ivDose(s.orderedMg), {
        idempotencyKey: null,
        now: at(4),
      }),
    );
    expect(fieldsOf(held)).toEqual(["preDose"]);
    expect(await doseRows(s.sessionId)).toBe(0);
  });

  // ── 5. the dose against the signed order ────────────────────────────────────────────────

  it("asks for a reason when the IV dose differs from the signed order, and marks it", async () => {
    const s = await checkedIn("iv_ketamine");
    await vitalsAt(s.sessionId, 2, reading(124, 78));
    const more = Math.round((s.orderedMg + 5) * 10) / 10;

    const [differs] = await refused("unprocessable", () =>
      recordDose(db, actors.nurse, s.sessionId, ivDose(more), { idempotencyKey: null, now: at(4) }),
    );
    expect(fieldsOf(differs)).toEqual(["doseMg"]);
    expect(differs.message).toContain(String(s.orderedMg));

    const [wrongRoute] = await refused("unprocessable", () =>
      recordDose(
        db,
        actors.nurse,
        s.sessionId,
        { ...ivDose(s.orderedMg), route: "im" },
        { idempotencyKey: null, now: at(4) },
      ),
    );
    expect(fieldsOf(wrongRoute)).toEqual(["route"]);
    expect(await doseRows(s.sessionId)).toBe(0);

    const reason = "Weighed today at the chair; psychiatrist confirmed the dose by phone";
    const dose = await recordDose(
      db,
      actors.nurse,
      s.sessionId,
      ivDose(more, { deviationReason: reason }),
      { idempotencyKey: null, now: at(5) },
    );
    expect(dose.deviatesFromOrder).toBe(true);
    const [stored] = await db
      .select()
      .from(doseAdministrations)
      .where(eq(doseAdministrations.id, dose.id));
    expect(stored).toMatchObject({
      doseMg: more,
      deviatesFromOrder: true,
      deviationReason: reason,
    });
  });

  it("gives esketamine in whole 28 mg devices matching the dose", async () => {
    const s = await checkedIn("intranasal_esketamine", { suits: (c) => c.orderMg === 56 });
    expect(s.orderedMg).toBe(56);
    await vitalsAt(s.sessionId, 2, reading(126, 80));

    const [mismatch] = await refused("unprocessable", () =>
      recordDose(db, actors.nurse, s.sessionId, esketamineDose(56, 3), {
        idempotencyKey: null,
        now: at(4),
      }),
    );
    expect(fieldsOf(mismatch)).toEqual(["devices"]);
    expect(await doseRows(s.sessionId)).toBe(0);

    const [dose, audit] = await audited(() =>
      recordDose(db, actors.nurse, s.sessionId, esketamineDose(56, 2), {
        idempotencyKey: null,
        now: at(5),
      }),
    );
    expect(dose).toMatchObject({ deviatesFromOrder: false, doseMgPerKg: null, replayed: false });
    expect(audit).toMatchObject({ action: "dose.record", patientId: s.patientId });
    const [stored] = await db
      .select()
      .from(doseAdministrations)
      .where(eq(doseAdministrations.id, dose.id));
    expect(stored).toMatchObject({
      drug: "esketamine",
      route: "intranasal",
      doseMg: 56,
      devices: 2,
      endedAt: at(5),
    });
  });

  it("refuses esketamine when fasting was not confirmed at check-in", async () => {
    const s = await checkedIn("intranasal_esketamine", {
      fastingConfirmed: false,
      suits: (c) => c.orderMg === 56,
    });
    await vitalsAt(s.sessionId, 2, reading(118, 74));
    const [fasting] = await refused("unprocessable", () =>
      recordDose(db, actors.nurse, s.sessionId, esketamineDose(56, 2), {
        idempotencyKey: null,
        now: at(5),
      }),
    );
    expect(fieldsOf(fasting)).toEqual(["fasting"]);
    expect(await doseRows(s.sessionId)).toBe(0);
    expect((await sessionRow(s.sessionId)).status).toBe("checked_in");
  });

  // ── 6. corrections ──────────────────────────────────────────────────────────────────────

  it("corrects a mistyped reading with a new row that supersedes it and closes its alerts", async () => {
    const s = await dosedIv();
    const wrong = await vitalsAt(s.sessionId, 25, reading(178, 104, { heartRate: 88 }));
    expect(wrong.alerts.map((a) => a.code)).toContain("bp-high");

    const reason = "Cuff too small; repeated with a large adult cuff";
    const [fixed, audit] = await audited(() =>
      amendVitals(
        db,
        actors.nurse,
        s.sessionId,
        wrong.id,
        { ...reading(138, 84, { heartRate: 88 }), reason },
        at(27),
      ),
    );
    expect(fixed.id).not.toBe(wrong.id);
    expect(fixed).toMatchObject({ minutesFromDose: 20, alerts: [] });
    expect(audit).toMatchObject({
      action: "vitals.amend",
      entityType: "vitals",
      entityId: fixed.id,
      actorId: actors.nurse.id,
      patientId: s.patientId,
    });

    const rows = await listSessionVitals(db, actors.nurse, s.sessionId);
    const old = rows.find((r) => r.id === wrong.id);
    const correction = rows.find((r) => r.id === fixed.id);
    expect(old).toMatchObject({ systolic: 178, supersededBy: fixed.id, supersedes: null });
    expect(correction).toMatchObject({
      systolic: 138,
      supersedes: wrong.id,
      supersededBy: null,
      amendReason: reason,
      recordedBy: actors.nurse.id,
      takenAt: at(25).toISOString(),
    });

    const oldAlerts = await db.select().from(alerts).where(eq(alerts.vitalsId, wrong.id));
    expect(oldAlerts.length).toBeGreaterThan(0);
    for (const alert of oldAlerts) {
      expect(alert.acknowledgedAt).toEqual(at(27));
      expect(alert.acknowledgedBy).toBe(actors.nurse.id);
    }

    // The superseded row cannot be corrected a second time.
    const [twice] = await refused("conflict", () =>
      amendVitals(
        db,
        actors.nurse,
        s.sessionId,
        wrong.id,
        { ...reading(136, 84), reason: "Second attempt" },
        at(28),
      ),
    );
    expect(twice.message).toMatch(/already been corrected/);

    // The psychiatrist may correct any row, the nurse's correction included.
    const [byPsychiatrist] = await audited(() =>
      amendVitals(
        db,
        actors.psychiatrist,
        s.sessionId,
        fixed.id,
        {
          ...reading(134, 84, { heartRate: 86 }),
          reason: "Heart rate transcribed from the monitor",
        },
        at(30),
      ),
    );
    const after = await listSessionVitals(db, actors.psychiatrist, s.sessionId);
    expect(after.find((r) => r.id === fixed.id)?.supersededBy).toBe(byPsychiatrist.id);
    expect(after.find((r) => r.id === byPsychiatrist.id)).toMatchObject({
      supersedes: fixed.id,
      recordedBy: actors.psychiatrist.id,
    });
  });

  it("does not let a nurse correct a colleague's reading, and audits the refusal as denied", async () => {
    const s = await dosedIv();
    const mine = await vitalsAt(s.sessionId, 15, reading(146, 88));
    const mark = await lastAuditId(db);
    const error = await amendVitals(
      db,
      actors.otherNurse,
      s.sessionId,
      mine.id,
      { ...reading(136, 86), reason: "Looked wrong to me" },
      at(20),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error instanceof AppError && error.code).toBe("forbidden");
    expect(await vitalsRows(s.sessionId)).toBe(2);
    const rows = await newAuditRows(db, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "vitals.amend",
      actorId: actors.otherNurse.id,
      entityId: s.sessionId,
    });
    // DESIGN.md: denied access is itself audited — as "denied", like every other 403.
    expect(rows[0]?.outcome).toBe("denied");
  });

  it("keeps the pre-dose baseline for bp-rise when a post-dose reading is corrected", async () => {
    const s = await dosedIv();
    const wrong = await vitalsAt(s.sessionId, 15, reading(128, 80));
    const fixed = await amendVitals(
      db,
      actors.nurse,
      s.sessionId,
      wrong.id,
      { ...reading(166, 92), reason: "Entered the previous patient's reading" },
      at(17),
    );
    // Baseline 124/78: 166 ≥ 164 is a significant rise, and ≥ 160 is high.
    expect(fixed.minutesFromDose).toBe(10);
    expect(fixed.alerts.map((a) => a.code).sort()).toEqual(["bp-high", "bp-rise"]);
  });

  // ── 7. who may do what ──────────────────────────────────────────────────────────────────

  it("refuses the front desk any bedside entry or clinical read, and audits each refusal", async () => {
    const s = await checkedIn("iv_ketamine");
    const admin = actors.admin;

    const [, vitalsAudit] = await refused("forbidden", () =>
      vitalsAt(s.sessionId, 2, reading(124, 78), { actor: admin }),
    );
    expect(vitalsAudit).toMatchObject({
      action: "vitals.record",
      actorId: admin.id,
      actorRole: "admin",
      entityId: s.sessionId,
      requestAddress: admin.requestAddress,
    });
    expect(await vitalsRows(s.sessionId)).toBe(0);

    await vitalsAt(s.sessionId, 3, reading(124, 78));
    const [, doseAudit] = await refused("forbidden", () =>
      recordDose(db, admin, s.sessionId, ivDose(s.orderedMg), { idempotencyKey: null, now: at(5) }),
    );
    expect(doseAudit.action).toBe("dose.record");
    expect(await doseRows(s.sessionId)).toBe(0);

    const [, listAudit] = await refused("forbidden", () =>
      listSessionVitals(db, admin, s.sessionId),
    );
    expect(listAudit.action).toBe("vitals.list");

    await refused("forbidden", () =>
      recordAdverseEvent(
        db,
        admin,
        s.sessionId,
        { type: "nausea", severity: "mild" },
        { idempotencyKey: null, now: at(6) },
      ),
    );
    await refused("forbidden", () => dischargeSession(db, admin, s.sessionId, "Front desk", at(7)));
    await refused("forbidden", () =>
      reviewPreDose(
        db,
        admin,
        s.sessionId,
        { decision: "override", reason: "Front desk override" },
        at(7),
      ),
    );
    expect(await adverseEventRows(s.sessionId)).toBe(0);
    expect((await sessionRow(s.sessionId)).status).toBe("checked_in");

    const scheduled = await newDosingSession("iv_ketamine");
    await refused("forbidden", () =>
      checkInSession(db, admin, scheduled.sessionId, CHECK_IN_ALL_CONFIRMED, at(1)),
    );
    expect((await sessionRow(scheduled.sessionId)).status).toBe("scheduled");
  });

  it("shows the front desk only the schedule fields of a session in progress", async () => {
    const s = await dosedIv();
    await vitalsAt(s.sessionId, 15, reading(170, 98));
    const [view, audit] = await audited(() =>
      getSessionDetail(db, actors.admin, s.sessionId, at(20)),
    );
    expect(view.access).toBe("schedule");
    expect(Object.keys(view.detail).sort()).toEqual(
      [
        "id",
        "kind",
        "status",
        "scheduledStart",
        "scheduledEnd",
        "roomName",
        "nurse",
        "psychiatrist",
        "numberInCourse",
        "patient",
      ].sort(),
    );
    expect(view.detail).toMatchObject({ id: s.sessionId, status: "in_progress" });
    expect(Object.keys(view.detail.patient).sort()).toEqual(["id", "mrn", "name"]);
    for (const clinical of ["vitals", "dose", "alerts", "preDose", "adverseEvents", "discharge"]) {
      expect(view.detail).not.toHaveProperty(clinical);
    }
    expect(audit).toMatchObject({
      action: "session.read",
      actorId: actors.admin.id,
      patientId: s.patientId,
      detail: { scope: "schedule" },
    });
  });

  it("shows the nurse the whole bedside picture of a session in progress", async () => {
    const s = await dosedIv();
    const high = await vitalsAt(s.sessionId, 15, reading(170, 98, { heartRate: 90 }));
    const [view, audit] = await audited(() =>
      getSessionDetail(db, actors.nurse, s.sessionId, at(20)),
    );
    if (view.access !== "clinical") throw new Error("nurse should see the clinical view");
    const d = view.detail;
    expect(d).toMatchObject({
      id: s.sessionId,
      status: "in_progress",
      stage: "monitoring",
      patient: { id: s.patientId, weightKg: s.weightKg },
      order: { doseMgPerKg: s.orderMgPerKg, todayDoseMg: s.orderedMg, infusionMinutes: 40 },
      checkIn: { identityConfirmed: true, fastingConfirmed: true, rideHomeConfirmed: true },
      preDose: { status: "ok", cleared: true, baseline: { systolic: 124, diastolic: 78 } },
      dose: { id: s.doseId, doseMg: s.orderedMg, startedAt: at(5).toISOString(), endedAt: null },
      startedAt: at(5).toISOString(),
    });
    expect(d.vitals.map((v) => v.minutesFromDose)).toEqual([null, 10]);
    expect(d.alerts.map((a) => a.code).sort()).toEqual(["bp-high", "bp-rise"]);
    expect(d.alerts.every((a) => a.vitalsId === high.id && a.acknowledgedAt === null)).toBe(true);
    expect(d.timepoints.map((t) => t.label).slice(0, 3)).toEqual(["Baseline", "10 min", "20 min"]);
    expect(d.timepoints[0]).toMatchObject({ label: "Baseline", status: "done" });
    expect(d.timepoints[1]).toMatchObject({ label: "10 min", status: "done" });
    expect(d.discharge?.ready).toBe(false);
    expect(d.discharge?.criteria.map((c) => c.code).sort()).toEqual(
      [
        "adverse-events",
        "diastolic",
        "driver",
        "heart-rate",
        "moaas",
        "spo2",
        "systolic",
        "systolic-vs-baseline",
        "time-since-dose",
      ].sort(),
    );
    expect(d.discharge?.criteria.find((c) => c.code === "systolic")?.met).toBe(false);
    expect(d.discharge?.criteria.find((c) => c.code === "driver")?.met).toBe(true);
    expect(audit).toMatchObject({
      action: "session.read",
      actorId: actors.nurse.id,
      detail: { scope: "clinical" },
    });

    // The nurse acknowledges the alert; a second acknowledgement is a conflict.
    const alertId = d.alerts[0]?.id ?? "";
    const [ack, ackAudit] = await audited(() =>
      acknowledgeAlert(db, actors.nurse, s.sessionId, alertId, at(21)),
    );
    expect(ack).toEqual({ id: alertId, acknowledgedAt: at(21).toISOString() });
    expect(ackAudit).toMatchObject({ action: "alert.acknowledge", patientId: s.patientId });
    await refused("conflict", () =>
      acknowledgeAlert(db, actors.nurse, s.sessionId, alertId, at(22)),
    );
  });

  // ── 9. adverse events ───────────────────────────────────────────────────────────────────

  it("needs a description for an 'other' adverse event and an onset before its resolution", async () => {
    const s = await dosedIv();
    const [other] = await refused("unprocessable", () =>
      recordAdverseEvent(
        db,
        actors.nurse,
        s.sessionId,
        { type: "other", severity: "mild", description: "  " },
        { idempotencyKey: null, now: at(20) },
      ),
    );
    expect(fieldsOf(other)).toEqual(["description"]);

    const [backwards] = await refused("unprocessable", () =>
      recordAdverseEvent(
        db,
        actors.nurse,
        s.sessionId,
        {
          type: "headache",
          severity: "mild",
          onsetAt: at(20).toISOString(),
          resolvedAt: at(15).toISOString(),
        },
        { idempotencyKey: null, now: at(25) },
      ),
    );
    expect(fieldsOf(backwards)).toEqual(["resolvedAt"]);
    expect(await adverseEventRows(s.sessionId)).toBe(0);

    const [described, audit] = await audited(() =>
      recordAdverseEvent(
        db,
        actors.nurse,
        s.sessionId,
        {
          type: "other",
          severity: "mild",
          description: "Tingling in both hands",
          onsetAt: at(22).toISOString(),
        },
        { idempotencyKey: null, now: at(25) },
      ),
    );
    expect(audit).toMatchObject({
      action: "adverse-event.record",
      entityType: "adverse_event",
      entityId: described.id,
      actorId: actors.nurse.id,
      patientId: s.patientId,
    });
  });

  it("blocks discharge readiness while a moderate adverse event is unresolved", async () => {
    const s = await dosedIv();
    const readiness = async (minute: number): Promise<{ met: boolean; value: string }> => {
      const view = await getSessionDetail(db, actors.nurse, s.sessionId, at(minute));
      if (view.access !== "clinical") throw new Error("nurse should see the clinical view");
      const criterion = view.detail.discharge?.criteria.find((c) => c.code === "adverse-events");
      if (!criterion) throw new Error("no adverse-events criterion");
      return criterion;
    };

    await recordAdverseEvent(
      db,
      actors.nurse,
      s.sessionId,
      { type: "nausea", severity: "mild", onsetAt: at(15).toISOString() },
      { idempotencyKey: null, now: at(16) },
    );
    expect((await readiness(17)).met).toBe(true);

    const vomiting = await recordAdverseEvent(
      db,
      actors.nurse,
      s.sessionId,
      {
        type: "vomiting",
        severity: "moderate",
        onsetAt: at(20).toISOString(),
        actionTaken: "Ondansetron 4 mg IV",
      },
      { idempotencyKey: null, now: at(21) },
    );
    expect(await readiness(22)).toMatchObject({
      met: false,
      value: expect.stringContaining("1 moderate"),
    });

    const [early] = await refused("unprocessable", () =>
      resolveAdverseEvent(
        db,
        actors.nurse,
        s.sessionId,
        vomiting.id,
        { resolvedAt: at(18).toISOString() },
        at(30),
      ),
    );
    expect(fieldsOf(early)).toEqual(["resolvedAt"]);
    expect((await readiness(31)).met).toBe(false);

    const [resolved, audit] = await audited(() =>
      resolveAdverseEvent(
        db,
        actors.nurse,
        s.sessionId,
        vomiting.id,
        { resolvedAt: at(35).toISOString() },
        at(36),
      ),
    );
    expect(resolved).toEqual({ id: vomiting.id, resolvedAt: at(35).toISOString() });
    expect(audit).toMatchObject({ action: "adverse-event.resolve", patientId: s.patientId });
    expect((await readiness(37)).met).toBe(true);
    const [stored] = await db.select().from(adverseEvents).where(eq(adverseEvents.id, vomiting.id));
    expect(stored).toMatchObject({ resolvedAt: at(35), actionTaken: "Ondansetron 4 mg IV" });

    await refused("conflict", () =>
      resolveAdverseEvent(db, actors.nurse, s.sessionId, vomiting.id, {}, at(40)),
    );
  });

  // ── 10. dissociation (CADSS) ────────────────────────────────────────────────────────────

  it("scores a 23-item CADSS after the dose and refuses an incomplete one", async () => {
    const s = await dosedIv();
    const answers = [1, 0, 2, 1, 0, 0, 1, 3, 0, 1, 2, 0, 0, 1, 0, 2, 1, 0, 0, 1, 0, 0, 1];
    expect(answers).toHaveLength(23);

    const [scored, audit] = await audited(() =>
      recordDissociation(
        db,
        actors.nurse,
        s.sessionId,
        { answers },
        { idempotencyKey: null, now: at(45) },
      ),
    );
    expect(scored.total).toBe(17);
    expect(audit).toMatchObject({
      action: "assessment.record",
      entityType: "assessment",
      entityId: scored.id,
      actorId: actors.nurse.id,
      patientId: s.patientId,
    });
    const [stored] = await db.select().from(assessments).where(eq(assessments.id, scored.id));
    expect(stored).toMatchObject({
      patientId: s.patientId,
      sessionId: s.sessionId,
      instrument: "CADSS",
      answers,
      total: 17,
      band: null,
      rater: "clinician",
      enteredBy: actors.nurse.id,
      administeredAt: at(45),
    });

    const [short] = await refused("unprocessable", () =>
      recordDissociation(
        db,
        actors.nurse,
        s.sessionId,
        { answers: answers.slice(0, 22) },
        { idempotencyKey: null, now: at(46) },
      ),
    );
    expect(fieldsOf(short)).toContain("answers");
    await refused("unprocessable", () =>
      recordDissociation(
        db,
        actors.nurse,
        s.sessionId,
        { answers: [...answers.slice(0, 22), 5] },
        { idempotencyKey: null, now: at(46) },
      ),
    );
    expect(await cadssRows(s.sessionId)).toBe(1);

    const before = await checkedIn("iv_ketamine");
    await refused("conflict", () =>
      recordDissociation(
        db,
        actors.nurse,
        before.sessionId,
        { answers },
        { idempotencyKey: null, now: at(3) },
      ),
    );
    expect(await cadssRows(before.sessionId)).toBe(0);
  });
  // ── more bedside timing rules ───────────────────────────────────────────────────────────

  it("gives readings entered before a late-recorded dose their minutes from the dose start", async () => {
    const s = await checkedIn("iv_ketamine");
    await vitalsAt(s.sessionId, 2, reading(124, 78));
    // The nurse started the infusion at 5 min but logged the 10-min check before the dose.
    const early = await vitalsAt(s.sessionId, 15, reading(138, 84));
    expect(early.minutesFromDose).toBeNull();
    await recordDose(
      db,
      actors.nurse,
      s.sessionId,
      ivDose(s.orderedMg, { startedAt: at(5).toISOString() }),
      { idempotencyKey: null, now: at(16) },
    );
    const rows = await listSessionVitals(db, actors.nurse, s.sessionId);
    expect(rows.map((r) => r.minutesFromDose)).toEqual([null, 10]);
    expect((await sessionRow(s.sessionId)).startedAt).toEqual(at(5));
    const next = await vitalsAt(s.sessionId, 25, reading(166, 90));
    expect(next.minutesFromDose).toBe(20);
    // The baseline for bp-rise is still the reading before the dose (124/78 → limit 164).
    expect(next.alerts.map((a) => a.code).sort()).toEqual(["bp-high", "bp-rise"]);
  });

  it("keeps an esketamine patient 120 minutes from the dose start and needs a ride home", async () => {
    const s = await checkedIn("intranasal_esketamine", { suits: (c) => c.orderMg === 56 });
    await vitalsAt(s.sessionId, 2, reading(126, 80));
    await recordDose(db, actors.nurse, s.sessionId, esketamineDose(56, 2), {
      idempotencyKey: null,
      now: at(5),
    });
    await vitalsAt(s.sessionId, 45, reading(146, 90, { sedationMoaas: 4 }));
    await vitalsAt(s.sessionId, 120, reading(130, 82));

    const [tooSoon] = await refused("unprocessable", () =>
      dischargeSession(db, actors.nurse, s.sessionId, null, at(124)),
    );
    expect(fieldsOf(tooSoon)).toEqual(["time-since-dose"]);

    const view = await getSessionDetail(db, actors.nurse, s.sessionId, at(125));
    if (view.access !== "clinical") throw new Error("nurse should see the clinical view");
    expect(view.detail.discharge?.ready).toBe(true);
    const [done] = await audited(() =>
      dischargeSession(db, actors.nurse, s.sessionId, null, at(125)),
    );
    expect(done.status).toBe("completed");

    const noRide = await checkedIn("intranasal_esketamine", {
      rideHomeConfirmed: false,
      suits: (c) => c.orderMg === 56,
    });
    await vitalsAt(noRide.sessionId, 2, reading(120, 76));
    await recordDose(db, actors.nurse, noRide.sessionId, esketamineDose(56, 2), {
      idempotencyKey: null,
      now: at(5),
    });
    await vitalsAt(noRide.sessionId, 125, reading(122, 78));
    const [driver] = await refused("unprocessable", () =>
      dischargeSession(db, actors.nurse, noRide.sessionId, null, at(126)),
    );
    expect(fieldsOf(driver)).toEqual(["driver"]);
  });

  // ── retries that arrive while the first request is still in flight ──────────────────────

  it("stores one vitals row when the same Idempotency-Key arrives twice at once", async () => {
    const s = await dosedIv();
    const body = reading(142, 86);
    const both = await Promise.all([
      vitalsAt(s.sessionId, 15, body, { key: "vitals-race-0001" }),
      vitalsAt(s.sessionId, 15, body, { key: "vitals-race-0001" }),
    ]);
    expect(both[0].id).toBe(both[1].id);
    expect(both.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(await vitalsRows(s.sessionId)).toBe(2);
  });

  it("judges a reading against the dose recorded while it waited for the session", async () => {
    const s = await checkedIn("iv_ketamine");
    await vitalsAt(s.sessionId, 2, reading(124, 78));
    // Another device holds the session while it records the dose (started at 5 min)…
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const doseWrite = db.transaction(async (tx) => {
      await tx
        .select({ id: sessions.id })
        .from(sessions)
        .where(eq(sessions.id, s.sessionId))
        .for("update");
      await tx.insert(doseAdministrations).values({
        sessionId: s.sessionId,
        patientId: s.patientId,
        courseId: s.courseId,
        drug: "ketamine",
        route: "iv",
        doseMg: s.orderedMg,
        lot: "KET-25A009",
        startedAt: at(5),
        givenBy: actors.otherNurse.id,
      });
      holding();
      await released;
    });
    await held;
    // …when this reading (taken at 15 min, 166/90) arrives and waits for it.
    const waiting = vitalsAt(s.sessionId, 15, reading(166, 90));
    try {
      if (engine === "postgres") {
        // Let the reading's transaction reach the session's lock before the dose commits.
        await expect
          .poll(
            async () => {
              const [row] = await db
                .select({ n: count() })
                .from(sql`pg_stat_activity`)
                .where(sql`wait_event_type = 'Lock' and datname = current_database()`);
              return row?.n ?? 0;
            },
            { timeout: 10_000 },
          )
          .toBe(1);
      }
    } finally {
      release();
    }
    await doseWrite;
    const stored = await waiting;
    // Ten minutes after the dose, and a rise of 42 mmHg over the pre-dose baseline.
    expect(stored.minutesFromDose).toBe(10);
    expect(stored.alerts.map((a) => a.code).sort()).toEqual(["bp-high", "bp-rise"]);
  });

  it("records one dose when two nurses submit it at the same moment", async () => {
    const s = await checkedIn("iv_ketamine");
    await vitalsAt(s.sessionId, 2, reading(124, 78));
    const outcomes = await Promise.allSettled([
      recordDose(db, actors.nurse, s.sessionId, ivDose(s.orderedMg), {
        idempotencyKey: "dose-race-0001",
        now: at(5),
      }),
      recordDose(db, actors.otherNurse, s.sessionId, ivDose(s.orderedMg), {
        idempotencyKey: "dose-race-0002",
        now: at(5),
      }),
    ]);
    const kinds = outcomes
      .map((o) =>
        o.status === "fulfilled"
          ? "recorded"
          : o.reason instanceof AppError
            ? o.reason.code
            : String(o.reason),
      )
      .sort();
    expect(kinds).toEqual(["conflict", "recorded"]);
    expect(await doseRows(s.sessionId)).toBe(1);
  });
});
