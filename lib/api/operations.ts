/**
 * The JSON API's contract: every operation with its method, path, the capability it needs and
 * its zod schemas. Route handlers parse with these schemas and the OpenAPI document is
 * generated from this list, so the two cannot drift apart.
 */
import type { Capability } from "@/lib/auth/permissions";
import {
  caseloadQuerySchema,
  healthSchema,
  meSchema,
  patientDetailSchema,
  patientListSchema,
  sessionListQuerySchema,
  sessionListSchema,
} from "@/lib/api/schemas";
import {
  adverseEventInputSchema,
  checkInInputSchema,
  dischargeInputSchema,
  doseInputSchema,
  noShowInputSchema,
  preDoseReviewInputSchema,
  resolveAdverseEventSchema,
  sedationDissociationInputSchema,
  sessionDetailSchema,
  sessionScheduleSchema,
  transitionResultSchema,
  vitalsAmendSchema,
  vitalsCreatedSchema,
  vitalsInputSchema,
  vitalsListSchema,
} from "@/lib/api/session-schemas";
import { z } from "zod";
import { assessmentsOps } from "@/lib/api/ops-assessments";
import { progressSchema } from "@/lib/api/patient-schemas";
import { noteInputSchema, noteSchema } from "@/lib/patients/note-schemas";
import { coursesOps } from "@/lib/api/ops-courses";
import { registryOps } from "@/lib/api/ops-registry";
import { scheduleOps } from "@/lib/api/ops-schedule";
import { staffOps } from "@/lib/api/ops-staff";

const sessionParams = z.object({ id: z.uuid() });
const created = z.object({ id: z.uuid() }).loose();

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type Operation = {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary: string;
  /** `public`: no sign-in; `signed-in`: any active user; otherwise a matrix capability. */
  access: "public" | "signed-in" | Capability;
  /** A second capability that also opens the operation (either one is enough). */
  orAccess?: Capability;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success status when it is not 200. */
  successStatus?: number;
  /** Accepts an Idempotency-Key header (bedside entries). */
  idempotent?: boolean;
  /**
   * `false` only for operations that touch no clinical or account data (health, who am I):
   * every other request leaves exactly one audit row, whatever its outcome.
   */
  audited?: false;
  response: z.ZodType;
  tags: string[];
};

const coreOps = {
  getHealth: {
    operationId: "getHealth",
    method: "GET",
    path: "/api/health",
    summary: "Liveness and database engine",
    access: "public",
    audited: false,
    response: healthSchema,
    tags: ["system"],
  },
  getMe: {
    operationId: "getMe",
    method: "GET",
    path: "/api/v1/me",
    summary: "The signed-in staff member",
    access: "signed-in",
    audited: false,
    response: meSchema,
    tags: ["account"],
  },
  listPatients: {
    operationId: "listPatients",
    method: "GET",
    path: "/api/v1/patients",
    summary: "Patient list: search by name or MRN, filter by status, paged",
    access: "patients:read",
    query: caseloadQuerySchema,
    response: patientListSchema,
    tags: ["patients"],
  },
  getPatient: {
    operationId: "getPatient",
    method: "GET",
    path: "/api/v1/patients/{id}",
    summary:
      "A patient's demographics, diagnosis, consent and screening; safety flags for clinical roles",
    access: "patients:read",
    params: z.object({ id: z.uuid() }),
    response: patientDetailSchema,
    tags: ["patients"],
  },
  getProgress: {
    operationId: "getProgress",
    method: "GET",
    path: "/api/v1/patients/{id}/progress",
    summary: "Per instrument: baseline, latest, change %, response, remission and every point",
    access: "clinical:read",
    params: z.object({ id: z.uuid() }),
    response: progressSchema,
    tags: ["patients"],
  },
  listNotes: {
    operationId: "listNotes",
    method: "GET",
    path: "/api/v1/patients/{id}/notes",
    summary: "Preparation, integration and progress notes, newest first",
    access: "clinical:read",
    params: z.object({ id: z.uuid() }),
    response: z.object({ data: z.array(noteSchema) }).meta({ id: "NoteList" }),
    tags: ["patients"],
  },
  writeNote: {
    operationId: "writeNote",
    method: "POST",
    path: "/api/v1/patients/{id}/notes",
    summary: "Write a preparation, integration or progress note (psychiatrists)",
    access: "notes:write",
    params: z.object({ id: z.uuid() }),
    body: noteInputSchema,
    response: created,
    successStatus: 201,
    tags: ["patients"],
  },
  listSessions: {
    operationId: "listSessions",
    method: "GET",
    path: "/api/v1/sessions",
    summary: "Sessions of a clinic day (or several days) by start time and room",
    access: "schedule:read",
    query: sessionListQuerySchema,
    response: sessionListSchema,
    tags: ["sessions"],
  },
  getSession: {
    operationId: "getSession",
    method: "GET",
    path: "/api/v1/sessions/{id}",
    summary:
      "A session with patient summary, stage, dose, vitals, open alerts and discharge readiness (admins: schedule fields only)",
    access: "schedule:read",
    params: sessionParams,
    response: z.union([sessionDetailSchema, sessionScheduleSchema]),
    tags: ["sessions"],
  },
  checkInSession: {
    operationId: "checkInSession",
    method: "POST",
    path: "/api/v1/sessions/{id}/check-in",
    summary: "Check the patient in (identity, fasting, ride home, changes since last visit)",
    access: "bedside:record",
    params: sessionParams,
    body: checkInInputSchema,
    response: transitionResultSchema,
    tags: ["sessions"],
  },
  startSession: {
    operationId: "startSession",
    method: "POST",
    path: "/api/v1/sessions/{id}/start",
    summary: "Start a checked-in session that has no dose (a dose record starts a dosing session)",
    access: "bedside:record",
    params: sessionParams,
    response: transitionResultSchema,
    tags: ["sessions"],
  },
  reviewPreDose: {
    operationId: "reviewPreDose",
    method: "POST",
    path: "/api/v1/sessions/{id}/pre-dose-review",
    summary:
      "Psychiatrist's acknowledgement (above 140/90) or override with reason (at or above 160/100)",
    access: "orders:sign",
    params: sessionParams,
    body: preDoseReviewInputSchema,
    response: z.object({ decision: z.string(), reviewedAt: z.string() }).loose(),
    tags: ["sessions"],
  },
  recordDose: {
    operationId: "recordDose",
    method: "POST",
    path: "/api/v1/sessions/{id}/doses",
    summary: "Record the dose given; a dose that differs from the signed order needs a reason",
    access: "bedside:record",
    params: sessionParams,
    body: doseInputSchema,
    response: created,
    successStatus: 201,
    idempotent: true,
    tags: ["sessions"],
  },
  endInfusion: {
    operationId: "endInfusion",
    method: "POST",
    path: "/api/v1/sessions/{id}/doses/{doseId}/end",
    summary: "Record the end of an IV infusion",
    access: "bedside:record",
    params: z.object({ id: z.uuid(), doseId: z.uuid() }),
    body: z.object({ endedAt: z.iso.datetime({ offset: true }).optional() }).strict(),
    response: created,
    tags: ["sessions"],
  },
  listVitals: {
    operationId: "listVitals",
    method: "GET",
    path: "/api/v1/sessions/{id}/vitals",
    summary: "Vitals rows in time order; superseded rows stay, marked by supersededBy",
    access: "clinical:read",
    params: sessionParams,
    response: vitalsListSchema,
    tags: ["vitals"],
  },
  recordVitals: {
    operationId: "recordVitals",
    method: "POST",
    path: "/api/v1/sessions/{id}/vitals",
    summary:
      "Record vitals; alerts fire at once. Replaying an Idempotency-Key returns the first answer",
    access: "bedside:record",
    params: sessionParams,
    body: vitalsInputSchema,
    response: vitalsCreatedSchema,
    successStatus: 201,
    idempotent: true,
    tags: ["vitals"],
  },
  amendVitals: {
    operationId: "amendVitals",
    method: "POST",
    path: "/api/v1/sessions/{id}/vitals/{vitalsId}/amend",
    summary: "Correct a vitals row with a reason: a new row supersedes it (nurses: own rows only)",
    access: "vitals:amend",
    params: z.object({ id: z.uuid(), vitalsId: z.uuid() }),
    body: vitalsAmendSchema,
    response: vitalsCreatedSchema,
    successStatus: 201,
    tags: ["vitals"],
  },
  recordAdverseEvent: {
    operationId: "recordAdverseEvent",
    method: "POST",
    path: "/api/v1/sessions/{id}/adverse-events",
    summary: "Record an adverse event (type, severity, onset, action taken, resolved)",
    access: "bedside:record",
    params: sessionParams,
    body: adverseEventInputSchema,
    response: created,
    successStatus: 201,
    idempotent: true,
    tags: ["sessions"],
  },
  resolveAdverseEvent: {
    operationId: "resolveAdverseEvent",
    method: "POST",
    path: "/api/v1/sessions/{id}/adverse-events/{eventId}/resolve",
    summary: "Mark an adverse event resolved",
    access: "bedside:record",
    params: z.object({ id: z.uuid(), eventId: z.uuid() }),
    body: resolveAdverseEventSchema,
    response: created,
    tags: ["sessions"],
  },
  recordDissociation: {
    operationId: "recordDissociation",
    method: "POST",
    path: "/api/v1/sessions/{id}/dissociation",
    summary: "Record a CADSS after dosing (23 items, 0–4), scored by the instrument rules",
    access: "assessments:record",
    params: sessionParams,
    body: sedationDissociationInputSchema,
    response: created,
    successStatus: 201,
    idempotent: true,
    tags: ["sessions"],
  },
  acknowledgeAlert: {
    operationId: "acknowledgeAlert",
    method: "POST",
    path: "/api/v1/sessions/{id}/alerts/{alertId}/acknowledge",
    summary: "Acknowledge an alert (it stays in the session's alert list)",
    access: "bedside:record",
    params: z.object({ id: z.uuid(), alertId: z.uuid() }),
    response: created,
    tags: ["sessions"],
  },
  dischargeSession: {
    operationId: "dischargeSession",
    method: "POST",
    path: "/api/v1/sessions/{id}/discharge",
    summary: "Discharge: every readiness criterion met, or a recorded reason to discharge anyway",
    access: "bedside:record",
    params: sessionParams,
    body: dischargeInputSchema,
    response: transitionResultSchema,
    tags: ["sessions"],
  },
  markNoShow: {
    operationId: "markNoShow",
    method: "POST",
    path: "/api/v1/sessions/{id}/no-show",
    summary:
      "Mark a scheduled or checked-in session as a no-show (bedside staff, and the front desk with schedule:manage)",
    // Bedside staff and the front desk alike record that the patient did not come.
    access: "bedside:record",
    orAccess: "schedule:manage",
    params: sessionParams,
    body: noShowInputSchema,
    response: transitionResultSchema,
    tags: ["sessions"],
  },
} as const satisfies Record<string, Operation>;

export const ops = {
  ...coreOps,
  ...assessmentsOps,
  ...coursesOps,
  ...scheduleOps,
  ...staffOps,
  ...registryOps,
};

export type OperationId = keyof typeof ops;

/** Every operation, for the OpenAPI document and the access tests. */
export const operations: readonly Operation[] = Object.values(ops);
