/**
 * JSON API operations of the staff feature (merged into `ops` in lib/api/operations.ts): staff
 * accounts, the signed-in user's own password and the audit log with its CSV export.
 */
import { z } from "zod";
import type { Operation } from "@/lib/api/operations";
import { auditCsvSchema, auditPageSchema, auditQuerySchema } from "@/lib/staff/audit-schemas";
import {
  passwordChangeInputSchema,
  passwordChangedSchema,
  staffCreatedSchema,
  staffCreateInputSchema,
  staffListSchema,
  staffMemberSchema,
  staffPasswordResetSchema,
  staffUpdateInputSchema,
} from "@/lib/staff/staff-schemas";

const userParams = z.object({ id: z.uuid() });

export const sessionDeadlinesSchema = z
  .object({
    /** When the session ends unless there is activity before then. */
    idleAt: z.iso.datetime({ offset: true }),
    /** When it ends whatever happens (12 hours after sign-in). */
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: "SessionDeadlines" });

export const staffOps = {
  listStaff: {
    operationId: "listStaff",
    method: "GET",
    path: "/api/v1/users",
    summary: "Staff accounts with role and whether they are active",
    access: "users:manage",
    response: staffListSchema,
    tags: ["staff"],
  },
  createStaff: {
    operationId: "createStaff",
    method: "POST",
    path: "/api/v1/users",
    summary:
      "Add a staff member. The answer holds the temporary password once; it must be changed at first sign-in",
    access: "users:manage",
    body: staffCreateInputSchema,
    response: staffCreatedSchema,
    successStatus: 201,
    tags: ["staff"],
  },
  updateStaff: {
    operationId: "updateStaff",
    method: "PATCH",
    path: "/api/v1/users/{id}",
    summary:
      "Change a name or role, deactivate or reactivate (the last active admin cannot be demoted or deactivated)",
    access: "users:manage",
    params: userParams,
    body: staffUpdateInputSchema,
    response: staffMemberSchema,
    tags: ["staff"],
  },
  resetStaffPassword: {
    operationId: "resetStaffPassword",
    method: "POST",
    path: "/api/v1/users/{id}/reset-password",
    summary:
      "A new temporary password (shown once, changed at next sign-in); clears a sign-in lockout",
    access: "users:manage",
    params: userParams,
    response: staffPasswordResetSchema,
    tags: ["staff"],
  },
  changeOwnPassword: {
    operationId: "changeOwnPassword",
    method: "POST",
    path: "/api/v1/me/password",
    summary:
      "Change your own password: the current one, then a new one of 12 or more characters that is not your email",
    access: "signed-in",
    body: passwordChangeInputSchema,
    response: passwordChangedSchema,
    tags: ["account"],
  },
  recordActivity: {
    operationId: "recordActivity",
    method: "POST",
    path: "/api/v1/me/activity",
    summary:
      "The user is at work (typing, tapping): restarts the 15-minute idle clock and answers when the session ends",
    access: "signed-in",
    // No clinical or account data changes: a heartbeat, not an action worth a row.
    audited: false,
    response: sessionDeadlinesSchema,
    tags: ["account"],
  },
  listAuditEvents: {
    operationId: "listAuditEvents",
    method: "GET",
    path: "/api/v1/audit",
    summary:
      "The audit log, newest first, 50 to a page, filtered by staff, patient, action, outcome and clinic days",
    access: "audit:read",
    query: auditQuerySchema,
    response: auditPageSchema,
    tags: ["audit"],
  },
  exportAuditCsv: {
    operationId: "exportAuditCsv",
    method: "GET",
    path: "/api/v1/audit.csv",
    summary:
      "The filtered audit log as a CSV attachment (text/csv), newest first; the export is itself audited",
    access: "audit:read",
    query: auditQuerySchema,
    response: auditCsvSchema,
    tags: ["audit"],
  },
} as const satisfies Record<string, Operation>;
