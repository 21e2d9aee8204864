/** Zod schemas of the JSON API's resources; the OpenAPI document is generated from them. */
import { z } from "zod";
import {
  patientStatusEnum,
  protocolEnum,
  roleEnum,
  sessionKindEnum,
  sessionStatusEnum,
} from "@/db/schema";
import { caseloadQuerySchema } from "@/lib/patients/caseload-query";

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z
        .union([
          z.array(z.object({ field: z.string(), message: z.string() })),
          z.object({
            conflicts: z.array(
              z.object({
                code: z.string(),
                message: z.string(),
                sessionId: z.uuid().optional(),
                overridable: z.boolean(),
              }),
            ),
          }),
        ])
        .optional(),
    }),
  })
  .meta({ id: "Error" });

export const healthSchema = z
  .object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) })
  .meta({ id: "Health" });

export const meSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.email(),
    role: z.enum(roleEnum.enumValues),
  })
  .meta({ id: "Me" });

export const patientSummarySchema = z
  .object({
    id: z.uuid(),
    mrn: z.string(),
    name: z.string(),
    dateOfBirth: z.iso.date(),
    diagnosisCode: z.string(),
    diagnosisLabel: z.string(),
    status: z.enum(patientStatusEnum.enumValues),
    psychiatristName: z.string().nullable(),
    nextSessionAt: z.iso.datetime().nullable(),
    course: z
      .object({
        protocol: z.enum(protocolEnum.enumValues),
        dosesGiven: z.number().int().nullable(),
        plannedSessions: z.number().int(),
      })
      .nullable(),
    /** Null for roles without clinical access. */
    progress: z
      .object({
        instrument: z.string(),
        latestTotal: z.number().int().nullable(),
        band: z.string().nullable(),
        changePercent: z.number().nullable(),
        response: z.boolean(),
        remission: z.boolean().nullable(),
        trend: z.array(z.number().int()),
      })
      .nullable(),
    safetyFlags: z.array(z.string()),
  })
  .meta({ id: "PatientSummary" });

export const patientListSchema = z
  .object({
    items: z.array(patientSummarySchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: "PatientList" });

export const patientDetailSchema = z
  .object({
    id: z.uuid(),
    mrn: z.string(),
    name: z.string(),
    dateOfBirth: z.iso.date(),
    sex: z.string(),
    weightKg: z.number().nullable(),
    diagnosisCode: z.string(),
    diagnosisLabel: z.string(),
    status: z.enum(patientStatusEnum.enumValues),
    psychiatristName: z.string().nullable(),
    consentOnFile: z.iso.date().nullable(),
    screening: z
      .object({
        completedAt: z.string(),
        positives: z.array(z.string()),
        checked: z.number().int(),
      })
      .nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    emergencyContact: z.string().nullable(),
    safetyFlags: z.array(z.object({ code: z.string(), detail: z.string() })),
  })
  .meta({ id: "PatientDetail" });

export const sessionListQuerySchema = z
  .object({
    /** A clinic day (with `days`), or an explicit range with `from` / `to`. */
    date: z.iso.date().optional(),
    days: z.coerce.number().int().min(1).max(31).default(1),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    roomId: z.uuid().optional(),
    staffId: z.uuid().optional(),
    mine: z.enum(["true", "false"]).optional(),
  })
  .refine((q) => !q.from === !q.to, { message: "Give both from and to, or neither." })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) >= Date.parse(q.from), {
    message: "The range must end after it starts.",
    path: ["to"],
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000, {
    message: "A range may span at most 62 days.",
  });

export const sessionSummarySchema = z
  .object({
    id: z.uuid(),
    scheduledStart: z.iso.datetime(),
    scheduledEnd: z.iso.datetime(),
    kind: z.enum(sessionKindEnum.enumValues),
    status: z.enum(sessionStatusEnum.enumValues),
    patientId: z.uuid(),
    patientName: z.string(),
    mrn: z.string(),
    roomId: z.uuid().nullable(),
    roomName: z.string().nullable(),
    nurseId: z.uuid().nullable(),
    nurseName: z.string().nullable(),
    psychiatristId: z.uuid().nullable(),
    psychiatristName: z.string().nullable(),
    protocol: z.enum(protocolEnum.enumValues).nullable(),
    numberInCourse: z.number().int().nullable(),
    plannedSessions: z.number().int().nullable(),
    openAlertLevel: z.enum(["warning", "critical"]).nullable(),
  })
  .meta({ id: "SessionSummary" });

export const sessionListSchema = z
  .object({ data: z.array(sessionSummarySchema) })
  .meta({ id: "SessionList" });

export { caseloadQuerySchema };
