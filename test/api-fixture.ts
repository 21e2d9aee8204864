/**
 * Real records of a freshly seeded demo clinic that API calls can name, and for every API
 * operation one well-formed request built from them. A new operation without a sample here
 * fails the audit and hostile-input suites, so none is left out.
 */
import { and, asc, eq, isNotNull, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  adverseEvents,
  alerts,
  doseAdministrations,
  locations,
  patients,
  rooms,
  sessions,
  treatmentCourses,
  users,
  vitals,
  type Role,
} from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { clinicDateKey } from "@/lib/format";
import type { ApiCall } from "./api-harness";

export type Fixture = {
  staff: Record<Role, CurrentUser>;
  otherNurseId: string;
  patientId: string;
  courseId: string;
  sessionId: string;
  doseId: string;
  vitalsId: string;
  alertSessionId: string;
  alertId: string;
  eventSessionId: string;
  eventId: string;
  scheduledSessionId: string;
  roomId: string;
  locationId: string;
  today: string;
};

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo clinic has no ${what}`);
  return value;
}

async function staffMember(db: Db, email: string): Promise<CurrentUser> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  const user = must(row, email);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    title: user.title,
    mustChangePassword: false,
    session: null,
  };
}

export async function loadFixture(db: Db): Promise<Fixture> {
  const staff = {
    psychiatrist: await staffMember(db, "psychiatrist@demo.kapstone.test"),
    nurse: await staffMember(db, "nurse@demo.kapstone.test"),
    admin: await staffMember(db, "admin@demo.kapstone.test"),
  };
  const [otherNurse] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "nurse"), ne(users.id, staff.nurse.id)))
    .orderBy(asc(users.email));
  const [dose] = await db
    .select({ id: doseAdministrations.id, sessionId: doseAdministrations.sessionId })
    .from(doseAdministrations)
    .innerJoin(sessions, eq(sessions.id, doseAdministrations.sessionId))
    .where(eq(sessions.status, "in_progress"))
    .orderBy(asc(sessions.scheduledStart));
  const live = must(dose, "session in progress with a dose");
  const [session] = await db.select().from(sessions).where(eq(sessions.id, live.sessionId));
  const [vitalsRow] = await db
    .select({ id: vitals.id })
    .from(vitals)
    .where(eq(vitals.sessionId, live.sessionId))
    .orderBy(asc(vitals.takenAt));
  const [alert] = await db
    .select({ id: alerts.id, sessionId: alerts.sessionId })
    .from(alerts)
    .orderBy(asc(alerts.raisedAt));
  const [event] = await db
    .select({ id: adverseEvents.id, sessionId: adverseEvents.sessionId })
    .from(adverseEvents)
    .orderBy(asc(adverseEvents.onsetAt));
  const [scheduled] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.status, "scheduled"), isNotNull(sessions.roomId)))
    .orderBy(asc(sessions.scheduledStart));
  const [room] = await db.select({ id: rooms.id }).from(rooms).orderBy(asc(rooms.name));
  const [location] = await db.select({ id: locations.id }).from(locations);
  const current = must(session, "live session");
  const [course] = await db
    .select({ id: treatmentCourses.id })
    .from(treatmentCourses)
    .where(eq(treatmentCourses.patientId, current.patientId));
  const [patient] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(eq(patients.id, current.patientId));
  return {
    staff,
    otherNurseId: must(otherNurse, "second nurse").id,
    patientId: must(patient, "patient").id,
    courseId: must(course, "course").id,
    sessionId: current.id,
    doseId: live.id,
    vitalsId: must(vitalsRow, "vitals row").id,
    alertSessionId: must(alert, "alert").sessionId,
    alertId: must(alert, "alert").id,
    eventSessionId: must(event, "adverse event").sessionId,
    eventId: must(event, "adverse event").id,
    scheduledSessionId: must(scheduled, "scheduled session").id,
    roomId: must(room, "room").id,
    locationId: must(location, "location").id,
    today: clinicDateKey(new Date(), config().clinicTimeZone),
  };
}

const normalVitals = { systolic: 128, diastolic: 80, heartRate: 76, spo2: 98 };

/** One well-formed request per operation, naming real records. */
export function sampleRequests(f: Fixture): Record<string, ApiCall> {
  const inAWeek = new Date(Date.now() + 7 * 86_400_000);
  inAWeek.setUTCHours(15, 0, 0, 0);
  const start = inAWeek.toISOString();
  const end = new Date(inAWeek.getTime() + 60 * 60_000).toISOString();
  return {
    getHealth: {},
    getMe: {},
    listPatients: { query: { scope: "all" } },
    getPatient: { params: { id: f.patientId } },
    getProgress: { params: { id: f.patientId } },
    listNotes: { params: { id: f.patientId } },
    writeNote: { params: { id: f.patientId }, body: { kind: "progress", body: "Doing well." } },
    listSessions: { query: { date: f.today } },
    getSession: { params: { id: f.sessionId } },
    checkInSession: {
      params: { id: f.scheduledSessionId },
      body: { identityConfirmed: true, fastingConfirmed: true, rideHomeConfirmed: true },
    },
    startSession: { params: { id: f.scheduledSessionId }, body: {} },
    reviewPreDose: {
      params: { id: f.sessionId },
      body: { decision: "acknowledged", reason: null },
    },
    recordDose: {
      params: { id: f.sessionId },
      body: { drug: "ketamine", route: "iv", doseMg: 35, lot: "LOT-1" },
    },
    endInfusion: { params: { id: f.sessionId, doseId: f.doseId }, body: {} },
    listVitals: { params: { id: f.sessionId } },
    recordVitals: { params: { id: f.sessionId }, body: normalVitals },
    amendVitals: {
      params: { id: f.sessionId, vitalsId: f.vitalsId },
      body: { ...normalVitals, reason: "Transcription error" },
    },
    recordAdverseEvent: {
      params: { id: f.sessionId },
      body: { type: "nausea", severity: "mild", description: "Mild nausea" },
    },
    resolveAdverseEvent: {
      params: { id: f.eventSessionId, eventId: f.eventId },
      body: { actionTaken: "Ondansetron" },
    },
    recordDissociation: {
      params: { id: f.sessionId },
      body: { answers: Array.from({ length: 23 }, () => 1) },
    },
    acknowledgeAlert: { params: { id: f.alertSessionId, alertId: f.alertId } },
    dischargeSession: { params: { id: f.sessionId }, body: {} },
    markNoShow: { params: { id: f.scheduledSessionId }, body: { reason: "Did not attend" } },
    recordAssessment: {
      params: { id: f.patientId },
      body: { instrument: "PHQ-9", items: [1, 1, 1, 1, 1, 1, 1, 1, 0] },
    },
    listAssessments: { params: { id: f.patientId } },
    listCourses: { params: { id: f.patientId } },
    createCourse: {
      params: { id: f.patientId },
      body: {
        protocol: "iv_ketamine",
        paradigm: "psychotherapeutic",
        plannedSessions: 6,
        startDate: f.today,
      },
    },
    signDoseOrder: {
      params: { id: f.courseId },
      body: { doseMgPerKg: 0.5, infusionMinutes: 40, validFrom: f.today },
    },
    bookSession: {
      body: { patientId: f.patientId, kind: "integration", roomId: f.roomId, start, end },
    },
    rescheduleSession: { params: { id: f.scheduledSessionId }, body: { start, end } },
    cancelSession: { params: { id: f.scheduledSessionId }, body: { reason: "Patient asked" } },
    previewSeries: {
      body: {
        patientId: f.patientId,
        template: "iv-induction",
        roomId: f.roomId,
        firstDate: start.slice(0, 10),
        weekdays: [1, 3, 5],
        time: "09:00",
      },
    },
    bookSeries: {
      body: {
        patientId: f.patientId,
        template: "iv-induction",
        roomId: f.roomId,
        sessions: [{ kind: "dosing", dosingNumber: 1, start, end }],
      },
    },
    listStaff: {},
    createStaff: {
      body: { name: "New Nurse", email: `new.nurse.${Date.now()}@clinic.test`, role: "nurse" },
    },
    updateStaff: { params: { id: f.otherNurseId }, body: { name: "Renamed Nurse" } },
    resetStaffPassword: { params: { id: f.otherNurseId } },
    changeOwnPassword: {
      body: { currentPassword: "not-the-password", newPassword: "A-much-longer-passphrase-1" },
    },
    recordActivity: {},
    listAuditEvents: {},
    exportAuditCsv: {},
    registerPatient: {
      body: { firstName: "Ada", lastName: "Quill", dateOfBirth: "1980-02-03", sex: "female" },
    },
    updatePatientDemographics: { params: { id: f.patientId }, body: { weightKg: 71 } },
    listRooms: {},
    createRoom: { body: { name: `Chair ${Date.now() % 100000}`, kind: "chair" } },
    updateRoom: { params: { id: f.roomId }, body: { name: "Room A" } },
    getClinicHours: {},
    updateClinicHours: { body: { opensAt: "08:00", closesAt: "18:00" } },
  };
}
