import { z } from "zod";
import { patientStatusEnum } from "@/db/schema";

export const CASELOAD_SORTS = ["name", "mrn", "next-session", "status"] as const;
export const SAFETY_FLAG_FILTERS = ["suicidal-ideation", "suicide-risk"] as const;

/** Search parameters of the patient list (API and page alike). */
export const caseloadQuerySchema = z.object({
  query: z.string().trim().max(100).optional(),
  scope: z.enum(["mine", "all"]).optional(),
  status: z.enum(patientStatusEnum.enumValues).optional(),
  flag: z.enum(SAFETY_FLAG_FILTERS).optional(),
  /** "not-responding": no response after four or more dosing sessions. */
  progress: z.enum(["not-responding"]).optional(),
  sort: z.enum(CASELOAD_SORTS).default("name"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(5).max(100).default(25),
});
export type CaseloadQuery = z.input<typeof caseloadQuerySchema>;
export type ParsedCaseloadQuery = z.output<typeof caseloadQuerySchema>;
