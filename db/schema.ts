/**
 * The whole Kapstone data model in one Drizzle pg-core schema, used unchanged by
 * embedded PGlite and by PostgreSQL. Timestamps are timestamptz (UTC); the clinic's
 * time zone is applied only when they are shown.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const tstz = (name: string) => timestamp(name, { withTimezone: true });

export const roleEnum = pgEnum("role", ["psychiatrist", "nurse", "admin"]);
// FHIR administrative gender.
export const sexEnum = pgEnum("sex", ["female", "male", "other", "unknown"]);
export const patientStatusEnum = pgEnum("patient_status", [
  "intake",
  "screening",
  "active",
  "maintenance",
  "completed",
  "discontinued",
]);
export const protocolEnum = pgEnum("protocol", [
  "iv_ketamine",
  "im_ketamine",
  "intranasal_esketamine",
  "sublingual_ketamine",
]);
export const routeEnum = pgEnum("route", ["iv", "im", "intranasal", "sublingual"]);
export const drugEnum = pgEnum("drug", ["ketamine", "esketamine"]);
export const paradigmEnum = pgEnum("paradigm", ["psychotherapeutic", "psychedelic", "biochemical"]);
export const courseStatusEnum = pgEnum("course_status", [
  "planned",
  "active",
  "completed",
  "discontinued",
]);
export const sessionKindEnum = pgEnum("session_kind", [
  "intake",
  "preparation",
  "dosing",
  "integration",
  "follow_up",
]);
export const sessionStatusEnum = pgEnum("session_status", [
  "scheduled",
  "checked_in",
  "in_progress",
  "completed",
  "cancelled",
  "no_show",
]);
export const raterEnum = pgEnum("rater", ["self", "clinician"]);
export const severityEnum = pgEnum("ae_severity", ["mild", "moderate", "severe"]);
export const alertLevelEnum = pgEnum("alert_level", ["warning", "critical"]);
export const noteKindEnum = pgEnum("note_kind", ["preparation", "integration", "progress"]);
export const auditOutcomeEnum = pgEnum("audit_outcome", ["success", "denied", "failure"]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    // Always stored lower-cased so sign-in is case-insensitive.
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: roleEnum("role").notNull(),
    title: text("title"),
    active: boolean("active").notNull().default(true),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    failedLoginCount: integer("failed_login_count").notNull().default(0),
    lastFailedLoginAt: tstz("last_failed_login_at"),
    lockedUntil: tstz("locked_until"),
    lastSignInAt: tstz("last_sign_in_at"),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email), index("users_role_idx").on(t.role, t.name)],
);

/**
 * One row per sign-in. The session cookie names its row; a request is signed in only while the
 * row is not ended, was active within the idle limit and is younger than the absolute limit —
 * so sign-out, idle time-out and deactivation hold on every app server at once.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: tstz("last_seen_at").notNull().defaultNow(),
    endedAt: tstz("ended_at"),
    /** `sign-out`, `idle`, `expired`. */
    endReason: text("end_reason"),
    requestAddress: text("request_address"),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId, t.createdAt)],
);

export const locations = pgTable("locations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  address: text("address"),
  timeZone: text("time_zone").notNull().default("America/New_York"),
  opensAt: time("opens_at").notNull().default("08:00"),
  closesAt: time("closes_at").notNull().default("18:00"),
  createdAt: createdAt(),
});

export const rooms = pgTable(
  "rooms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    locationId: uuid("location_id")
      .notNull()
      .references(() => locations.id),
    name: text("name").notNull(),
    // A dosing room or a recliner chair; either holds one patient at a time.
    kind: text("kind", { enum: ["room", "chair"] })
      .notNull()
      .default("room"),
    capacity: smallint("capacity").notNull().default(1),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("rooms_location_name_key").on(t.locationId, t.name)],
);

/** Screening answers: each contraindication / warning checked, with the answer. */
export type ScreeningItem = { checked: boolean; present: boolean; note?: string };
export type ScreeningRecord = {
  completedAt: string;
  completedBy: string;
  items: Record<string, ScreeningItem>;
};

export const patients = pgTable(
  "patients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mrn: text("mrn").notNull(),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    dateOfBirth: date("date_of_birth").notNull(),
    sex: sexEnum("sex").notNull(),
    weightKg: doublePrecision("weight_kg"),
    diagnosisCode: text("diagnosis_code").notNull(),
    diagnosisLabel: text("diagnosis_label").notNull(),
    psychiatristId: uuid("psychiatrist_id").references(() => users.id),
    status: patientStatusEnum("status").notNull().default("intake"),
    consentOnFile: date("consent_on_file"),
    screening: jsonb("screening").$type<ScreeningRecord>(),
    phone: text("phone"),
    email: text("email"),
    emergencyContactName: text("emergency_contact_name"),
    emergencyContactPhone: text("emergency_contact_phone"),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("patients_mrn_key").on(t.mrn),
    index("patients_name_idx").on(t.familyName, t.givenName),
    index("patients_psychiatrist_idx").on(t.psychiatristId, t.familyName, t.givenName),
    index("patients_status_idx").on(t.status),
    index("patients_dob_idx").on(t.dateOfBirth),
  ],
);

export const treatmentCourses = pgTable(
  "treatment_courses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    protocol: protocolEnum("protocol").notNull(),
    paradigm: paradigmEnum("paradigm").notNull(),
    plannedSessions: smallint("planned_sessions").notNull(),
    startDate: date("start_date").notNull(),
    endDate: date("end_date"),
    status: courseStatusEnum("status").notNull().default("planned"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("courses_patient_idx").on(t.patientId, t.startDate)],
);

export const doseOrders = pgTable(
  "dose_orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => treatmentCourses.id),
    drug: drugEnum("drug").notNull(),
    route: routeEnum("route").notNull(),
    // Weight-based orders carry mg/kg; fixed-dose orders (esketamine, lozenges) carry mg.
    doseMgPerKg: doublePrecision("dose_mg_per_kg"),
    doseMg: doublePrecision("dose_mg"),
    infusionMinutes: smallint("infusion_minutes"),
    outOfRangeReason: text("out_of_range_reason"),
    orderedBy: uuid("ordered_by")
      .notNull()
      .references(() => users.id),
    signedAt: tstz("signed_at"),
    validFrom: date("valid_from").notNull(),
    validUntil: date("valid_until"),
    createdAt: createdAt(),
  },
  (t) => [index("dose_orders_course_idx").on(t.courseId, t.validFrom)],
);

/** What the nurse confirmed at check-in. */
export type CheckInRecord = {
  identityConfirmed: boolean;
  fastingConfirmed: boolean;
  rideHomeConfirmed: boolean;
  changesSinceLastVisit: string | null;
};

/** A psychiatrist's decision on a pre-dose blood pressure above the guidance thresholds. */
export type PreDoseReview = {
  decision: "acknowledged" | "override";
  reviewedBy: string;
  reviewedByName: string;
  reviewedAt: string;
  reason: string | null;
  /** The baseline reading the decision was made on. */
  systolic: number;
  diastolic: number;
};

export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    courseId: uuid("course_id").references(() => treatmentCourses.id),
    kind: sessionKindEnum("kind").notNull(),
    scheduledStart: tstz("scheduled_start").notNull(),
    scheduledEnd: tstz("scheduled_end").notNull(),
    roomId: uuid("room_id").references(() => rooms.id),
    psychiatristId: uuid("psychiatrist_id").references(() => users.id),
    nurseId: uuid("nurse_id").references(() => users.id),
    status: sessionStatusEnum("status").notNull().default("scheduled"),
    // Dosing session n of the course's planned N.
    numberInCourse: smallint("number_in_course"),
    checkIn: jsonb("check_in").$type<CheckInRecord>(),
    checkedInAt: tstz("checked_in_at"),
    checkedInBy: uuid("checked_in_by").references(() => users.id),
    preDoseReview: jsonb("pre_dose_review").$type<PreDoseReview>(),
    startedAt: tstz("started_at"),
    dischargeOverrideReason: text("discharge_override_reason"),
    completedAt: tstz("completed_at"),
    dischargedBy: uuid("discharged_by").references(() => users.id),
    cancelReason: text("cancel_reason"),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("sessions_start_idx").on(t.scheduledStart),
    index("sessions_room_start_idx").on(t.roomId, t.scheduledStart),
    index("sessions_psychiatrist_start_idx").on(t.psychiatristId, t.scheduledStart),
    index("sessions_nurse_start_idx").on(t.nurseId, t.scheduledStart),
    index("sessions_patient_start_idx").on(t.patientId, t.scheduledStart),
    index("sessions_course_idx").on(t.courseId, t.numberInCourse),
    // Targets of the dose's copies of its session's patient and course (foreign keys below).
    uniqueIndex("sessions_id_patient_key").on(t.id, t.patientId),
    uniqueIndex("sessions_id_course_key").on(t.id, t.courseId),
    // The live monitor: the few sessions in progress (or checked in) among years of history.
    index("sessions_live_status_idx")
      .on(t.status)
      .where(sql`${t.status} in ('checked_in', 'in_progress')`),
  ],
);

export const doseAdministrations = pgTable(
  "dose_administrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id),
    // The session's patient and course, kept with the dose so that doses per patient and course
    // (the caseload, the not-responding filter) are one index range instead of a probe per
    // session; the foreign keys below hold them equal to the session's.
    patientId: uuid("patient_id").notNull(),
    courseId: uuid("course_id"),
    orderId: uuid("order_id").references(() => doseOrders.id),
    drug: drugEnum("drug").notNull(),
    route: routeEnum("route").notNull(),
    doseMg: doublePrecision("dose_mg").notNull(),
    // mg/kg from the weight recorded at the time of dosing.
    doseMgPerKg: doublePrecision("dose_mg_per_kg"),
    weightKg: doublePrecision("weight_kg"),
    devices: smallint("devices"),
    lot: text("lot").notNull(),
    startedAt: tstz("started_at").notNull(),
    endedAt: tstz("ended_at"),
    deviatesFromOrder: boolean("deviates_from_order").notNull().default(false),
    deviationReason: text("deviation_reason"),
    idempotencyKey: text("idempotency_key"),
    givenBy: uuid("given_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("dose_admin_session_idx").on(t.sessionId, t.startedAt),
    uniqueIndex("dose_admin_session_idempotency_key").on(t.sessionId, t.idempotencyKey),
    index("dose_admin_patient_course_idx").on(t.patientId, t.courseId, t.startedAt),
    foreignKey({
      name: "dose_admin_session_patient_fk",
      columns: [t.sessionId, t.patientId],
      foreignColumns: [sessions.id, sessions.patientId],
    }),
    foreignKey({
      name: "dose_admin_session_course_fk",
      columns: [t.sessionId, t.courseId],
      foreignColumns: [sessions.id, sessions.courseId],
    }).onUpdate("cascade"),
  ],
);

export const vitals = pgTable(
  "vitals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id),
    takenAt: tstz("taken_at").notNull(),
    // Derived from the dose start time; null for rows taken before the dose.
    minutesFromDose: integer("minutes_from_dose"),
    systolic: smallint("systolic").notNull(),
    diastolic: smallint("diastolic").notNull(),
    heartRate: smallint("heart_rate").notNull(),
    spo2: smallint("spo2"),
    respiratoryRate: smallint("respiratory_rate"),
    temperatureC: doublePrecision("temperature_c"),
    moaas: smallint("moaas"),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    idempotencyKey: text("idempotency_key"),
    // A correction is a new row pointing at the row it supersedes; rows are never overwritten.
    supersedesId: uuid("supersedes_id"),
    amendReason: text("amend_reason"),
    createdAt: createdAt(),
  },
  (t) => [
    index("vitals_session_taken_idx").on(t.sessionId, t.takenAt),
    uniqueIndex("vitals_session_idempotency_key").on(t.sessionId, t.idempotencyKey),
    index("vitals_supersedes_idx").on(t.supersedesId),
  ],
);

export const alerts = pgTable(
  "alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id),
    vitalsId: uuid("vitals_id").references(() => vitals.id),
    code: text("code").notNull(),
    level: alertLevelEnum("level").notNull(),
    message: text("message").notNull(),
    value: text("value").notNull(),
    threshold: text("threshold").notNull(),
    raisedAt: tstz("raised_at").notNull(),
    acknowledgedAt: tstz("acknowledged_at"),
    acknowledgedBy: uuid("acknowledged_by").references(() => users.id),
  },
  (t) => [
    index("alerts_session_idx").on(t.sessionId, t.raisedAt),
    // The alerts a vitals row raised: the answer to a bedside entry (and to its retry), the
    // session page's readings, and closing them when the row is corrected.
    index("alerts_vitals_idx").on(t.vitalsId),
  ],
);

export const assessments = pgTable(
  "assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    sessionId: uuid("session_id").references(() => sessions.id),
    instrument: text("instrument").notNull(),
    administeredAt: tstz("administered_at").notNull(),
    answers: jsonb("answers").$type<number[]>().notNull(),
    // Computed by the scoring rules, never typed.
    total: smallint("total"),
    band: text("band"),
    flags: jsonb("flags")
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    rater: raterEnum("rater").notNull(),
    idempotencyKey: text("idempotency_key"),
    enteredBy: uuid("entered_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    // One instrument's scores of a patient, oldest first, and its latest assessment. Created and
    // total and band ride in the key so that the caseload's scores (total, band, in the order
    // given) come from the index alone, and the latest needs no sort.
    index("assessments_patient_instrument_idx").on(
      t.patientId,
      t.instrument,
      t.administeredAt,
      t.createdAt,
      t.total,
      t.band,
    ),
    index("assessments_session_idx").on(t.sessionId),
    uniqueIndex("assessments_patient_idempotency_key").on(t.patientId, t.idempotencyKey),
  ],
);

/**
 * What the patient list shows beside each patient, kept current by the database itself
 * (triggers on assessments, doses, courses and the patient's diagnosis: migration 0008, and
 * `refresh_patient_summaries` from db/patient-summaries.ts). The list reads one row per patient
 * where it probed six subqueries, and its "not responding" and safety-flag filters over the
 * whole clinic read one flag per patient where they searched every patient's history.
 */
export const patientSummaries = pgTable(
  "patient_summaries",
  {
    patientId: uuid("patient_id")
      .primaryKey()
      .references(() => patients.id),
    /** The latest course as [id, protocol, planned sessions]. */
    course: jsonb("course"),
    /** Doses per course as [[course id, doses, first dose], …]. */
    doses: jsonb("doses"),
    /** The primary instrument's [administered, total, band], oldest first. */
    scores: jsonb("scores"),
    /** The flag lists of the latest assessment of each safety instrument that raises any. */
    flags: jsonb("flags"),
    notResponding: boolean("not_responding").notNull().default(false),
  },
  (t) => [
    index("patient_summaries_not_responding_idx")
      .on(t.patientId)
      .where(sql`${t.notResponding}`),
    index("patient_summaries_flagged_idx")
      .on(t.patientId)
      .where(sql`${t.flags} is not null`),
  ],
);

export const adverseEvents = pgTable(
  "adverse_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id),
    type: text("type").notNull(),
    description: text("description"),
    severity: severityEnum("severity").notNull(),
    onsetAt: tstz("onset_at").notNull(),
    actionTaken: text("action_taken"),
    resolvedAt: tstz("resolved_at"),
    idempotencyKey: text("idempotency_key"),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("adverse_events_session_idx").on(t.sessionId, t.onsetAt),
    uniqueIndex("adverse_events_session_idempotency_key").on(t.sessionId, t.idempotencyKey),
  ],
);

export const notes = pgTable(
  "notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    sessionId: uuid("session_id").references(() => sessions.id),
    kind: noteKindEnum("kind").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("notes_patient_idx").on(t.patientId, t.createdAt)],
);

/** Append-only: the application has no code path that updates or deletes these rows. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: tstz("at").notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id),
    // Kept as typed so failed sign-ins with unknown emails are still traceable.
    actorEmail: text("actor_email"),
    actorRole: roleEnum("actor_role"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    patientId: uuid("patient_id"),
    outcome: auditOutcomeEnum("outcome").notNull(),
    requestAddress: text("request_address"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_at_idx").on(t.at),
    index("audit_actor_at_idx").on(t.actorId, t.at),
    index("audit_patient_at_idx").on(t.patientId, t.at),
    index("audit_action_at_idx").on(t.action, t.at),
    // The audit log filtered to denied or failed requests, newest first, and its count. Only
    // those rows: a filter on success matches nearly the whole log, which no index shortens.
    index("audit_not_success_idx")
      .on(t.outcome, t.id)
      .where(sql`${t.outcome} <> 'success'`),
    // Failed sign-ins per client address: the per-address throttle counts these.
    index("audit_sign_in_failures_idx")
      .on(t.requestAddress, t.at)
      .where(sql`${t.action} = 'auth.sign-in' and ${t.outcome} = 'failure'`),
  ],
);

export type User = typeof users.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
export type Patient = typeof patients.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type SessionKind = (typeof sessionKindEnum.enumValues)[number];
export type SessionStatus = (typeof sessionStatusEnum.enumValues)[number];
export type PatientStatus = (typeof patientStatusEnum.enumValues)[number];
export type Protocol = (typeof protocolEnum.enumValues)[number];
export type Vitals = typeof vitals.$inferSelect;
export type Assessment = typeof assessments.$inferSelect;
export type AuditOutcome = (typeof auditOutcomeEnum.enumValues)[number];
