import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, patients, users } from "@/db/schema";
import { seedDemoClinic } from "@/db/seed/demo-clinic";
import { listAuditEvents } from "@/lib/audit-log";
import { authenticate, MAX_FAILED_SIGN_INS } from "@/lib/auth/sign-in";
import { AppError } from "@/lib/errors";
import { clinicDayRange } from "@/lib/clinic-day";
import { listCaseload } from "@/lib/patients/caseload";
import { listAgenda } from "@/lib/sessions/agenda";
import { listStaff } from "@/lib/staff/list-staff";
import { ENGINES, freshDatabase } from "./databases";

const TZ = "America/New_York";
// A Wednesday mid-morning in the clinic: sessions before, during and after "now".
const NOW = new Date("2026-03-11T14:30:00Z");
const PASSWORD = "Kapstone-demo-1";

describe.each(ENGINES)("foundation use cases on %s", (engine) => {
  let handle: DbHandle;
  const actors: Record<
    "psychiatrist" | "nurse" | "admin",
    { id: string; role: "psychiatrist" | "nurse" | "admin" }
  > = {
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

  async function auditCount(
    action: string,
    outcome: "success" | "denied" | "failure",
  ): Promise<number> {
    const [row] = await handle.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.outcome, outcome)));
    return row?.n ?? 0;
  }

  it("signs in a demo account with the right role and audits it", async () => {
    const user = await authenticate(
      handle.db,
      { email: " Nurse@Demo.Kapstone.test ", password: PASSWORD },
      "10.0.0.5",
      NOW,
    );
    expect(user).toMatchObject({ email: "nurse@demo.kapstone.test", role: "nurse" });
    const [audit] = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.sign-in"), eq(auditEvents.outcome, "success")));
    expect(audit).toMatchObject({ actorId: actors.nurse.id, requestAddress: "10.0.0.5" });
  });

  it("refuses a wrong password and an unknown email alike, auditing both", async () => {
    const before = await auditCount("auth.sign-in", "failure");
    expect(
      await authenticate(
        handle.db,
        { email: "admin@demo.kapstone.test", password: "wrong" },
        null,
        NOW,
      ),
    ).toBeNull();
    expect(
      await authenticate(
        handle.db,
        { email: "ghost@demo.kapstone.test", password: PASSWORD },
        null,
        NOW,
      ),
    ).toBeNull();
    expect(await auditCount("auth.sign-in", "failure")).toBe(before + 2);
  });

  it("locks an account after repeated failures, even against the right password", async () => {
    const email = "psychiatrist@demo.kapstone.test";
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i += 1) {
      await authenticate(handle.db, { email, password: `wrong-${i}` }, null, NOW);
    }
    expect(await authenticate(handle.db, { email, password: PASSWORD }, null, NOW)).toBeNull();
    const later = new Date(NOW.getTime() + 16 * 60_000);
    expect(
      await authenticate(handle.db, { email, password: PASSWORD }, null, later),
    ).not.toBeNull();
  });

  it("refuses a deactivated account", async () => {
    const [other] = await handle.db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(eq(users.role, "nurse"), eq(users.active, true)))
      .orderBy(users.email)
      .limit(1);
    if (!other) throw new Error("seed has no nurse");
    await handle.db.update(users).set({ active: false }).where(eq(users.id, other.id));
    expect(
      await authenticate(handle.db, { email: other.email, password: PASSWORD }, null, NOW),
    ).toBeNull();
    await handle.db.update(users).set({ active: true }).where(eq(users.id, other.id));
  });

  it("shows a psychiatrist their own caseload by default and the whole clinic on request", async () => {
    const mine = await listCaseload(handle.db, actors.psychiatrist, { page: 1, pageSize: 100 });
    const all = await listCaseload(handle.db, actors.psychiatrist, {
      page: 1,
      pageSize: 100,
      scope: "all",
    });
    const [total] = await handle.db.select({ n: count() }).from(patients);
    expect(mine.scope).toBe("mine");
    expect(mine.total).toBeGreaterThan(5);
    expect(mine.total).toBeLessThan(all.total);
    expect(all.total).toBe(total?.n);
  });

  it("finds a patient by MRN and by name", async () => {
    const all = await listCaseload(handle.db, actors.nurse, { page: 1, pageSize: 5 });
    const first = all.rows[0];
    if (!first) throw new Error("no patients");
    const byMrn = await listCaseload(handle.db, actors.nurse, {
      page: 1,
      pageSize: 25,
      query: first.mrn,
    });
    expect(byMrn.rows.map((r) => r.id)).toEqual([first.id]);
    const family = first.name.split(",")[0] ?? "";
    const byName = await listCaseload(handle.db, actors.nurse, {
      page: 1,
      pageSize: 25,
      query: family.toLowerCase(),
    });
    expect(byName.rows.some((r) => r.id === first.id)).toBe(true);
    const wildcard = await listCaseload(handle.db, actors.nurse, {
      page: 1,
      pageSize: 25,
      query: "%",
    });
    expect(wildcard.total).toBe(0);
  });

  it("lists today's sessions by time with live states, and hides alert levels from admins", async () => {
    const { start, end } = clinicDayRange(NOW, TZ);
    const forNurse = await listAgenda(handle.db, actors.nurse, { from: start, to: end });
    const statuses = new Set(forNurse.map((r) => r.status));
    for (const status of ["scheduled", "checked_in", "in_progress", "completed"] as const) {
      expect(statuses.has(status)).toBe(true);
    }
    const starts = forNurse.map((r) => r.scheduledStart.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const mine = await listAgenda(handle.db, actors.nurse, { from: start, to: end, mine: true });
    expect(mine.length).toBeGreaterThan(0);
    expect(
      mine.every((r) => r.nurseId === actors.nurse.id || r.psychiatristId === actors.nurse.id),
    ).toBe(true);

    const forAdmin = await listAgenda(handle.db, actors.admin, { from: start, to: end });
    expect(forAdmin).toHaveLength(forNurse.length);
    expect(forAdmin.every((r) => r.openAlertLevel === null)).toBe(true);
  });

  it("refuses a nurse the staff list and the audit log, auditing the refusal", async () => {
    const before = await auditCount("user.list", "denied");
    await expect(listStaff(handle.db, actors.nurse)).rejects.toBeInstanceOf(AppError);
    await expect(listStaff(handle.db, actors.nurse)).rejects.toMatchObject({ code: "forbidden" });
    expect(await auditCount("user.list", "denied")).toBe(before + 2);
    await expect(listAuditEvents(handle.db, actors.psychiatrist, {})).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("audits every read, and lets an admin page through the log newest first", async () => {
    const before = await auditCount("patient.list", "success");
    await listCaseload(handle.db, actors.admin, { page: 1, pageSize: 25 });
    expect(await auditCount("patient.list", "success")).toBe(before + 1);
    const first = await listAuditEvents(handle.db, actors.admin, {});
    expect(first.rows.length).toBeGreaterThan(0);
    const ids = first.rows.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });
});
