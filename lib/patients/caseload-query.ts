import { z } from "zod";
import { patientStatusEnum } from "@/db/schema";

/** Search parameters of the patient list (API and page alike). */
export const caseloadQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  scope: z.enum(["mine", "all"]).optional(),
  status: z.enum(patientStatusEnum.enumValues).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(5).max(100).default(25),
});
export type CaseloadQuery = z.infer<typeof caseloadQuerySchema>;
