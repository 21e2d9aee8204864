/**
 * The front desk's schedule, end to end against a real database (no mocks): booking a single
 * session and every conflict rule of CLINICAL.md "Scheduling defaults", overrides, rescheduling,
 * cancelling and no-shows, induction series (preview, suggestion, all-or-nothing booking), the
 * permission matrix of DESIGN.md (book, reschedule, cancel: admin only) with one audit row per
 * attempt, and the agenda's room and staff filters.
 *
 * The demo clinic is seeded at a fixed `now` and books only two weeks ahead, so every test books
 * into its own quiet week from ten weeks later on, and tests do not depend on one another's data.
 */
import { TZDate } from "@date-fns/tz";
import { and, asc, count, eq, gte, notInArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbHandle } from "@/db/client";
import { patients, rooms, sessions, treatmentCourses, users, type Role } from "@/db/schema";
import { seedDemoClinic } from "@/db/seed/demo-clinic";
import type { ActorContext } from "@/lib/auth/authorize";
import type { AppError, ConflictDetail, ErrorCode } from "@/lib/errors";
import { bookSession, cancelSession, rescheduleSession } from "@/lib/schedule/booking";
import { bookSeries, previewSeries, type PreviewedSession } from "@/lib/schedule/series-booking";
import { listAgenda } from "@/lib/sessions/agenda";
import { markNoShow } from "@/lib/sessions/transitions";
import { audited as auditedCall, refusedWith, type AuditRow } from "./audit-trail";
import { ENGINES, freshDatabase } from "./databases";

const TZ = "America/New_York";
// Wednesday 11 March 2026, 11:30 in the clinic (EDT).
const NOW = new Date("2026-03-11T15:30:00Z");
// Monday 18 May 2026, ten weeks later: the seed has nothing booked this far ahead.
const QUIET_MONDAY = { year: 2026, monthIndex: 4, day: 18 };

const MON = 1;
const TUE = 2;
const WED = 3;
const THU = 4;
const FRI = 5;
const SAT = 6;
const MINUTE_MS = 60_000;

/** An instant on the clinic's wall clock: `weekday` (ISO, 1 = Monday) of quiet week `week`. */
function clinicAt(week: number, weekday: number, hours: number, minutes = 0): Date {
  const { year, monthIndex, day } = QUIET_MONDAY;
  const local = new TZDate(year, monthIndex, day + week * 7 + weekday - 1, hours, minutes, TZ);
  return new Date(local.getTime());
}

/** The clinic date "YYYY-MM-DD" of `weekday` of quiet week `week`. */
function clinicDate(week: number, weekday: number): string {
  const { year, monthIndex, day } = QUIET_MONDAY;
  return new Date(Date.UTC(year, monthIndex, day + week * 7 + weekday - 1))
    .toISOString()
    .slice(0, 10);
}

const plus = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * MINUTE_MS);
const iso = (at: Date): string => at.toISOString();

type SessionRow = typeof sessions.$inferSelect;
type BookInput = Parameters<typeof bookSession>[2];
type SeriesBookInput = Parameters<typeof bookSeries>[2];
type PreviewInput = Parameters<typeof previewSeries>[2];
type SeriesSessionInput = SeriesBookInput["sessions"][number];

const codesOf = (error: AppError): string[] => (error.conflicts ?? []).map((c) => c.code);

/** The series sessions to book from a preview, each at its suggestion when it has one. */
function toBook(previewed: readonly PreviewedSession[]): SeriesSessionInput[] {
  return previewed.map((s) => ({
    kind: s.kind,
    dosingNumber: s.dosingNumber,
    start: s.suggestion?.start ?? s.start,
    end: s.suggestion?.end ?? s.end,
  }));
}

describe.each(ENGINES)("the front desk's schedule on %s", (engine) => {
  let handle: DbHandle;
  let db: Db;
  const actor = (role: Role, requestAddress: string): ActorContext => ({
    id: "",
    role,
    requestAddress,
  });
  const admin = actor("admin", "10.0.6.31");
  const nurseUser = actor("nurse", "10.0.6.21");
  const psychiatristUser = actor("psychiatrist", "10.0.6.11");

  /** Seeded rooms and staff, by name. */
  const room = { willow: "", cedar: "", chairA: "", chairB: "" };
  const staff = { okafor: "", whitaker: "", raman: "", rivera: "", moreno: "", tran: "" };
  /** Seeded patients, in MRN order. */
  let patientIds: string[] = [];
  let ivCourse: { id: string; patientId: string };
  let esketamineCourse: { id: string; patientId: string };

  let weeksClaimed = 0;
  /** The first of `count` quiet weeks no other test books into. */
  const claimWeeks = (count = 1): number => {
    const first = weeksClaimed;
    weeksClaimed += count;
    return first;
  };

  const patient = (n: number): string => {
    const id = patientIds[n];
    if (!id) throw new Error(`the demo clinic has no patient #${n}`);
    return id;
  };

  beforeAll(async () => {
    handle = await freshDatabase(engine);
    db = handle.db;
    await seedDemoClinic(db, { now: NOW, timeZone: TZ });

    const people = await db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users);
    const idOf = (name: string): string => {
      const row = people.find((u) => u.name === name);
      if (!row) throw new Error(`seed has no ${name}`);
      return row.id;
    };
    const byEmail = (email: string): string => {
      const row = people.find((u) => u.email === email);
      if (!row) throw new Error(`seed has no ${email}`);
      return row.id;
    };
    admin.id = byEmail("admin@demo.kapstone.test");
    nurseUser.id = byEmail("nurse@demo.kapstone.test");
    psychiatristUser.id = byEmail("psychiatrist@demo.kapstone.test");
    Object.assign(staff, {
      okafor: idOf("Dr. Maya Okafor"),
      whitaker: idOf("Dr. Daniel Whitaker"),
      raman: idOf("Dr. Priya Raman"),
      rivera: idOf("Sam Rivera"),
      moreno: idOf("Alicia Moreno"),
      tran: idOf("Kevin Tran"),
    });

    const roomRows = await db.select({ id: rooms.id, name: rooms.name }).from(rooms);
    const roomOf = (name: string): string => {
      const row = roomRows.find((r) => r.name === name);
      if (!row) throw new Error(`seed has no room ${name}`);
      return row.id;
    };
    Object.assign(room, {
      willow: roomOf("Room 1 – Willow"),
      cedar: roomOf("Room 2 – Cedar"),
      chairA: roomOf("Chair A"),
      chairB: roomOf("Chair B"),
    });

    const patientRows = await db
      .select({ id: patients.id })
      .from(patients)
      .orderBy(asc(patients.mrn));
    patientIds = patientRows.map((p) => p.id);
    expect(patientIds.length).toBeGreaterThanOrEqual(8);

    const courseOf = async (
      protocol: "iv_ketamine" | "intranasal_esketamine",
    ): Promise<{ id: string; patientId: string }> => {
      const [row] = await db
        .select({ id: treatmentCourses.id, patientId: treatmentCourses.patientId })
        .from(treatmentCourses)
        .where(eq(treatmentCourses.protocol, protocol))
        .orderBy(asc(treatmentCourses.id))
        .limit(1);
      if (!row) throw new Error(`seed has no ${protocol} course`);
      return row;
    };
    ivCourse = await courseOf("iv_ketamine");
    esketamineCourse = await courseOf("intranasal_esketamine");

    // The quiet weeks really are quiet.
    const [ahead] = await db
      .select({ n: count() })
      .from(sessions)
      .where(gte(sessions.scheduledStart, clinicAt(0, MON, 0)));
    expect(ahead?.n).toBe(0);
  });
  afterAll(async () => {
    await handle?.close();
  });

  // ── data helpers ────────────────────────────────────────────────────────────────────────

  async function sessionCount(): Promise<number> {
    const [row] = await db.select({ n: count() }).from(sessions);
    return row?.n ?? 0;
  }

  async function sessionRow(id: string): Promise<SessionRow> {
    const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
    if (!row) throw new Error(`no session ${id}`);
    return row;
  }

  async function dosingSessionsOfCourse(courseId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(sessions)
      .where(
        and(
          eq(sessions.courseId, courseId),
          eq(sessions.kind, "dosing"),
          notInArray(sessions.status, ["cancelled", "no_show"]),
        ),
      );
    return row?.n ?? 0;
  }

  // ── audit helpers: every attempt leaves exactly one audit row ──────────────────────────

  /** Runs a successful call and returns its result with the one audit row it appended. */
  const audited = <T>(call: () => Promise<T>): Promise<[T, AuditRow]> =>
    auditedCall(db, call, { outcome: "success" });

  /**
   * Runs a call that must be refused with `code`, stores no session, and appends exactly one
   * audit row: "denied" for a 403, "failure" for any other refusal.
   */
  const refused = (code: ErrorCode, call: () => Promise<unknown>): Promise<[AppError, AuditRow]> =>
    refusedWith(db, code, call, { unchanged: sessionCount });

  /** Books as the admin; asserts the one success audit row naming the new session. */
  async function book(input: BookInput): Promise<string> {
    const [result, row] = await audited(() => bookSession(db, admin, input));
    expect(row).toMatchObject({
      action: "session.book",
      entityType: "session",
      entityId: result.id,
      patientId: input.patientId,
      actorId: admin.id,
      actorRole: "admin",
      requestAddress: admin.requestAddress,
    });
    return result.id;
  }

  /** A booking refused as a conflict: nothing stored, one failure row naming the codes. */
  async function refusedBooking(input: BookInput): Promise<ConflictDetail[]> {
    const [error, row] = await refused("conflict", () => bookSession(db, admin, input));
    const conflicts = error.conflicts ?? [];
    expect(conflicts.length).toBeGreaterThan(0);
    expect(row).toMatchObject({
      action: "session.book",
      actorId: admin.id,
      detail: { code: "conflict", conflicts: codesOf(error) },
    });
    return conflicts;
  }

  const intake = (patientId: string, roomId: string, start: Date): BookInput => ({
    patientId,
    kind: "intake",
    roomId,
    start: iso(start),
  });

  const ivDosing = (
    patientId: string,
    roomId: string,
    start: Date,
    extra: Partial<BookInput> = {},
  ): BookInput => ({
    patientId,
    kind: "dosing",
    protocol: "iv_ketamine",
    roomId,
    start: iso(start),
    ...extra,
  });

  // ── booking a single session ────────────────────────────────────────────────────────────

  it("books dosing sessions for the protocol's default length and an intake for 90 minutes", async () => {
    const w = claimWeeks();
    const ivStart = clinicAt(w, MON, 9);
    const ivId = await book(
      ivDosing(patient(0), room.chairA, ivStart, {
        psychiatristId: staff.okafor,
        nurseId: staff.rivera,
      }),
    );
    expect(await sessionRow(ivId)).toMatchObject({
      patientId: patient(0),
      kind: "dosing",
      status: "scheduled",
      scheduledStart: ivStart,
      scheduledEnd: plus(ivStart, 90),
      roomId: room.chairA,
      psychiatristId: staff.okafor,
      nurseId: staff.rivera,
      courseId: null,
      numberInCourse: null,
      cancelReason: null,
    });

    const eskStart = clinicAt(w, WED, 9);
    const eskId = await book({
      patientId: patient(1),
      kind: "dosing",
      protocol: "intranasal_esketamine",
      roomId: room.willow,
      start: iso(eskStart),
      psychiatristId: staff.whitaker,
      nurseId: staff.moreno,
    });
    expect(await sessionRow(eskId)).toMatchObject({
      scheduledStart: eskStart,
      scheduledEnd: plus(eskStart, 150),
    });

    const intakeStart = clinicAt(w, FRI, 10, 30);
    const intakeId = await book({
      ...intake(patient(2), room.cedar, intakeStart),
      psychiatristId: staff.raman,
    });
    expect(await sessionRow(intakeId)).toMatchObject({
      kind: "intake",
      scheduledStart: intakeStart,
      scheduledEnd: plus(intakeStart, 90),
      psychiatristId: staff.raman,
      nurseId: null,
    });
  });

  it("numbers a dosing session within its course and takes the course's protocol", async () => {
    const w = claimWeeks();
    const before = await dosingSessionsOfCourse(ivCourse.id);
    const first = clinicAt(w, MON, 10);
    const firstId = await book({
      patientId: ivCourse.patientId,
      courseId: ivCourse.id,
      kind: "dosing",
      roomId: room.chairB,
      start: iso(first),
      nurseId: staff.tran,
    });
    // No protocol given: the IV course's protocol sets the 90-minute length.
    expect(await sessionRow(firstId)).toMatchObject({
      courseId: ivCourse.id,
      numberInCourse: before + 1,
      scheduledEnd: plus(first, 90),
    });
    const secondId = await book({
      patientId: ivCourse.patientId,
      courseId: ivCourse.id,
      kind: "dosing",
      roomId: room.chairB,
      start: iso(clinicAt(w, WED, 10)),
      nurseId: staff.tran,
    });
    expect((await sessionRow(secondId)).numberInCourse).toBe(before + 2);
    // An integration session of the course is not a numbered dose.
    const integrationId = await book({
      patientId: ivCourse.patientId,
      courseId: ivCourse.id,
      kind: "integration",
      roomId: room.willow,
      start: iso(clinicAt(w, TUE, 10)),
    });
    expect(await sessionRow(integrationId)).toMatchObject({
      numberInCourse: null,
      scheduledEnd: plus(clinicAt(w, TUE, 10), 60),
    });
  });

  it("refuses a room booked twice at once (room-overlap), naming the other session", async () => {
    const w = claimWeeks();
    const existing = await book(intake(patient(0), room.willow, clinicAt(w, MON, 9)));
    const conflicts = await refusedBooking({
      patientId: patient(1),
      kind: "preparation",
      roomId: room.willow,
      start: iso(clinicAt(w, MON, 10)),
    });
    expect(conflicts).toEqual([
      {
        code: "room-overlap",
        message: expect.stringContaining("Room 1 – Willow") as unknown,
        overridable: true,
        sessionId: existing,
      },
    ]);
  });

  it("refuses a patient in two sessions at once (patient-overlap)", async () => {
    const w = claimWeeks();
    const existing = await book(intake(patient(1), room.willow, clinicAt(w, MON, 9)));
    const conflicts = await refusedBooking({
      patientId: patient(1),
      kind: "preparation",
      roomId: room.cedar,
      start: iso(clinicAt(w, MON, 10)),
    });
    expect(conflicts).toMatchObject([
      { code: "patient-overlap", overridable: true, sessionId: existing },
    ]);
  });

  it("refuses a psychiatrist in two sessions at once unless both are dosing (psychiatrist-overlap)", async () => {
    const w = claimWeeks();
    const existing = await book({
      ...intake(patient(0), room.willow, clinicAt(w, MON, 9)),
      psychiatristId: staff.okafor,
    });
    const conflicts = await refusedBooking(
      ivDosing(patient(1), room.chairA, clinicAt(w, MON, 10), { psychiatristId: staff.okafor }),
    );
    expect(conflicts).toMatchObject([
      { code: "psychiatrist-overlap", overridable: true, sessionId: existing },
    ]);

    // As the prescriber on site, one psychiatrist may supervise several dosing sessions at once.
    const first = await book(
      ivDosing(patient(2), room.chairA, clinicAt(w, MON, 13), { psychiatristId: staff.okafor }),
    );
    const second = await book({
      patientId: patient(3),
      kind: "dosing",
      protocol: "intranasal_esketamine",
      roomId: room.chairB,
      start: iso(clinicAt(w, MON, 13, 30)),
      psychiatristId: staff.okafor,
    });
    expect((await sessionRow(first)).psychiatristId).toBe(staff.okafor);
    expect((await sessionRow(second)).psychiatristId).toBe(staff.okafor);
  });

  it("lets a nurse monitor three overlapping dosing sessions but refuses the fourth (nurse-ratio)", async () => {
    const w = claimWeeks();
    const monitored = [
      await book(ivDosing(patient(0), room.willow, clinicAt(w, TUE, 9), { nurseId: staff.moreno })),
      await book(
        ivDosing(patient(1), room.cedar, clinicAt(w, TUE, 9, 15), { nurseId: staff.moreno }),
      ),
      // The third overlapping dosing session is fine: the limit is reached, not exceeded.
      await book(
        ivDosing(patient(2), room.chairA, clinicAt(w, TUE, 9, 30), { nurseId: staff.moreno }),
      ),
    ];
    const conflicts = await refusedBooking(
      ivDosing(patient(3), room.chairB, clinicAt(w, TUE, 9, 45), { nurseId: staff.moreno }),
    );
    expect(conflicts).toHaveLength(1);
    const [ratio] = conflicts;
    expect(ratio).toMatchObject({ code: "nurse-ratio", overridable: true });
    expect(monitored).toContain(ratio?.sessionId);

    // Once the first infusion ends (10:30) only two remain in progress: the fourth fits then.
    await book(
      ivDosing(patient(3), room.chairB, clinicAt(w, TUE, 10, 30), { nurseId: staff.moreno }),
    );
  });

  it("refuses dosing sessions for one patient starting 23 h apart, books them 24 h apart (dosing-interval)", async () => {
    const w = claimWeeks();
    const monday = await book(ivDosing(patient(4), room.chairA, clinicAt(w, MON, 10)));
    const conflicts = await refusedBooking(ivDosing(patient(4), room.chairA, clinicAt(w, TUE, 9)));
    expect(conflicts).toMatchObject([
      { code: "dosing-interval", overridable: true, sessionId: monday },
    ]);
    const tuesday = await book(ivDosing(patient(4), room.chairA, clinicAt(w, TUE, 10)));
    expect((await sessionRow(tuesday)).scheduledStart).toEqual(clinicAt(w, TUE, 10));
  });

  it("refuses esketamine dosing without a psychiatrist, even with an override (prescriber-required)", async () => {
    const w = claimWeeks();
    const esketamine: BookInput = {
      patientId: patient(5),
      kind: "dosing",
      protocol: "intranasal_esketamine",
      roomId: room.willow,
      start: iso(clinicAt(w, MON, 9)),
      nurseId: staff.rivera,
    };
    const conflicts = await refusedBooking(esketamine);
    expect(conflicts).toEqual([
      { code: "prescriber-required", message: expect.any(String) as unknown, overridable: false },
    ]);
    const overridden = await refusedBooking({
      ...esketamine,
      override: { reason: "Dr. Whitaker will be reachable by phone" },
    });
    expect(overridden.map((c) => c.code)).toEqual(["prescriber-required"]);
    // With a psychiatrist assigned the same session books.
    await book({ ...esketamine, psychiatristId: staff.whitaker });
  });

  it("refuses sessions outside clinic hours (outside-hours) and books right at the edges", async () => {
    const w = claimWeeks();
    const early = await refusedBooking(intake(patient(0), room.cedar, clinicAt(w, MON, 7, 30)));
    expect(early).toMatchObject([{ code: "outside-hours", overridable: true }]);
    expect(early[0]?.sessionId).toBeUndefined();

    // 17:00 + 90 min ends 18:30, after closing.
    const late = await refusedBooking(ivDosing(patient(0), room.cedar, clinicAt(w, MON, 17)));
    expect(late.map((c) => c.code)).toEqual(["outside-hours"]);

    const saturday = await refusedBooking(intake(patient(1), room.cedar, clinicAt(w, SAT, 10)));
    expect(saturday).toMatchObject([
      { code: "outside-hours", message: expect.stringContaining("Saturday") as unknown },
    ]);

    // Opening at 08:00 and closing at 18:00 are inside.
    await book(intake(patient(0), room.cedar, clinicAt(w, TUE, 8)));
    await book(ivDosing(patient(1), room.cedar, clinicAt(w, TUE, 16, 30)));
  });

  it("books back-to-back sessions: one ending as the next starts does not overlap", async () => {
    const w = claimWeeks();
    await book({
      ...intake(patient(2), room.willow, clinicAt(w, WED, 9)),
      psychiatristId: staff.raman,
    });
    // Same patient, room and psychiatrist, starting at 10:30 as the intake ends.
    const [, audit] = await audited(() =>
      bookSession(db, admin, {
        patientId: patient(2),
        kind: "preparation",
        roomId: room.willow,
        start: iso(clinicAt(w, WED, 10, 30)),
        psychiatristId: staff.raman,
      }),
    );
    expect(audit.detail).toEqual({});
    // And a session ending exactly when an existing one starts.
    await book({
      patientId: patient(3),
      kind: "follow_up",
      roomId: room.willow,
      start: iso(clinicAt(w, WED, 8, 30)),
      end: iso(clinicAt(w, WED, 9)),
      psychiatristId: staff.raman,
    });
  });

  it("books over an overridable conflict only with a reason, and audits the override", async () => {
    const w = claimWeeks();
    const existing = await book(intake(patient(3), room.chairA, clinicAt(w, THU, 9)));
    const clash = intake(patient(4), room.chairA, clinicAt(w, THU, 10));
    await refusedBooking(clash);
    const reason = "Chair A is the only recliner suited to this patient's mobility needs";
    const sessionsBefore = await sessionCount();
    const [result, audit] = await audited(() =>
      bookSession(db, admin, { ...clash, override: { reason } }),
    );
    expect(await sessionCount()).toBe(sessionsBefore + 1);
    expect(audit).toMatchObject({
      action: "session.book",
      entityId: result.id,
      detail: { override: reason, conflicts: ["room-overlap"] },
    });
    expect(await sessionRow(result.id)).toMatchObject({
      roomId: room.chairA,
      scheduledStart: clinicAt(w, THU, 10),
      status: "scheduled",
    });
    expect((await sessionRow(existing)).status).toBe("scheduled");
  });

  // ── rescheduling, cancelling, no-shows ──────────────────────────────────────────────────

  it("moves a session over its own old time, keeping its length, and audits from and to", async () => {
    const w = claimWeeks();
    const id = await book(
      ivDosing(patient(5), room.chairA, clinicAt(w, MON, 9), {
        psychiatristId: staff.whitaker,
        nurseId: staff.tran,
      }),
    );
    // 09:30 overlaps its own 09:00–10:30: the session ignores itself.
    const [moved, audit] = await audited(() =>
      rescheduleSession(db, admin, id, { start: iso(clinicAt(w, MON, 9, 30)) }),
    );
    expect(moved).toEqual({ id });
    expect(audit).toMatchObject({
      action: "session.reschedule",
      entityId: id,
      patientId: patient(5),
      actorId: admin.id,
      detail: { from: iso(clinicAt(w, MON, 9)), to: iso(clinicAt(w, MON, 9, 30)) },
    });
    expect(await sessionRow(id)).toMatchObject({
      scheduledStart: clinicAt(w, MON, 9, 30),
      scheduledEnd: clinicAt(w, MON, 11),
      roomId: room.chairA,
      nurseId: staff.tran,
      status: "scheduled",
    });

    // Another room and nurse on another day.
    await audited(() =>
      rescheduleSession(db, admin, id, {
        start: iso(clinicAt(w, TUE, 14)),
        roomId: room.cedar,
        nurseId: staff.moreno,
      }),
    );
    expect(await sessionRow(id)).toMatchObject({
      scheduledStart: clinicAt(w, TUE, 14),
      scheduledEnd: clinicAt(w, TUE, 15, 30),
      roomId: room.cedar,
      nurseId: staff.moreno,
      psychiatristId: staff.whitaker,
    });
  });

  it("refuses to move a session into a conflict and leaves it where it was", async () => {
    const w = claimWeeks();
    const id = await book(intake(patient(6), room.willow, clinicAt(w, WED, 9)));
    const blocker = await book(intake(patient(7), room.cedar, clinicAt(w, WED, 13)));
    const [error, audit] = await refused("conflict", () =>
      rescheduleSession(db, admin, id, {
        start: iso(clinicAt(w, WED, 13, 30)),
        roomId: room.cedar,
      }),
    );
    expect(error.conflicts).toMatchObject([{ code: "room-overlap", sessionId: blocker }]);
    expect(audit).toMatchObject({
      action: "session.reschedule",
      entityId: id,
      detail: { code: "conflict", conflicts: ["room-overlap"] },
    });
    expect(await sessionRow(id)).toMatchObject({
      scheduledStart: clinicAt(w, WED, 9),
      roomId: room.willow,
    });
  });

  it("refuses to move a session into an unknown room, audited, leaving it in place", async () => {
    const w = claimWeeks();
    const id = await book(intake(patient(0), room.willow, clinicAt(w, MON, 9)));
    const [error, audit] = await refused("unprocessable", () =>
      rescheduleSession(db, admin, id, { roomId: "6f1c2a9e-3b7d-4c1e-9a2f-5d8e7b6c4a31" }),
    );
    expect(error.details?.map((d) => d.field)).toEqual(["roomId"]);
    expect(audit).toMatchObject({ action: "session.reschedule", entityId: id });
    expect((await sessionRow(id)).roomId).toBe(room.willow);
  });

  it("refuses to move a completed session", async () => {
    const w = claimWeeks();
    const [completed] = await db
      .select()
      .from(sessions)
      .where(eq(sessions.status, "completed"))
      .orderBy(asc(sessions.scheduledStart))
      .limit(1);
    if (!completed) throw new Error("the demo clinic has no completed session");
    const [error, audit] = await refused("conflict", () =>
      rescheduleSession(db, admin, completed.id, { start: iso(clinicAt(w, MON, 9)) }),
    );
    expect(error.details).toEqual([{ field: "status", message: "completed" }]);
    expect(audit).toMatchObject({ action: "session.reschedule", entityId: completed.id });
    expect(await sessionRow(completed.id)).toMatchObject({
      status: "completed",
      scheduledStart: completed.scheduledStart,
      scheduledEnd: completed.scheduledEnd,
    });
  });

  it("cancels with a reason, keeps the row, frees the room, and refuses a second cancel", async () => {
    const w = claimWeeks();
    const start = clinicAt(w, THU, 9);
    const id = await book({
      ...intake(patient(0), room.cedar, start),
      psychiatristId: staff.okafor,
    });
    const reason = "Patient called: family emergency, will rebook next week";
    const sessionsBefore = await sessionCount();
    const [result, audit] = await audited(() => cancelSession(db, admin, id, { reason }));
    expect(result).toEqual({ id, status: "cancelled" });
    expect(audit).toMatchObject({
      action: "session.cancel",
      entityId: id,
      patientId: patient(0),
      detail: { reason },
    });
    // Never deleted: the row stays, struck through.
    expect(await sessionCount()).toBe(sessionsBefore);
    expect(await sessionRow(id)).toMatchObject({
      status: "cancelled",
      cancelReason: reason,
      scheduledStart: start,
    });

    // The room, the psychiatrist and the time are free again.
    await book({ ...intake(patient(1), room.cedar, start), psychiatristId: staff.okafor });

    const [again, againAudit] = await refused("conflict", () =>
      cancelSession(db, admin, id, { reason: "Entered twice by mistake" }),
    );
    expect(again.details).toEqual([{ field: "status", message: "cancelled" }]);
    expect(againAudit).toMatchObject({ action: "session.cancel", entityId: id });
    expect((await sessionRow(id)).cancelReason).toBe(reason);
  });

  it("lets the admin mark a no-show, which frees the room", async () => {
    const w = claimWeeks();
    const start = clinicAt(w, FRI, 11);
    const id = await book(ivDosing(patient(2), room.chairB, start, { nurseId: staff.rivera }));
    const [result, audit] = await audited(() =>
      markNoShow(db, admin, id, "No answer to two reminder calls", plus(start, 20)),
    );
    expect(result).toEqual({ id, status: "no_show" });
    expect(audit).toMatchObject({
      action: "session.no-show",
      entityId: id,
      actorId: admin.id,
      actorRole: "admin",
      patientId: patient(2),
    });
    expect(await sessionRow(id)).toMatchObject({
      status: "no_show",
      cancelReason: "No answer to two reminder calls",
    });
    await book(ivDosing(patient(3), room.chairB, start, { nurseId: staff.rivera }));
  });

  // ── induction series ────────────────────────────────────────────────────────────────────

  /** Previews as the admin; asserts the one success audit row and that nothing is stored. */
  async function preview(input: PreviewInput): Promise<PreviewedSession[]> {
    const sessionsBefore = await sessionCount();
    const [result, audit] = await audited(() => previewSeries(db, admin, input));
    expect(audit).toMatchObject({
      action: "series.preview",
      patientId: input.patientId,
      detail: { template: input.template, sessions: result.sessions.length },
    });
    expect(await sessionCount()).toBe(sessionsBefore);
    return result.sessions;
  }

  it("previews an IV induction on Mon/Wed/Fri: six infusions over two weeks, with or without integration", async () => {
    const w = claimWeeks(3);
    const team: PreviewInput = {
      patientId: patient(3),
      template: "iv-induction",
      roomId: room.chairA,
      psychiatristId: staff.whitaker,
      nurseId: staff.rivera,
      firstDate: clinicDate(w, MON),
      weekdays: [MON, WED, FRI],
      time: "09:00",
    };
    const plain = await preview(team);
    expect(plain).toHaveLength(6);
    expect(plain.map((s) => s.start)).toEqual(
      [
        clinicAt(w, MON, 9),
        clinicAt(w, WED, 9),
        clinicAt(w, FRI, 9),
        clinicAt(w + 1, MON, 9),
        clinicAt(w + 1, WED, 9),
        clinicAt(w + 1, FRI, 9),
      ].map(iso),
    );
    expect(plain.map((s) => s.end)).toEqual(plain.map((s) => iso(plus(new Date(s.start), 90))));
    expect(plain.map((s) => s.kind)).toEqual(Array<string>(6).fill("dosing"));
    expect(plain.map((s) => s.dosingNumber)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(plain.every((s) => s.conflicts.length === 0 && s.suggestion === null)).toBe(true);

    const withIntegration = await preview({ ...team, withIntegration: true });
    expect(withIntegration).toHaveLength(12);
    const integration = withIntegration.filter((s) => s.kind === "integration");
    expect(integration).toHaveLength(6);
    expect(integration.every((s) => s.dosingNumber === null)).toBe(true);
    // The series does not conflict with itself: integrations sit around, not on, the doses.
    expect(withIntegration.flatMap((s) => s.conflicts)).toEqual([]);
    expect(withIntegration.map((s) => s.start)).toEqual(withIntegration.map((s) => s.start).sort());
  });

  it("previews an esketamine induction on two weekdays: twelve treatments, with or without integration", async () => {
    const w = claimWeeks(9);
    const team: PreviewInput = {
      patientId: esketamineCourse.patientId,
      template: "esketamine-induction",
      roomId: room.willow,
      psychiatristId: staff.okafor,
      nurseId: staff.moreno,
      firstDate: clinicDate(w, MON),
      weekdays: [MON, THU],
      time: "10:00",
    };
    const plain = await preview(team);
    expect(plain).toHaveLength(12);
    expect(plain.every((s) => s.kind === "dosing")).toBe(true);
    expect(plain.map((s) => s.dosingNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(
      plain.map((s) => (new Date(s.end).getTime() - new Date(s.start).getTime()) / MINUTE_MS),
    ).toEqual(Array<number>(12).fill(150));
    // Weeks 1–4 twice weekly (Mon/Thu), weeks 5–8 weekly on Monday.
    expect(plain.map((s) => s.start)).toEqual(
      [
        clinicAt(w, MON, 10),
        clinicAt(w, THU, 10),
        clinicAt(w + 1, MON, 10),
        clinicAt(w + 1, THU, 10),
        clinicAt(w + 2, MON, 10),
        clinicAt(w + 2, THU, 10),
        clinicAt(w + 3, MON, 10),
        clinicAt(w + 3, THU, 10),
        clinicAt(w + 4, MON, 10),
        clinicAt(w + 5, MON, 10),
        clinicAt(w + 6, MON, 10),
        clinicAt(w + 7, MON, 10),
      ].map(iso),
    );
    expect(plain.flatMap((s) => s.conflicts)).toEqual([]);

    const withIntegration = await preview({ ...team, withIntegration: true });
    expect(withIntegration).toHaveLength(24);
    expect(withIntegration.filter((s) => s.kind === "integration")).toHaveLength(12);
    expect(withIntegration.flatMap((s) => s.conflicts)).toEqual([]);
  });

  it("shows a planned date's conflict with a suggestion that itself books without conflict", async () => {
    const w = claimWeeks(2);
    const blocker = await book(intake(patient(6), room.cedar, clinicAt(w, WED, 9, 30)));
    const series = {
      patientId: patient(7),
      template: "iv-induction",
      roomId: room.cedar,
      nurseId: staff.tran,
    } as const;
    const previewed = await preview({
      ...series,
      firstDate: clinicDate(w, MON),
      weekdays: [MON, WED, FRI],
      time: "09:00",
    });
    expect(previewed).toHaveLength(6);
    const [clash, ...others] = previewed.filter((s) => s.conflicts.length > 0);
    expect(others).toEqual([]);
    expect(clash).toMatchObject({
      index: 1,
      start: iso(clinicAt(w, WED, 9)),
      conflicts: [{ code: "room-overlap", sessionId: blocker, overridable: true }],
    });
    // The nearest free start: 08:00–09:30 ends as the intake starts.
    expect(clash?.suggestion).toEqual({
      start: iso(clinicAt(w, WED, 8)),
      end: iso(clinicAt(w, WED, 9, 30)),
    });

    // Booking the plan with the suggestion in place of the clash needs no override.
    const sessionsBefore = await sessionCount();
    const [result] = await audited(() =>
      bookSeries(db, admin, { ...series, sessions: toBook(previewed) }),
    );
    expect(result.ids).toHaveLength(6);
    expect(await sessionCount()).toBe(sessionsBefore + 6);
    const second = result.ids[1];
    if (!second) throw new Error("no second session");
    expect(await sessionRow(second)).toMatchObject({
      scheduledStart: clinicAt(w, WED, 8),
      scheduledEnd: clinicAt(w, WED, 9, 30),
    });
  });

  it("suggests a slot that keeps the dosing interval with the patient's sessions outside the planned day", async () => {
    const w = claimWeeks(3);
    // Cedar is taken Wednesday 08:00–10:45; the patient already has an infusion Thursday 10:30.
    await book({
      patientId: patient(6),
      kind: "preparation",
      roomId: room.cedar,
      start: iso(clinicAt(w, WED, 8)),
      end: iso(clinicAt(w, WED, 10, 45)),
    });
    await book(ivDosing(patient(7), room.chairA, clinicAt(w, THU, 10, 30)));
    const series = { patientId: patient(7), template: "iv-induction", roomId: room.cedar } as const;
    const previewed = await preview({
      ...series,
      firstDate: clinicDate(w, MON),
      weekdays: [MON, WED],
      time: "09:00",
    });
    const clash = previewed.find((s) => s.conflicts.length > 0);
    expect(clash).toMatchObject({
      start: iso(clinicAt(w, WED, 9)),
      conflicts: [{ code: "room-overlap" }],
    });
    const suggestion = clash?.suggestion;
    if (!suggestion) throw new Error("no suggestion for the clash");
    // Dosing sessions must start at least 24 h apart: the suggestion must keep that too.
    const thursday = clinicAt(w, THU, 10, 30).getTime();
    expect(thursday - new Date(suggestion.start).getTime()).toBeGreaterThanOrEqual(
      24 * 60 * MINUTE_MS,
    );
    const [result] = await audited(() =>
      bookSeries(db, admin, { ...series, sessions: toBook(previewed) }),
    );
    expect(result.ids).toHaveLength(6);
  });

  it("books a whole series with integration in one go, numbering the doses within the course", async () => {
    const w = claimWeeks(3);
    const series = {
      patientId: ivCourse.patientId,
      courseId: ivCourse.id,
      template: "iv-induction",
      roomId: room.chairB,
      psychiatristId: staff.raman,
      nurseId: staff.rivera,
    } as const;
    const previewed = await preview({
      ...series,
      firstDate: clinicDate(w, MON),
      weekdays: [MON, WED, FRI],
      time: "11:00",
      withIntegration: true,
    });
    expect(previewed.flatMap((s) => s.conflicts)).toEqual([]);
    const dosesBefore = await dosingSessionsOfCourse(ivCourse.id);
    const sessionsBefore = await sessionCount();
    const [result, audit] = await audited(() =>
      bookSeries(db, admin, { ...series, sessions: toBook(previewed) }),
    );
    expect(result.ids).toHaveLength(12);
    expect(await sessionCount()).toBe(sessionsBefore + 12);
    expect(audit).toMatchObject({
      action: "series.book",
      entityType: "session",
      patientId: ivCourse.patientId,
      actorId: admin.id,
      detail: { template: "iv-induction", sessions: 12 },
    });

    const stored = await Promise.all(result.ids.map(sessionRow));
    expect(stored.map((s) => iso(s.scheduledStart))).toEqual(previewed.map((s) => s.start));
    expect(stored.map((s) => iso(s.scheduledEnd))).toEqual(previewed.map((s) => s.end));
    expect(stored.map((s) => s.kind)).toEqual(previewed.map((s) => s.kind));
    expect(stored.every((s) => s.status === "scheduled" && s.courseId === ivCourse.id)).toBe(true);
    expect(stored.filter((s) => s.kind === "dosing").map((s) => s.numberInCourse)).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => dosesBefore + n),
    );
    expect(stored.filter((s) => s.kind === "integration").map((s) => s.numberInCourse)).toEqual(
      Array<null>(6).fill(null),
    );
  });

  it("books nothing of a series when one of its sessions conflicts, and answers the conflict", async () => {
    const w = claimWeeks(2);
    const series = {
      patientId: patient(5),
      template: "iv-induction",
      roomId: room.willow,
      nurseId: staff.moreno,
    } as const;
    const previewed = await preview({
      ...series,
      firstDate: clinicDate(w, MON),
      weekdays: [MON, WED, FRI],
      time: "13:00",
    });
    expect(previewed.flatMap((s) => s.conflicts)).toEqual([]);
    // Someone books the second Friday's room before the series is confirmed.
    const blocker = await book(intake(patient(6), room.willow, clinicAt(w + 1, FRI, 14)));

    const [error, audit] = await refused("conflict", () =>
      bookSeries(db, admin, { ...series, sessions: toBook(previewed) }),
    );
    expect(error.conflicts).toMatchObject([{ code: "room-overlap", sessionId: blocker }]);
    expect(audit).toMatchObject({
      action: "series.book",
      actorId: admin.id,
      detail: { code: "conflict", conflicts: ["room-overlap"] },
    });
    const [planned] = await db
      .select({ n: count() })
      .from(sessions)
      .where(
        and(eq(sessions.patientId, patient(5)), gte(sessions.scheduledStart, clinicAt(w, MON, 0))),
      );
    expect(planned?.n).toBe(0);
  });

  it("refuses a nurse in the psychiatrist's place, for a single session and for a series", async () => {
    const w = claimWeeks();
    const start = clinicAt(w, TUE, 9);
    const esketamine: BookInput = {
      patientId: esketamineCourse.patientId,
      kind: "dosing",
      protocol: "intranasal_esketamine",
      roomId: room.willow,
      start: iso(start),
      psychiatristId: staff.rivera,
    };
    const [single] = await refused("unprocessable", () => bookSession(db, admin, esketamine));
    expect(single.details?.map((d) => d.field)).toEqual(["psychiatristId"]);
    // The Spravato REMS needs a prescriber on site: a nurse named as psychiatrist is none.
    const [series] = await refused("unprocessable", () =>
      bookSeries(db, admin, {
        patientId: esketamineCourse.patientId,
        template: "esketamine-induction",
        roomId: room.willow,
        psychiatristId: staff.rivera,
        sessions: [{ kind: "dosing", start: iso(start), end: iso(plus(start, 150)) }],
      }),
    );
    expect(series.details?.map((d) => d.field)).toEqual(["psychiatristId"]);
  });

  it("checks a series against its own sessions", async () => {
    const w = claimWeeks();
    const [error] = await refused("conflict", () =>
      bookSeries(db, admin, {
        patientId: patient(4),
        template: "iv-induction",
        roomId: room.cedar,
        sessions: [
          { kind: "integration", start: iso(clinicAt(w, TUE, 9)), end: iso(clinicAt(w, TUE, 10)) },
          {
            kind: "integration",
            start: iso(clinicAt(w, TUE, 9, 30)),
            end: iso(clinicAt(w, TUE, 10, 30)),
          },
        ],
      }),
    );
    expect(codesOf(error)).toEqual(["room-overlap", "patient-overlap"]);
  });

  // ── permissions: book, reschedule, cancel are the admin's ───────────────────────────────

  it.each(["nurse", "psychiatrist"] as const)(
    "refuses every scheduling write to a %s, audited as denied, with nothing stored",
    async (role) => {
      const who = role === "nurse" ? nurseUser : psychiatristUser;
      const w = claimWeeks();
      const start = clinicAt(w, TUE, 10);
      const id = await book(intake(patient(1), room.willow, start));
      const deniedRow = async (
        action: string,
        call: () => Promise<unknown>,
        entityId: string | null,
      ): Promise<void> => {
        const [, audit] = await refused("forbidden", call);
        expect(audit).toMatchObject({
          action,
          entityType: "session",
          entityId,
          actorId: who.id,
          actorRole: role,
          outcome: "denied",
          detail: { capability: "schedule:manage" },
        });
      };

      await deniedRow(
        "session.book",
        () => bookSession(db, who, intake(patient(2), room.cedar, start)),
        null,
      );
      await deniedRow(
        "series.book",
        () =>
          bookSeries(db, who, {
            patientId: patient(2),
            template: "iv-induction",
            roomId: room.cedar,
            sessions: [{ kind: "dosing", start: iso(start), end: iso(plus(start, 90)) }],
          }),
        null,
      );
      await deniedRow(
        "series.preview",
        () =>
          previewSeries(db, who, {
            patientId: patient(2),
            template: "iv-induction",
            roomId: room.cedar,
            firstDate: clinicDate(w, MON),
            weekdays: [MON, WED, FRI],
            time: "09:00",
          }),
        null,
      );
      await deniedRow(
        "session.reschedule",
        () => rescheduleSession(db, who, id, { start: iso(plus(start, 60)) }),
        id,
      );
      await deniedRow(
        "session.cancel",
        () => cancelSession(db, who, id, { reason: "Patient asked to cancel" }),
        id,
      );
      expect(await sessionRow(id)).toMatchObject({
        status: "scheduled",
        scheduledStart: start,
        cancelReason: null,
      });

      // Reading the schedule is theirs.
      const agenda = await listAgenda(db, who, {
        from: clinicAt(w, MON, 0),
        to: clinicAt(w + 1, MON, 0),
      });
      expect(agenda.map((s) => s.id)).toEqual([id]);
    },
  );

  it("audits a malformed booking as a failure, with nothing stored", async () => {
    const w = claimWeeks();
    const [error, audit] = await refused("bad_request", () =>
      bookSession(db, admin, {
        ...intake(patient(0), room.willow, clinicAt(w, MON, 9)),
        override: { reason: "" },
      }),
    );
    expect(error.details?.map((d) => d.field)).toEqual(["override.reason"]);
    expect(audit).toMatchObject({ action: "session.book", detail: { code: "bad_request" } });
  });

  // ── the agenda's filters ────────────────────────────────────────────────────────────────

  it("filters the agenda by room and by staff member (nurse or psychiatrist)", async () => {
    const w = claimWeeks();
    const willowIntake = await book({
      ...intake(patient(0), room.willow, clinicAt(w, MON, 9)),
      psychiatristId: staff.okafor,
    });
    const cedarDose = await book(
      ivDosing(patient(1), room.cedar, clinicAt(w, MON, 9), {
        psychiatristId: staff.whitaker,
        nurseId: staff.rivera,
      }),
    );
    const chairDose = await book(
      ivDosing(patient(2), room.chairA, clinicAt(w, TUE, 13), {
        psychiatristId: staff.okafor,
        nurseId: staff.moreno,
      }),
    );
    const willowPreparation = await book({
      patientId: patient(3),
      kind: "preparation",
      roomId: room.willow,
      start: iso(clinicAt(w, WED, 13)),
    });
    const week = { from: clinicAt(w, MON, 0), to: clinicAt(w + 1, MON, 0) };
    const ids = async (filter: { roomId?: string; staffId?: string }): Promise<string[]> =>
      (await listAgenda(db, nurseUser, { ...week, ...filter })).map((s) => s.id);

    expect(await ids({})).toEqual(
      expect.arrayContaining([willowIntake, cedarDose, chairDose, willowPreparation]),
    );
    expect(await ids({})).toHaveLength(4);
    expect(await ids({ roomId: room.willow })).toEqual([willowIntake, willowPreparation]);
    expect(await ids({ roomId: room.chairB })).toEqual([]);
    expect(await ids({ staffId: staff.okafor })).toEqual([willowIntake, chairDose]);
    expect(await ids({ staffId: staff.rivera })).toEqual([cedarDose]);
    expect(await ids({ staffId: staff.moreno })).toEqual([chairDose]);
    expect(await ids({ roomId: room.willow, staffId: staff.okafor })).toEqual([willowIntake]);

    const [row] = await listAgenda(db, psychiatristUser, {
      ...week,
      staffId: staff.rivera,
    });
    expect(row).toMatchObject({
      id: cedarDose,
      roomName: "Room 2 – Cedar",
      nurseId: staff.rivera,
      nurseName: "Sam Rivera",
      psychiatristId: staff.whitaker,
      psychiatristName: "Dr. Daniel Whitaker",
      kind: "dosing",
      status: "scheduled",
    });
  });
});
