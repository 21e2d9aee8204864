/**
 * Registration at intake, demographic corrections, rooms and clinic hours against a real
 * database (no mocks), on both engines: MRNs generated and unique, likely duplicates caught and
 * confirmable, the permission matrix, and one audit row per call — refusals included — that
 * names fields, never a patient's values.
 */
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbHandle } from "@/db/client";
import { locations, patients, rooms, sessions, users, type Role } from "@/db/schema";
import { seedDemoClinic } from "@/db/seed/demo-clinic";
import type { AppError, ErrorCode } from "@/lib/errors";
import { registerPatient } from "@/lib/registry/register-patient";
import type { RegistrationInput } from "@/lib/registry/registration-schemas";
import {
  createRoom,
  getClinicHours,
  listRooms,
  updateClinicHours,
  updateRoom,
} from "@/lib/registry/rooms";
import { violatedUniqueIndex } from "@/lib/registry/registry-write";
import { updatePatientDemographics } from "@/lib/registry/update-demographics";
import { audited as auditedCall, refusedWith, type AuditRow } from "./audit-trail";
import { ENGINES, freshDatabase } from "./databases";

const TZ = "America/New_York";
// Wednesday 11 March 2026, 11:30 in the clinic (EDT).
const NOW = new Date("2026-03-11T15:30:00Z");
const UNKNOWN_ID = "3f0c2a8e-2d8b-4c55-9a40-0d8f8b0f5a11";

type Actor = { id: string; role: Role; requestAddress: string };

/** A treatment-resistant depression referral, as the front desk types it. */
const DANA: RegistrationInput = {
  firstName: "Dana",
  lastName: "Whitfield",
  dateOfBirth: "1981-06-14",
  sex: "female",
  phone: "207-555-0182",
  email: "Dana.Whitfield@example.com",
  emergencyContact: { name: "Alex Whitfield (spouse)", phone: "207-555-0143" },
  diagnosisCode: "F33.2",
  weightKg: 72.4,
};

describe.each(ENGINES)("the registry on %s", (engine) => {
  let handle: DbHandle;
  let db: Db;
  let person = 0;
  const actors: Record<"psychiatrist" | "nurse" | "admin", Actor> = {
    psychiatrist: { id: "", role: "psychiatrist", requestAddress: "10.0.5.11" },
    nurse: { id: "", role: "nurse", requestAddress: "10.0.5.21" },
    admin: { id: "", role: "admin", requestAddress: "10.0.5.31" },
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

  /** Someone no test has registered yet (distinct last name), otherwise like Dana. */
  function newPerson(change: Partial<RegistrationInput> = {}): RegistrationInput {
    person += 1;
    return { ...DANA, lastName: `Whitfield-${engine}-${person}`, ...change };
  }

  async function patientCount(): Promise<number> {
    const [row] = await db.select({ n: count() }).from(patients);
    return row?.n ?? 0;
  }

  const audited = <T>(call: () => Promise<T>): Promise<[T, AuditRow]> => auditedCall(db, call);

  /** The call is refused with `code`, leaves one audit row and stores no patient. */
  const refused = (code: ErrorCode, call: () => Promise<unknown>): Promise<[AppError, AuditRow]> =>
    refusedWith(db, code, call, { unchanged: patientCount });

  const register = (
    input: unknown,
    actor: Actor = actors.admin,
    confirmDuplicate?: boolean,
  ): ReturnType<typeof registerPatient> =>
    registerPatient(db, actor, input, { confirmDuplicate, now: NOW });

  // ── registration ────────────────────────────────────────────────────────────────────────

  it("registers a patient at intake with a generated KP- MRN; audited without values", async () => {
    const input = newPerson();
    const [patient, audit] = await audited(() => register(input));
    expect(patient).toMatchObject({
      firstName: "Dana",
      lastName: input.lastName,
      dateOfBirth: "1981-06-14",
      sex: "female",
      status: "intake",
      mrnGenerated: true,
      email: "dana.whitfield@example.com",
      diagnosisCode: "F33.2",
      diagnosisLabel: "Major depressive disorder, recurrent severe without psychotic features",
      emergencyContact: { name: "Alex Whitfield (spouse)", phone: "207-555-0143" },
      weightKg: 72.4,
    });
    expect(patient.mrn).toMatch(/^KP-\d{6}$/);
    expect(audit).toMatchObject({
      action: "patient.register",
      entityType: "patient",
      entityId: patient.id,
      patientId: patient.id,
      actorId: actors.admin.id,
      outcome: "success",
      requestAddress: "10.0.5.31",
      detail: { mrnGenerated: true, confirmedDuplicate: false },
    });
    expect(JSON.stringify(audit.detail)).not.toMatch(/Whitfield|1981|207-555/);
    const [stored] = await db.select().from(patients).where(eq(patients.id, patient.id));
    expect(stored).toMatchObject({ givenName: "Dana", status: "intake", mrn: patient.mrn });
  });

  it("generates a different MRN for every patient, none shared with the demo caseload", async () => {
    const mrns: string[] = [];
    for (let i = 0; i < 5; i++) mrns.push((await register(newPerson())).mrn);
    expect(new Set(mrns).size).toBe(5);
    const [row] = await db
      .select({
        all: count(),
        distinct: sql<number>`count(distinct ${patients.mrn})`.mapWith(Number),
      })
      .from(patients);
    expect(row?.distinct).toBe(row?.all);
  });

  it("keeps a given MRN and refuses one already in use (409), whatever its case", async () => {
    const given = await register(newPerson({ mrn: "ext-20417" }));
    expect(given).toMatchObject({ mrn: "EXT-20417", mrnGenerated: false });
    const [seeded] = await db.select({ mrn: patients.mrn }).from(patients).limit(1);
    if (!seeded) throw new Error("seed has no patients");
    const [error, audit] = await refused("conflict", () =>
      register(newPerson({ mrn: seeded.mrn.toLowerCase() })),
    );
    expect(error.message).toContain(seeded.mrn);
    expect(error.details?.map((d) => d.field)).toEqual(["mrn"]);
    expect(audit).toMatchObject({ action: "patient.register", detail: { code: "conflict" } });
  });

  it("stops a likely duplicate (same name in any case, same birth date) until confirmed", async () => {
    const first = await register(newPerson());
    const again = { ...DANA, firstName: "DANA", lastName: first.lastName.toLowerCase() };
    const [error, audit] = await refused("conflict", () => register(again));
    expect(error.message).toContain(`(MRN ${first.mrn})`);
    expect(error.details).toEqual(
      expect.arrayContaining([
        { field: "existingMrn", message: first.mrn },
        { field: "existingPatientId", message: first.id },
      ]),
    );
    expect(audit.detail).toMatchObject({ code: "conflict" });

    // Another birth date is another person.
    await register({ ...again, dateOfBirth: "1981-06-15" });

    const [confirmed, confirmedAudit] = await audited(() => register(again, actors.admin, true));
    expect(confirmed.mrn).not.toBe(first.mrn);
    expect(confirmedAudit.detail).toMatchObject({ confirmedDuplicate: true });
  });

  it("lets a psychiatrist register onto their own caseload", async () => {
    const patient = await register(
      newPerson({ psychiatristId: actors.psychiatrist.id }),
      actors.psychiatrist,
    );
    expect(patient).toMatchObject({ psychiatristId: actors.psychiatrist.id });
    expect(patient.psychiatristName).toBe("Dr. Maya Okafor");
  });

  it("refuses a nurse (403), audited as denied, nothing stored", async () => {
    const [error, audit] = await refused("forbidden", () => register(newPerson(), actors.nurse));
    expect(error.status).toBe(403);
    expect(audit).toMatchObject({ action: "patient.register", actorId: actors.nurse.id });
  });

  it.each([
    ["a future date of birth", { dateOfBirth: "2026-03-12" }, "unprocessable", "dateOfBirth"],
    ["an age over 120", { dateOfBirth: "1906-03-10" }, "unprocessable", "dateOfBirth"],
    ["an impossible date", { dateOfBirth: "1981-02-30" }, "bad_request", "dateOfBirth"],
    ["a malformed ICD-10 code", { diagnosisCode: "F33-2" }, "bad_request", "diagnosisCode"],
    ["a made-up code", { diagnosisCode: "depression" }, "bad_request", "diagnosisCode"],
    [
      "a label without a code",
      { diagnosisCode: null, diagnosisLabel: "TRD" },
      "bad_request",
      "diagnosisCode",
    ],
    ["an unknown psychiatrist", { psychiatristId: UNKNOWN_ID }, "unprocessable", "psychiatristId"],
    ["an unknown sex", { sex: "f" }, "bad_request", "sex"],
    ["a weight in pounds", { weightKg: 410 }, "bad_request", "weightKg"],
    ["a status (not a demographic)", { status: "active" }, "bad_request", "(root)"],
  ])("refuses %s, storing nothing", async (_what, change, code, field) => {
    const [error] = await refused(code as ErrorCode, () => register({ ...newPerson(), ...change }));
    expect(error.details?.map((d) => d.field)).toContain(field);
  });

  it("accepts 120 years exactly and a birth today", async () => {
    await register(newPerson({ dateOfBirth: "1906-03-11" }));
    await register(newPerson({ dateOfBirth: "2026-03-11" }));
  });

  it("refuses a nurse as the assigned psychiatrist", async () => {
    await refused("unprocessable", () => register(newPerson({ psychiatristId: actors.nurse.id })));
  });

  it("labels codes from the table, billing-style codes, and codes it does not list", async () => {
    const ptsd = await register(newPerson({ diagnosisCode: "f4310" }));
    expect(ptsd).toMatchObject({
      diagnosisCode: "F43.10",
      diagnosisLabel: "Post-traumatic stress disorder, unspecified",
    });
    const unlisted = await register(newPerson({ diagnosisCode: "F34.1" }));
    expect(unlisted.diagnosisLabel).toBe("ICD-10 F34.1");
    const named = await register(
      newPerson({ diagnosisCode: "F34.1", diagnosisLabel: "Dysthymic disorder" }),
    );
    expect(named.diagnosisLabel).toBe("Dysthymic disorder");
    const undiagnosed = await register(newPerson({ diagnosisCode: undefined }));
    expect(undiagnosed).toMatchObject({ diagnosisCode: null, diagnosisLabel: null });
  });

  it("splits an emergency contact typed on one line", async () => {
    const line = await register(
      newPerson({ emergencyContact: "Robin Lee (sister); +1 (207) 555-0199" }),
    );
    expect(line.emergencyContact).toEqual({
      name: "Robin Lee (sister)",
      phone: "+1 (207) 555-0199",
    });
    const nameOnly = await register(newPerson({ emergencyContact: "Robin Lee" }));
    expect(nameOnly.emergencyContact).toEqual({ name: "Robin Lee", phone: null });
  });

  it("recognises the MRN and room-name unique indexes on this engine (for retries and 409s)", async () => {
    const [seeded] = await db.select().from(patients).limit(1);
    const [room] = await db.select().from(rooms).limit(1);
    if (!seeded || !room) throw new Error("the demo clinic has no patients or rooms");
    const mrnClash = await db
      .insert(patients)
      .values({ ...seeded, id: undefined })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(violatedUniqueIndex(mrnClash)).toBe("patients_mrn_key");
    const nameClash = await db
      .insert(rooms)
      .values({ ...room, id: undefined })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(violatedUniqueIndex(nameClash)).toBe("rooms_location_name_key");
    expect(violatedUniqueIndex(new Error("connection reset"))).toBeNull();
  });

  // ── demographic corrections ─────────────────────────────────────────────────────────────

  it("corrects demographics, auditing the changed field names only", async () => {
    const patient = await register(newPerson());
    const patch = {
      lastName: `${patient.lastName}-Moreau`,
      phone: "207-555-0111",
      email: null,
      diagnosisCode: "F43.12",
      diagnosisLabel: null,
      sex: "female" as const,
    };
    const [updated, audit] = await audited(() =>
      updatePatientDemographics(db, actors.psychiatrist, patient.id, patch, { now: NOW }),
    );
    expect(updated).toMatchObject({
      lastName: patch.lastName,
      phone: "207-555-0111",
      email: null,
      diagnosisCode: "F43.12",
      diagnosisLabel: "Post-traumatic stress disorder, chronic",
      status: "intake",
      mrn: patient.mrn,
    });
    expect(updated.changed).toEqual([
      "lastName",
      "phone",
      "email",
      "diagnosisCode",
      "diagnosisLabel",
    ]);
    expect(audit).toMatchObject({
      action: "patient.update-demographics",
      entityId: patient.id,
      patientId: patient.id,
      outcome: "success",
      detail: { fields: updated.changed },
    });
    expect(JSON.stringify(audit.detail)).not.toMatch(/Moreau|555|F43/);
  });

  it("refuses corrections that are unknown, forbidden, clashing or empty", async () => {
    const patient = await register(newPerson());
    const other = await register(newPerson());
    const update = (id: string, patch: unknown, actor: Actor = actors.admin): Promise<unknown> =>
      updatePatientDemographics(db, actor, id, patch, { now: NOW });
    await refused("not_found", () => update(UNKNOWN_ID, { phone: null }));
    await refused("not_found", () => update("KP-000117", { phone: null }));
    await refused("forbidden", () => update(patient.id, { phone: null }, actors.nurse));
    const [clash] = await refused("conflict", () => update(patient.id, { mrn: other.mrn }));
    expect(clash.details?.map((d) => d.field)).toEqual(["mrn"]);
    await refused("bad_request", () => update(patient.id, {}));
    await refused("bad_request", () => update(patient.id, { status: "discontinued" }));
    await refused("unprocessable", () => update(patient.id, { dateOfBirth: "2030-01-01" }));
    const [stored] = await db.select().from(patients).where(eq(patients.id, patient.id));
    expect(stored).toMatchObject({ mrn: patient.mrn, status: "intake", phone: DANA.phone });
  });

  // ── rooms ───────────────────────────────────────────────────────────────────────────────

  it("lists the clinic's rooms and chairs to every role", async () => {
    for (const role of ["psychiatrist", "nurse", "admin"] as const) {
      const list = await listRooms(db, actors[role]);
      expect(list.map((r) => r.name)).toEqual(
        expect.arrayContaining(["Room 1 – Willow", "Room 2 – Cedar", "Chair A", "Chair B"]),
      );
    }
  });

  it("adds a room, and refuses a name the location already has (409), in any case", async () => {
    const [room, audit] = await audited(() =>
      createRoom(db, actors.admin, { name: "  Chair C ", kind: "chair" }),
    );
    expect(room).toMatchObject({ name: "Chair C", kind: "chair", capacity: 1, active: true });
    expect(audit).toMatchObject({ action: "room.create", entityId: room.id, outcome: "success" });
    const [clash] = await refused("conflict", () =>
      createRoom(db, actors.admin, { name: "chair c", kind: "room" }),
    );
    expect(clash.details?.map((d) => d.field)).toEqual(["name"]);
    await refused("bad_request", () => createRoom(db, actors.admin, { name: " ", kind: "room" }));
    await refused("bad_request", () => createRoom(db, actors.admin, { name: "Bay", kind: "bed" }));
    await refused("not_found", () =>
      createRoom(db, actors.admin, { name: "Annex 1", locationId: UNKNOWN_ID }),
    );
    await refused("forbidden", () => createRoom(db, actors.psychiatrist, { name: "Room 9" }));
    await refused("forbidden", () => createRoom(db, actors.nurse, { name: "Room 9" }));
  });

  it("renames and deactivates a room, counting the sessions still booked in it", async () => {
    const room = await createRoom(db, actors.admin, { name: "Room 3 – Birch" });
    const [renamed, audit] = await audited(() =>
      updateRoom(db, actors.admin, room.id, { name: "Room 3 – Aspen", kind: "room" }, { now: NOW }),
    );
    expect(renamed).toMatchObject({ name: "Room 3 – Aspen", changed: ["name"] });
    expect(audit).toMatchObject({ action: "room.update", detail: { fields: ["name"] } });
    await refused("conflict", () => updateRoom(db, actors.admin, room.id, { name: "chair a" }));

    const off = await updateRoom(db, actors.admin, room.id, { active: false }, { now: NOW });
    expect(off).toMatchObject({ active: false, changed: ["active"], upcomingSessions: 0 });
    expect((await listRooms(db, actors.nurse, { active: true })).map((r) => r.id)).not.toContain(
      room.id,
    );
    expect((await listRooms(db, actors.admin, { active: false })).map((r) => r.id)).toEqual([
      room.id,
    ]);

    // A seeded room with sessions ahead keeps them; the answer says how many to rebook.
    const [busy] = await db
      .select({ roomId: sessions.roomId, n: count() })
      .from(sessions)
      .where(
        sql`${sessions.scheduledEnd} >= ${NOW.toISOString()} and ${sessions.status} in ('scheduled', 'checked_in', 'in_progress')`,
      )
      .groupBy(sessions.roomId)
      .orderBy(sql`count(*) desc`)
      .limit(1);
    if (!busy?.roomId) throw new Error("the demo clinic has no upcoming sessions");
    const busyOff = await updateRoom(
      db,
      actors.admin,
      busy.roomId,
      { active: false },
      { now: NOW },
    );
    expect(busyOff.upcomingSessions).toBe(busy.n);
    const on = await updateRoom(db, actors.admin, busy.roomId, { active: true }, { now: NOW });
    expect(on.active).toBe(true);

    await refused("not_found", () => updateRoom(db, actors.admin, UNKNOWN_ID, { active: false }));
    await refused("bad_request", () => updateRoom(db, actors.admin, room.id, {}));
    await refused("forbidden", () => updateRoom(db, actors.nurse, room.id, { active: true }));
  });

  // ── clinic hours ────────────────────────────────────────────────────────────────────────

  it("stores the clinic's hours on its location and validates them", async () => {
    expect(await getClinicHours(db, actors.nurse)).toMatchObject({
      locationName: "Kapstone Demo Clinic",
      timeZone: TZ,
      opensAt: "08:00",
      closesAt: "18:00",
    });
    const [hours, audit] = await audited(() =>
      updateClinicHours(db, actors.admin, { opensAt: "07:30", closesAt: "19:00" }),
    );
    expect(hours).toMatchObject({ opensAt: "07:30", closesAt: "19:00" });
    expect(audit).toMatchObject({
      action: "clinic.hours.update",
      entityId: hours.locationId,
      detail: { from: "08:00–18:00", to: "07:30–19:00" },
    });
    expect(await getClinicHours(db, actors.psychiatrist)).toMatchObject({ opensAt: "07:30" });

    const [late] = await refused("unprocessable", () =>
      updateClinicHours(db, actors.admin, { opensAt: "18:00", closesAt: "08:00" }),
    );
    expect(late.details?.map((d) => d.field)).toEqual(["closesAt"]);
    await refused("unprocessable", () =>
      updateClinicHours(db, actors.admin, { opensAt: "09:00", closesAt: "09:00" }),
    );
    for (const bad of ["7:30", "24:00", "08:60", "8am"]) {
      await refused("bad_request", () =>
        updateClinicHours(db, actors.admin, { opensAt: bad, closesAt: "18:00" }),
      );
    }
    await refused("forbidden", () =>
      updateClinicHours(db, actors.psychiatrist, { opensAt: "08:00", closesAt: "18:00" }),
    );
    await updateClinicHours(db, actors.admin, { opensAt: "08:00", closesAt: "18:00" });
  });

  it("on a new install, answers the configured hours and creates the location on first write", async () => {
    const empty = await freshDatabase(engine);
    try {
      const [admin] = await empty.db
        .insert(users)
        .values({
          name: "Renee Castillo",
          email: "renee@clinic.test",
          passwordHash: "-",
          role: "admin",
        })
        .returning({ id: users.id });
      if (!admin) throw new Error("no admin");
      const actor = { id: admin.id, role: "admin" as const };
      expect(await getClinicHours(empty.db, actor)).toMatchObject({
        locationId: null,
        opensAt: "08:00",
        closesAt: "18:00",
      });
      const room = await createRoom(empty.db, actor, { name: "Room 1" });
      const hours = await getClinicHours(empty.db, actor);
      expect(hours.locationId).toBe(room.locationId);
      expect(await empty.db.select().from(locations)).toHaveLength(1);
    } finally {
      await empty.close();
    }
  });
});
