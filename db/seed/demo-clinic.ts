/**
 * The deterministic demo clinic: the same `now` always gives the same clinic (names, MRNs,
 * sessions, scores), laid out around the clinic date of `now` — eight weeks of history, a live
 * board today and two weeks booked ahead. Demo data only; never for a production database.
 */
import { count } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { config } from "@/lib/config";
import type { Db } from "../client";
import * as schema from "../schema";
import { buildAdverseEvents } from "./adverse-events";
import { buildAssessments, type DoseInfo } from "./assessments";
import { ClinicCalendar } from "./calendar";
import { buildDosingRecords, orderFor, restingVitals, type BaselineVitals } from "./dosing";
import { buildNotes } from "./notes";
import { buildPatients, type PatientProfile } from "./patients";
import type { CoursePlan, SessionPlan } from "./plan";
import { DEMO_SEED, Random } from "./random";
import { courseRows, patientRow, sessionRow, type SessionOutcome } from "./rows";
import { Scheduler } from "./scheduler";
import { bookSessions } from "./sessions";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, buildSite, buildStaff } from "./staff";
import { buildTimeline } from "./timeline";
import { planToday } from "./today";

export { DEMO_ACCOUNTS, DEMO_PASSWORD };

export type SeedSummary = {
  clinicDate: string;
  timeZone: string;
  users: number;
  rooms: number;
  patients: number;
  courses: number;
  doseOrders: number;
  sessions: number;
  sessionsToday: number;
  doseAdministrations: number;
  vitals: number;
  alerts: number;
  assessments: number;
  adverseEvents: number;
  notes: number;
  /** Sessions the timeline wanted but no room or staff could take (expected 0). */
  unbooked: number;
};

type Rows = {
  [
    K in
      | "users"
      | "locations"
      | "rooms"
      | "patients"
      | "treatmentCourses"
      | "doseOrders"
      | "sessions"
      | "doseAdministrations"
      | "vitals"
      | "alerts"
      | "assessments"
      | "adverseEvents"
      | "notes"
  ]: (typeof schema)[K]["$inferInsert"][];
};

/** A few patients carry the flags a clinician must notice on the caseload and the board. */
function markSafetyCases(patients: PatientProfile[]): void {
  const find = (test: (p: PatientProfile) => boolean): PatientProfile | undefined =>
    patients.find((p) => test(p) && !p.suicidalIdeation && !p.hypertensiveResponder);
  const eskResponder = find(
    (p) =>
      p.status === "active" && p.protocol === "intranasal_esketamine" && p.response === "responder",
  );
  if (eskResponder) {
    eskResponder.suicidalIdeation = true;
    eskResponder.cssrsModerate = true;
  }
  const ivNonResponder = find(
    (p) => p.status === "active" && p.protocol === "iv_ketamine" && p.response === "non-responder",
  );
  if (ivNonResponder) ivNonResponder.suicidalIdeation = true;
  const completedIv = find((p) => p.status === "completed" && p.protocol === "iv_ketamine");
  if (completedIv) completedIv.hypertensiveResponder = true;
  const activeEsk = find((p) => p.status === "active" && p.protocol === "intranasal_esketamine");
  if (activeEsk) activeEsk.hypertensiveResponder = true;
}

function planClinic(
  now: Date,
  timeZone: string,
  passwordHash: string,
): { rows: Rows; summary: SeedSummary } {
  const cal = new ClinicCalendar(now, timeZone);
  const rng = new Random(DEMO_SEED);
  const ids = new Random(DEMO_SEED ^ 0x5eed);
  const uuid = (): string => ids.uuid();
  const setupAt = cal.at(-120, 9 * 60);
  const staff = buildStaff(ids, passwordHash, setupAt);
  const site = buildSite(ids, timeZone, setupAt);
  const patients = buildPatients(rng, ids, cal, staff.psychiatrists);
  const today = planToday(cal, rng, patients, staff);
  markSafetyCases(patients);
  const clock = cal.at(0, today.clock);

  const courses: CoursePlan[] = [];
  const load = new Map<number, number>();
  const intents = patients.flatMap((p) => {
    const timeline = buildTimeline({ cal, rng, ids, load }, p, today.assignments.get(p.id));
    courses.push(...timeline.courses);
    return timeline.intents;
  });
  const scheduler = new Scheduler(site.rooms);
  const { sessions, dropped } = bookSessions(
    { cal, rng, ids, scheduler, staff, clock: today.clock },
    intents,
  );
  const byPatient = new Map<string, SessionPlan[]>();
  for (const s of sessions)
    byPatient.set(s.patient.id, [...(byPatient.get(s.patient.id) ?? []), s]);

  const rows: Rows = {
    users: staff.rows,
    locations: [site.location],
    rooms: site.roomRows,
    patients: [],
    treatmentCourses: [],
    doseOrders: [],
    sessions: [],
    doseAdministrations: [],
    vitals: [],
    alerts: [],
    assessments: [],
    adverseEvents: [],
    notes: [],
  };
  for (const course of courses) {
    const built = courseRows(rng, cal, course, byPatient.get(course.patient.id) ?? []);
    rows.treatmentCourses.push(built.course);
    rows.doseOrders.push(...built.orders);
  }

  const resting = new Map<string, BaselineVitals>();
  const doses = new Map<string, DoseInfo>();
  for (const s of sessions) {
    const outcome: SessionOutcome = {
      completedAt: s.status === "completed" ? s.end : null,
      dischargedBy: null,
      startedAt: null,
    };
    const given = s.status === "completed" || s.status === "in_progress";
    const order =
      s.course && s.dosingIndex !== null ? orderFor(s.course.orders, s.dosingIndex) : undefined;
    if (s.kind === "dosing" && given && s.course && order) {
      const vitalsBase = resting.get(s.patient.id) ?? restingVitals(rng);
      resting.set(s.patient.id, vitalsBase);
      const records = buildDosingRecords(rng, {
        session: s,
        protocol: s.course.protocol,
        order,
        resting: vitalsBase,
        uuid,
        clock,
        lotIndex: s.day < -40 ? 0 : s.day < -12 ? 1 : 2,
      });
      rows.doseAdministrations.push(records.dose);
      rows.vitals.push(...records.vitals);
      rows.alerts.push(...records.alerts);
      rows.adverseEvents.push(...buildAdverseEvents(rng, uuid, s, records, clock));
      outcome.startedAt = records.dose.startedAt;
      doses.set(s.id, {
        doseStart: records.dose.startedAt,
        dissociation: records.dissociation,
      });
      if (s.status === "completed") {
        outcome.completedAt = records.dischargedAt;
        outcome.dischargedBy = s.nurseId;
      }
    }
    rows.sessions.push(sessionRow(rng, s, outcome, clock));
  }

  for (const p of patients) {
    const own = byPatient.get(p.id) ?? [];
    rows.patients.push(patientRow(rng, cal, p, own));
    const scores = buildAssessments({ rng, uuid, clock }, p, own, doses);
    rows.assessments.push(...scores);
    rows.notes.push(...buildNotes(rng, uuid, p, own, scores, clock));
  }

  return {
    rows,
    summary: {
      clinicDate: cal.isoDate(0),
      timeZone,
      users: rows.users.length,
      rooms: rows.rooms.length,
      patients: rows.patients.length,
      courses: rows.treatmentCourses.length,
      doseOrders: rows.doseOrders.length,
      sessions: rows.sessions.length,
      sessionsToday: sessions.filter((s) => s.day === 0).length,
      doseAdministrations: rows.doseAdministrations.length,
      vitals: rows.vitals.length,
      alerts: rows.alerts.length,
      assessments: rows.assessments.length,
      adverseEvents: rows.adverseEvents.length,
      notes: rows.notes.length,
      unbooked: dropped,
    },
  };
}

const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Loads the demo clinic into an empty, migrated database, in one transaction. */
export async function seedDemoClinic(
  db: Db,
  options: { now: Date; timeZone: string },
): Promise<SeedSummary> {
  // One argon2 hash shared by every demo account keeps the seed fast.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { rows, summary } = planClinic(options.now, options.timeZone, passwordHash);
  await db.transaction(async (tx) => {
    for (const part of chunks(rows.users)) await tx.insert(schema.users).values(part);
    for (const part of chunks(rows.locations)) await tx.insert(schema.locations).values(part);
    for (const part of chunks(rows.rooms)) await tx.insert(schema.rooms).values(part);
    for (const part of chunks(rows.patients)) await tx.insert(schema.patients).values(part);
    for (const part of chunks(rows.treatmentCourses))
      await tx.insert(schema.treatmentCourses).values(part);
    for (const part of chunks(rows.doseOrders)) await tx.insert(schema.doseOrders).values(part);
    for (const part of chunks(rows.sessions)) await tx.insert(schema.sessions).values(part);
    for (const part of chunks(rows.doseAdministrations))
      await tx.insert(schema.doseAdministrations).values(part);
    for (const part of chunks(rows.vitals)) await tx.insert(schema.vitals).values(part);
    for (const part of chunks(rows.alerts)) await tx.insert(schema.alerts).values(part);
    for (const part of chunks(rows.assessments)) await tx.insert(schema.assessments).values(part);
    for (const part of chunks(rows.adverseEvents))
      await tx.insert(schema.adverseEvents).values(part);
    for (const part of chunks(rows.notes)) await tx.insert(schema.notes).values(part);
    await tx.insert(schema.auditEvents).values({
      at: options.now,
      action: "demo.seed",
      entityType: "clinic",
      outcome: "success",
      detail: { ...summary },
    });
  });
  return summary;
}

/** Seeds only an empty database (no users yet), as of now in the configured clinic time zone. */
export async function seedDemoClinicIfEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(schema.users);
  if ((row?.n ?? 0) > 0) return false;
  await seedDemoClinic(db, { now: new Date(), timeZone: config().clinicTimeZone });
  return true;
}
