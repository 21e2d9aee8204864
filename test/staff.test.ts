/**
 * Staff accounts and the audit log against a real database (no mocks): an account's whole life
 * from a temporary password to the user's own, roles, deactivation, the last active admin, the
 * permission matrix with one audit row per call, and the log's filters, paging and CSV export.
 */
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbHandle } from "@/db/client";
import { auditEvents, patients, users, type Role } from "@/db/schema";
import { seedDemoClinic } from "@/db/seed/demo-clinic";
import { listAuditEvents } from "@/lib/audit-log";
import { authenticate, MAX_FAILED_SIGN_INS } from "@/lib/auth/sign-in";
import { config } from "@/lib/config";
import { AppError, type ErrorCode } from "@/lib/errors";
import { clinicDateKey } from "@/lib/format";
import { AUDIT_CSV_HEADER, csvCell, exportAuditCsv } from "@/lib/staff/audit-csv";
import { changeOwnPassword } from "@/lib/staff/change-own-password";
import { createStaff, resetStaffPassword, updateStaff } from "@/lib/staff/manage-staff";
import { ENGINES, freshDatabase } from "./databases";

const DEMO_PASSWORD = "Kapstone-demo-1";
const SEEDED_AT = new Date("2026-03-11T14:30:00Z");
type Actor = { id: string; role: Role; requestAddress: string };

async function refusal(promise: Promise<unknown>): Promise<{ code: ErrorCode; message: string }> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe.each(ENGINES)("staff accounts and the audit log on %s", (engine) => {
  let handle: DbHandle;
  let db: Db;
  const actor = (id: string, role: Role): Actor => ({ id, role, requestAddress: "10.0.7.1" });
  let admin: Actor;
  let secondAdmin: Actor;
  let nurse: Actor;
  let psychiatrist: Actor;

  beforeAll(async () => {
    handle = await freshDatabase(engine);
    db = handle.db;
    await seedDemoClinic(db, { now: SEEDED_AT, timeZone: "America/New_York" });
    const byEmail = async (email: string): Promise<Actor> => {
      const row = await member(email);
      return actor(row.id, row.role);
    };
    admin = await byEmail("admin@demo.kapstone.test");
    secondAdmin = await byEmail("renee.castillo@demo.kapstone.test");
    nurse = await byEmail("nurse@demo.kapstone.test");
    psychiatrist = await byEmail("psychiatrist@demo.kapstone.test");
  });
  afterAll(async () => {
    await handle?.close();
  });

  const auditRows = async (): Promise<number> =>
    (await db.select({ n: count() }).from(auditEvents))[0]?.n ?? 0;
  const lastAudit = async (): Promise<typeof auditEvents.$inferSelect | undefined> =>
    (
      await db
        .select()
        .from(auditEvents)
        .orderBy(sql`${auditEvents.id} desc`)
        .limit(1)
    )[0];
  const member = async (email: string): Promise<typeof users.$inferSelect> => {
    const [row] = await db.select().from(users).where(eq(users.email, email));
    if (!row) throw new Error(`seed has no ${email}`);
    return row;
  };
  const account = async (id: string): Promise<typeof users.$inferSelect | undefined> =>
    (await db.select().from(users).where(eq(users.id, id)))[0];
  const signIn = (email: string, password: string): ReturnType<typeof authenticate> =>
    authenticate(db, { email, password }, "10.0.7.9");

  /** Runs a call that must be refused and checks it left exactly one audit row, as expected. */
  async function refusedOnce(
    call: () => Promise<unknown>,
    expected: { action: string; outcome: "denied" | "failure" },
  ): Promise<{ code: ErrorCode; message: string }> {
    const before = await auditRows();
    const refused = await refusal(call());
    expect(await auditRows()).toBe(before + 1);
    expect(await lastAudit()).toMatchObject(expected);
    return refused;
  }

  it("takes a new nurse from a temporary password to their own, storing no password", async () => {
    const created = await createStaff(db, admin, {
      name: "Taylor Quinn",
      email: "  Taylor.Quinn@Example.TEST ",
      role: "nurse",
    });
    expect(created).toMatchObject({
      email: "taylor.quinn@example.test",
      role: "nurse",
      active: true,
    });
    expect(created.temporaryPassword).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    const stored = await account(created.id);
    expect(stored?.mustChangePassword).toBe(true);
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await lastAudit()).toMatchObject({ action: "user.create", entityId: created.id });

    const signedIn = await signIn("taylor.quinn@example.test", created.temporaryPassword);
    expect(signedIn).toMatchObject({ id: created.id, role: "nurse" });
    const taylor = actor(created.id, "nurse");
    const newPassword = "Recliner-chair-vitals-42";
    const current = created.temporaryPassword;
    const failed = { action: "user.change-password", outcome: "failure" } as const;
    for (const [currentPassword, weak, code] of [
      ["not-the-temporary-one", newPassword, "unprocessable"],
      [current, current, "unprocessable"],
      [current, "Taylor.Quinn@example.test-1", "unprocessable"],
      [current, "short-1", "bad_request"],
    ] as const) {
      const change = (): Promise<unknown> =>
        changeOwnPassword(db, taylor, { currentPassword, newPassword: weak });
      expect(await refusedOnce(change, failed)).toMatchObject({ code });
    }
    await changeOwnPassword(db, taylor, { currentPassword: current, newPassword });
    expect(await lastAudit()).toMatchObject({ action: "user.change-password", outcome: "success" });
    expect((await account(created.id))?.mustChangePassword).toBe(false);
    expect(await signIn("taylor.quinn@example.test", current)).toBeNull();
    expect(await signIn("taylor.quinn@example.test", newPassword)).not.toBeNull();

    const everything = await db
      .select({ detail: sql<string>`${auditEvents.detail}::text` })
      .from(auditEvents);
    const logged = everything.map((r) => r.detail ?? "").join("\n");
    expect(logged).not.toContain(current);
    expect(logged).not.toContain(newPassword);
  });

  it("refuses a second account with the same email, whatever its case", async () => {
    const again = { name: "Sam Again", email: "Nurse@Demo.Kapstone.TEST", role: "nurse" };
    expect(
      await refusedOnce(() => createStaff(db, admin, again), {
        action: "user.create",
        outcome: "failure",
      }),
    ).toEqual({ code: "conflict", message: "An account with this email already exists." });
    const malformed = { ...again, email: "not an email" };
    expect(await refusal(createStaff(db, admin, malformed))).toMatchObject({ code: "bad_request" });
  });

  it("changes a role and deactivates an account, which can then no longer sign in", async () => {
    const alicia = await member("alicia.moreno@demo.kapstone.test");
    const promoted = await updateStaff(db, admin, alicia.id, { role: "psychiatrist" });
    expect(promoted.role).toBe("psychiatrist");
    expect((await lastAudit())?.detail).toEqual({
      changes: { role: { from: "nurse", to: "psychiatrist" } },
    });
    await updateStaff(db, admin, alicia.id, { role: "nurse" });

    await updateStaff(db, admin, alicia.id, { active: false });
    expect(await signIn(alicia.email, DEMO_PASSWORD)).toBeNull();
    expect(await lastAudit()).toMatchObject({
      action: "auth.sign-in",
      outcome: "failure",
      detail: { reason: "deactivated" },
    });
    await updateStaff(db, admin, alicia.id, { active: true });
    expect(await signIn(alicia.email, DEMO_PASSWORD)).not.toBeNull();
    expect(await refusal(updateStaff(db, admin, alicia.id, {}))).toMatchObject({
      code: "bad_request",
    });
    expect(await refusal(updateStaff(db, admin, "not-a-uuid", { active: false }))).toMatchObject({
      code: "not_found",
    });
  });

  it("resets a locked-out password to a temporary one that must be changed", async () => {
    const kevin = await member("kevin.tran@demo.kapstone.test");
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i += 1) await signIn(kevin.email, `wrong-${i}`);
    expect((await account(kevin.id))?.lockedUntil).not.toBeNull();
    const reset = await resetStaffPassword(db, admin, kevin.id);
    const after = await account(kevin.id);
    expect(after).toMatchObject({
      lockedUntil: null,
      failedLoginCount: 0,
      mustChangePassword: true,
    });
    expect(await lastAudit()).toMatchObject({
      action: "user.reset-password",
      detail: { wasLocked: true },
    });
    expect(await signIn(kevin.email, DEMO_PASSWORD)).toBeNull();
    expect(await signIn(kevin.email, reset.temporaryPassword)).not.toBeNull();

    // Guessing the current password in the change form is held to the sign-in lockout too.
    const guess = { currentPassword: "a-wrong-guess", newPassword: "Kevin-chooses-now-7" };
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i += 1) {
      await refusal(changeOwnPassword(db, actor(kevin.id, "nurse"), guess));
    }
    const right = { ...guess, currentPassword: reset.temporaryPassword };
    expect(await refusal(changeOwnPassword(db, actor(kevin.id, "nurse"), right))).toMatchObject({
      code: "rate_limited",
    });
  });

  it("lets only admins manage staff, auditing each refusal as denied", async () => {
    const grace = await member("grace.holloway@demo.kapstone.test");
    const calls = [
      [
        "user.create",
        () => createStaff(db, nurse, { name: "Eve", email: "e@x.test", role: "admin" }),
      ],
      ["user.update", () => updateStaff(db, psychiatrist, grace.id, { role: "admin" })],
      ["user.update", () => updateStaff(db, nurse, nurse.id, { role: "admin" })],
      ["user.reset-password", () => resetStaffPassword(db, psychiatrist, grace.id)],
      ["audit.list", () => listAuditEvents(db, nurse, {})],
      ["audit.export", () => exportAuditCsv(db, psychiatrist, {})],
    ] as const;
    for (const [action, call] of calls) {
      const refused = await refusedOnce(call, { action, outcome: "denied" });
      expect(refused.code).toBe("forbidden");
    }
    expect((await account(grace.id))?.role).toBe("nurse");
  });

  it("lets only one of two admins demoting each other at the same moment succeed", async () => {
    const results = await Promise.allSettled([
      updateStaff(db, admin, secondAdmin.id, { role: "nurse" }),
      updateStaff(db, secondAdmin, admin.id, { role: "nurse" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toMatchObject({ code: "conflict" });
    const admins = await db
      .select()
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true)));
    expect(admins).toHaveLength(1);
    const [remaining] = admins;
    const demoted = remaining?.id === admin.id ? secondAdmin : admin;
    await updateStaff(db, actor(remaining?.id ?? "", "admin"), demoted.id, { role: "admin" });
  });

  it("never demotes or deactivates the last active admin", async () => {
    await updateStaff(db, admin, secondAdmin.id, { active: false });
    for (const change of [{ role: "nurse" }, { active: false }] as const) {
      const { code, message } = await refusedOnce(() => updateStaff(db, admin, admin.id, change), {
        action: "user.update",
        outcome: "failure",
      });
      expect(code).toBe("conflict");
      expect(message).toMatch(/^Jordan Blake is the last active admin\./);
    }
    expect((await account(admin.id))?.role).toBe("admin");
    await updateStaff(db, admin, secondAdmin.id, { active: true });
  });

  it("filters and pages the audit log, newest first", async () => {
    const [patient] = await db.select({ id: patients.id }).from(patients).limit(1);
    if (!patient) throw new Error("seed has no patients");
    await db.insert(auditEvents).values(
      Array.from({ length: 520 }, (_, i) => ({
        actorId: psychiatrist.id,
        actorRole: "psychiatrist" as const,
        action: "test.bulk-read",
        entityType: "patient",
        entityId: patient.id,
        patientId: i % 2 === 0 ? patient.id : null,
        outcome: "success" as const,
      })),
    );
    const first = await listAuditEvents(db, admin, { action: "test.bulk-read" });
    expect(first).toMatchObject({ page: 1, pageSize: 50, total: 520 });
    const last = await listAuditEvents(db, admin, { action: "test.bulk-read", page: 11 });
    expect(last.rows).toHaveLength(20);
    const ids = [...first.rows, ...last.rows].map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const forPatient = await listAuditEvents(db, admin, {
      action: "test.bulk-read",
      patientId: patient.id,
    });
    expect(forPatient.total).toBe(260);
    expect(
      (await listAuditEvents(db, admin, { actorId: nurse.id, outcome: "denied" })).rows.every(
        (r) => r.actorId === nurse.id && r.outcome === "denied",
      ),
    ).toBe(true);
    const today = clinicDateKey(new Date(), config().clinicTimeZone);
    expect(
      (await listAuditEvents(db, admin, { action: "test.bulk-read", from: today, to: today }))
        .total,
    ).toBe(520);
    expect(
      (await listAuditEvents(db, admin, { action: "test.bulk-read", to: "2026-03-10" })).total,
    ).toBe(0);
    expect(
      await refusal(listAuditEvents(db, admin, { from: today, to: "2026-03-10" })),
    ).toMatchObject({ code: "bad_request" });
  });

  it("exports the log as CSV in batches, escaped for spreadsheets, and audits the export", async () => {
    const tricky = {
      "lee.ohara@example.test": `Lee, "Doc" O'Hara`,
      "formula@example.test": '=HYPERLINK("http://x.test")',
    };
    for (const [email, name] of Object.entries(tricky)) {
      const made = await createStaff(db, admin, { name, email, role: "nurse" });
      await signIn(email, made.temporaryPassword);
    }
    const before = await auditRows();
    const csv = await exportAuditCsv(db, admin, { action: "auth.sign-in", outcome: "success" });
    expect(await lastAudit()).toMatchObject({
      action: "audit.export",
      outcome: "success",
      detail: { filters: { action: "auth.sign-in", outcome: "success" } },
    });
    expect(await auditRows()).toBe(before + 1);
    expect(csv.filename).toMatch(/^kapstone-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await new Response(csv.body).text()).split("\r\n");
    expect(lines[0]).toBe(AUDIT_CSV_HEADER.join(","));
    expect(lines.some((l) => l.includes(`,"Lee, ""Doc"" O'Hara",`))).toBe(true);
    expect(lines.some((l) => l.includes(`,"'=HYPERLINK(""http://x.test"")",`))).toBe(true);

    const bulk = await exportAuditCsv(db, admin, { action: "test.bulk-read" });
    const rows = (await new Response(bulk.body).text()).trimEnd().split("\r\n").slice(1);
    expect(rows).toHaveLength(520);
    expect(rows.every((r) => r.split(",")[4] === "test.bulk-read")).toBe(true);
    expect([csvCell("+1 555"), csvCell("-2"), csvCell("@SUM(A1)"), csvCell(null)]).toEqual([
      "'+1 555",
      "'-2",
      "'@SUM(A1)",
      "",
    ]);
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
  });
});
