/**
 * The bedside API's resources: a dosing session as the nurse works it, its vitals, dose,
 * alerts and adverse events. Route handlers parse with these; the OpenAPI document is
 * generated from them; the client components type their data with them.
 */
import { z } from "zod";
import {
  drugEnum,
  paradigmEnum,
  protocolEnum,
  routeEnum,
  sessionKindEnum,
  sessionStatusEnum,
  severityEnum,
} from "@/db/schema";
import { ADVERSE_EVENT_TYPES } from "@/lib/clinical/adverse-events";
import { ALERT_CODES } from "@/lib/clinical/vitals";

const isoDateTime = z.iso.datetime({ offset: true });
const staffRef = z.object({ id: z.uuid(), name: z.string() });

export const SESSION_STAGES = [
  "check-in",
  "pre-dose",
  "dose",
  "monitoring",
  "completed",
  "closed",
] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

export const alertSchema = z
  .object({
    code: z.enum(ALERT_CODES),
    level: z.enum(["warning", "critical"]),
    value: z.string(),
    threshold: z.string(),
    message: z.string(),
  })
  .meta({ id: "Alert" });

export const sessionAlertSchema = alertSchema
  .extend({
    id: z.uuid(),
    vitalsId: z.uuid().nullable(),
    raisedAt: isoDateTime,
    acknowledgedAt: isoDateTime.nullable(),
    acknowledgedByName: z.string().nullable(),
  })
  .meta({ id: "SessionAlert" });

/** Body of POST /sessions/{id}/vitals. Plausibility (CLINICAL.md ranges) is checked after: 422. */
export const vitalsInputSchema = z
  .object({
    takenAt: isoDateTime.optional(),
    systolic: z.number(),
    diastolic: z.number(),
    heartRate: z.number(),
    spo2: z.number().nullable().optional(),
    respiratoryRate: z.number().nullable().optional(),
    temperatureC: z.number().nullable().optional(),
    sedationMoaas: z.number().nullable().optional(),
  })
  .strict()
  .meta({ id: "VitalsInput" });
export type VitalsBody = z.infer<typeof vitalsInputSchema>;

export const vitalsAmendSchema = vitalsInputSchema
  .extend({ reason: z.string().trim().min(3).max(500) })
  .strict()
  .meta({ id: "VitalsAmendment" });

export const vitalsCreatedSchema = z
  .object({
    id: z.uuid(),
    minutesFromDose: z.number().int().nullable(),
    alerts: z.array(alertSchema),
  })
  .meta({ id: "VitalsCreated" });
export type VitalsCreated = z.infer<typeof vitalsCreatedSchema>;

export const vitalsRowSchema = z
  .object({
    id: z.uuid(),
    takenAt: isoDateTime,
    minutesFromDose: z.number().int().nullable(),
    systolic: z.number().int(),
    diastolic: z.number().int(),
    heartRate: z.number().int(),
    spo2: z.number().int().nullable(),
    respiratoryRate: z.number().int().nullable(),
    temperatureC: z.number().nullable(),
    sedationMoaas: z.number().int().nullable(),
    recordedBy: z.uuid(),
    recordedByName: z.string(),
    recordedAt: isoDateTime,
    /** The row that corrected this one; superseded rows stay visible. */
    supersededBy: z.uuid().nullable(),
    supersedes: z.uuid().nullable(),
    amendReason: z.string().nullable(),
    alerts: z.array(alertSchema),
  })
  .meta({ id: "VitalsRow" });
export type VitalsRow = z.infer<typeof vitalsRowSchema>;

export const vitalsListSchema = z
  .object({ data: z.array(vitalsRowSchema) })
  .meta({ id: "VitalsList" });

export const checkInInputSchema = z
  .object({
    identityConfirmed: z.literal(true, "Confirm the patient's identity."),
    fastingConfirmed: z.boolean(),
    rideHomeConfirmed: z.boolean(),
    changesSinceLastVisit: z.string().trim().max(2000).nullable().optional(),
  })
  .strict()
  .meta({ id: "CheckInInput" });

export const preDoseReviewInputSchema = z
  .object({
    decision: z.enum(["acknowledged", "override"]),
    reason: z.string().trim().max(1000).nullable().optional(),
  })
  .strict()
  .meta({ id: "PreDoseReviewInput" });

export const doseInputSchema = z
  .object({
    drug: z.enum(drugEnum.enumValues),
    route: z.enum(routeEnum.enumValues),
    doseMg: z.number().positive().max(1000),
    lot: z.string().trim().min(1).max(40),
    startedAt: isoDateTime.optional(),
    endedAt: isoDateTime.nullable().optional(),
    devices: z.number().int().min(1).max(3).nullable().optional(),
    /** Required when the dose differs from the signed order: the nurse confirmed it. */
    deviationReason: z.string().trim().max(500).nullable().optional(),
  })
  .strict()
  .meta({ id: "DoseInput" });

export const doseSchema = z
  .object({
    id: z.uuid(),
    drug: z.enum(drugEnum.enumValues),
    route: z.enum(routeEnum.enumValues),
    doseMg: z.number(),
    doseMgPerKg: z.number().nullable(),
    weightKg: z.number().nullable(),
    devices: z.number().int().nullable(),
    lot: z.string(),
    startedAt: isoDateTime,
    endedAt: isoDateTime.nullable(),
    deviatesFromOrder: z.boolean(),
    deviationReason: z.string().nullable(),
    givenByName: z.string(),
  })
  .meta({ id: "Dose" });

export const adverseEventInputSchema = z
  .object({
    type: z.enum(ADVERSE_EVENT_TYPES),
    description: z.string().trim().max(2000).nullable().optional(),
    severity: z.enum(severityEnum.enumValues),
    onsetAt: isoDateTime.optional(),
    actionTaken: z.string().trim().max(2000).nullable().optional(),
    resolvedAt: isoDateTime.nullable().optional(),
  })
  .strict()
  .meta({ id: "AdverseEventInput" });

export const adverseEventSchema = z
  .object({
    id: z.uuid(),
    type: z.string(),
    description: z.string().nullable(),
    severity: z.enum(severityEnum.enumValues),
    onsetAt: isoDateTime,
    actionTaken: z.string().nullable(),
    resolvedAt: isoDateTime.nullable(),
    recordedByName: z.string(),
  })
  .meta({ id: "AdverseEvent" });

export const resolveAdverseEventSchema = z
  .object({
    resolvedAt: isoDateTime.optional(),
    actionTaken: z.string().trim().max(2000).nullable().optional(),
  })
  .strict()
  .meta({ id: "AdverseEventResolution" });

export const sedationDissociationInputSchema = z
  .object({
    /** CADSS, 23 items each 0–4, scored by the instrument rules. */
    answers: z.array(z.number()),
    administeredAt: isoDateTime.optional(),
  })
  .strict()
  .meta({ id: "CadssInput" });

export const dischargeInputSchema = z
  .object({
    /** Needed when a readiness criterion is not met: the clinician's reason to discharge. */
    overrideReason: z.string().trim().max(1000).nullable().optional(),
  })
  .strict()
  .meta({ id: "DischargeInput" });

export const noShowInputSchema = z
  .object({ reason: z.string().trim().max(500).nullable().optional() })
  .strict()
  .meta({ id: "NoShowInput" });

export const emptyBodySchema = z.object({}).strict().meta({ id: "EmptyBody" });

export const timepointSchema = z
  .object({
    label: z.string(),
    minutesFromDose: z.number().int().nullable(),
    dueAt: isoDateTime.nullable(),
    status: z.enum(["done", "due", "overdue", "upcoming"]),
  })
  .meta({ id: "Timepoint" });

export const dischargeReadinessSchema = z
  .object({
    ready: z.boolean(),
    criteria: z.array(
      z.object({ code: z.string(), label: z.string(), met: z.boolean(), value: z.string() }),
    ),
  })
  .meta({ id: "DischargeReadiness" });

export const sessionDetailSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(sessionKindEnum.enumValues),
    status: z.enum(sessionStatusEnum.enumValues),
    stage: z.enum(SESSION_STAGES),
    scheduledStart: isoDateTime,
    scheduledEnd: isoDateTime,
    roomName: z.string().nullable(),
    nurse: staffRef.nullable(),
    psychiatrist: staffRef.nullable(),
    numberInCourse: z.number().int().nullable(),
    patient: z.object({
      id: z.uuid(),
      name: z.string(),
      mrn: z.string(),
      ageYears: z.number().int(),
      sex: z.string(),
      weightKg: z.number().nullable(),
      diagnosisCode: z.string(),
      diagnosisLabel: z.string(),
      safetyFlags: z.array(z.object({ code: z.string(), detail: z.string() })),
      screeningPositives: z.array(z.string()),
    }),
    course: z
      .object({
        id: z.uuid(),
        protocol: z.enum(protocolEnum.enumValues),
        paradigm: z.enum(paradigmEnum.enumValues),
        plannedSessions: z.number().int(),
      })
      .nullable(),
    order: z
      .object({
        id: z.uuid(),
        drug: z.enum(drugEnum.enumValues),
        route: z.enum(routeEnum.enumValues),
        doseMgPerKg: z.number().nullable(),
        doseMg: z.number().nullable(),
        /** The dose in mg for today's weight (weight-based orders) or the fixed dose. */
        todayDoseMg: z.number().nullable(),
        todayMgPerKg: z.number().nullable(),
        infusionMinutes: z.number().int().nullable(),
        signedAt: isoDateTime.nullable(),
        signedByName: z.string(),
      })
      .nullable(),
    checkIn: z
      .object({
        identityConfirmed: z.boolean(),
        fastingConfirmed: z.boolean(),
        rideHomeConfirmed: z.boolean(),
        changesSinceLastVisit: z.string().nullable(),
        at: isoDateTime.nullable(),
        byName: z.string().nullable(),
      })
      .nullable(),
    preDose: z.object({
      baseline: z
        .object({ systolic: z.number(), diastolic: z.number(), takenAt: isoDateTime })
        .nullable(),
      status: z.enum(["pending", "ok", "recheck", "hold"]),
      message: z.string(),
      review: z
        .object({
          decision: z.enum(["acknowledged", "override"]),
          reviewedByName: z.string(),
          reviewedAt: isoDateTime,
          reason: z.string().nullable(),
        })
        .nullable(),
      /** True when the dose may be given as far as the pre-dose check goes. */
      cleared: z.boolean(),
    }),
    dose: doseSchema.nullable(),
    vitals: z.array(vitalsRowSchema),
    timepoints: z.array(timepointSchema),
    alerts: z.array(sessionAlertSchema),
    adverseEvents: z.array(adverseEventSchema),
    dissociation: z.array(
      z.object({ id: z.uuid(), administeredAt: isoDateTime, total: z.number().int().nullable() }),
    ),
    discharge: dischargeReadinessSchema.nullable(),
    startedAt: isoDateTime.nullable(),
    completedAt: isoDateTime.nullable(),
    dischargedByName: z.string().nullable(),
    dischargeOverrideReason: z.string().nullable(),
    now: isoDateTime,
  })
  .meta({ id: "SessionDetail" });
export type SessionDetail = z.infer<typeof sessionDetailSchema>;

/** What an admin may read of a session: the schedule fields only (minimum necessary). */
export const sessionScheduleSchema = sessionDetailSchema
  .pick({
    id: true,
    kind: true,
    status: true,
    scheduledStart: true,
    scheduledEnd: true,
    roomName: true,
    nurse: true,
    psychiatrist: true,
    numberInCourse: true,
  })
  .extend({ patient: z.object({ id: z.uuid(), name: z.string(), mrn: z.string() }) })
  .meta({ id: "SessionSchedule" });

export const transitionResultSchema = z
  .object({ id: z.uuid(), status: z.enum(sessionStatusEnum.enumValues) })
  .meta({ id: "SessionTransition" });
