/**
 * Shapes of the audit log as the JSON API, the CSV export and the admin page share them.
 * The free-form `detail` of an audit row is deliberately not part of any of them: it can hold
 * clinical context, and admins see the log without clinical data (minimum necessary).
 */
import { z } from "zod";
import { auditOutcomeEnum, roleEnum } from "@/db/schema";

export const AUDIT_PAGE_SIZE = 50;

/** Filters of the audit log (API, CSV export and page alike). Dates are clinic days. */
export const auditQuerySchema = z
  .object({
    actorId: z.uuid("Choose a staff member from the list.").optional(),
    patientId: z.uuid("A patient ID looks like 3f0c…-…; copy it from the log.").optional(),
    action: z.string().trim().max(80).optional(),
    outcome: z.enum(auditOutcomeEnum.enumValues).optional(),
    from: z.iso.date("Use a date such as 2026-03-11.").optional(),
    to: z.iso.date("Use a date such as 2026-03-11.").optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: "The first day must be on or before the last day.",
    path: ["to"],
  });
export type AuditQueryInput = z.input<typeof auditQuerySchema>;
export type AuditQuery = z.output<typeof auditQuerySchema>;

export const auditEventSchema = z
  .object({
    id: z.number().int(),
    at: z.iso.datetime(),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    actorEmail: z.string().nullable(),
    actorRole: z.enum(roleEnum.enumValues).nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    patientId: z.uuid().nullable(),
    outcome: z.enum(auditOutcomeEnum.enumValues),
    requestAddress: z.string().nullable(),
  })
  .meta({ id: "AuditEvent" });
export type AuditEventView = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z
  .object({
    items: z.array(auditEventSchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: "AuditEventPage" });
export type AuditPageView = z.infer<typeof auditPageSchema>;

/** The CSV export: described as text, served as `text/csv` (see the route handler). */
export const auditCsvSchema = z.string().meta({
  id: "AuditCsv",
  description:
    "text/csv attachment, newest first: At, Actor name, Actor email, Role, Action, Entity type, Entity ID, Patient ID, Outcome, Address.",
});
