/** JSON API operations of the assessments feature (merged into `ops` in lib/api/operations.ts). */
import { z } from "zod";
import type { Operation } from "@/lib/api/operations";
import {
  assessmentInputSchema,
  assessmentListQuerySchema,
  assessmentListSchema,
  assessmentRecordedSchema,
} from "@/lib/assessments/assessment-schemas";

const patientParams = z.object({ id: z.uuid() });

export const assessmentsOps = {
  recordAssessment: {
    operationId: "recordAssessment",
    method: "POST",
    path: "/api/v1/patients/{id}/assessments",
    summary:
      "Record a symptom scale item by item; total, band, flags and C-SSRS risk are computed (wrong count, out-of-range value or inconsistent C-SSRS skip: 422). Replaying an Idempotency-Key returns the first answer",
    access: "assessments:record",
    params: patientParams,
    body: assessmentInputSchema,
    response: assessmentRecordedSchema,
    successStatus: 201,
    idempotent: true,
    tags: ["assessments"],
  },
  listAssessments: {
    operationId: "listAssessments",
    method: "GET",
    path: "/api/v1/patients/{id}/assessments",
    summary: "A patient's assessments, newest first, optionally of one instrument",
    access: "clinical:read",
    params: patientParams,
    query: assessmentListQuerySchema,
    response: assessmentListSchema,
    tags: ["assessments"],
  },
} as const satisfies Record<string, Operation>;
