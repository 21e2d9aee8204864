/**
 * The assessments API's resources: one symptom scale entered item by item, and a patient's list
 * of them. Route handlers parse with these, the OpenAPI document is generated from them and the
 * entry form types its data with them. No I/O here: the form imports this file too.
 */
import { z } from "zod";
import type { Role } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import {
  CSSRS_RISKS,
  INSTRUMENT_CODES,
  type AssessmentFlag,
  type InstrumentCode,
} from "@/lib/clinical/instruments";

const isoDateTime = z.iso.datetime({ offset: true });

export const ASSESSMENT_FLAGS = [
  "suicidal-ideation",
  "suicide-risk",
  "dsm5-pattern",
] as const satisfies readonly AssessmentFlag[];

export function isAssessmentFlag(value: string): value is AssessmentFlag {
  return ASSESSMENT_FLAGS.some((flag) => flag === value);
}

/**
 * The longest instrument has 23 items (CADSS). A longer list is still parsed so that the scoring
 * rules can name the wrong count (422); only an absurd one is refused as malformed (400).
 */
const MAX_ANSWERS = 100;

/**
 * Body of POST /patients/{id}/assessments. Values are plain numbers on purpose: a non-integer or
 * out-of-range answer is a clinical entry error that the scoring rules name item by item (422).
 */
export const assessmentInputSchema = z
  .object({
    instrument: z.enum(INSTRUMENT_CODES),
    items: z.array(z.number()).max(MAX_ANSWERS),
    /** When the scale was taken; the server's clock when left out. */
    administeredAt: isoDateTime.optional(),
    /** The session it was taken in, which must be this patient's. */
    sessionId: z.uuid().optional(),
  })
  .strict()
  .meta({ id: "AssessmentInput" });
export type AssessmentInput = z.input<typeof assessmentInputSchema>;

export const assessmentRecordedSchema = z
  .object({
    id: z.uuid(),
    instrument: z.enum(INSTRUMENT_CODES),
    /** Null for C-SSRS, which has no total. */
    total: z.number().int().nullable(),
    /** The band label (the risk level for C-SSRS); null for CADSS, which has no bands. */
    severity: z.string().nullable(),
    flags: z.array(z.enum(ASSESSMENT_FLAGS)),
    /** C-SSRS only. */
    risk: z.enum(CSSRS_RISKS).optional(),
  })
  .meta({ id: "AssessmentRecorded" });
export type AssessmentRecorded = z.infer<typeof assessmentRecordedSchema>;

export const assessmentEntrySchema = z
  .object({
    id: z.uuid(),
    instrument: z.enum(INSTRUMENT_CODES),
    administeredAt: isoDateTime,
    total: z.number().int().nullable(),
    severity: z.string().nullable(),
    flags: z.array(z.enum(ASSESSMENT_FLAGS)),
    /** C-SSRS only; null for the other instruments. */
    risk: z.enum(CSSRS_RISKS).nullable(),
    rater: z.enum(["self", "clinician"]),
    /** Item answers in instrument order (unasked C-SSRS questions stored as 0). */
    answers: z.array(z.number().int()),
    enteredByName: z.string(),
    sessionId: z.uuid().nullable(),
  })
  .meta({ id: "Assessment" });
export type AssessmentEntry = z.infer<typeof assessmentEntrySchema>;

export const assessmentListSchema = z
  .object({ data: z.array(assessmentEntrySchema) })
  .meta({ id: "AssessmentList" });

export const assessmentListQuerySchema = z.object({
  instrument: z.enum(INSTRUMENT_CODES).optional(),
});
export type AssessmentListQuery = z.infer<typeof assessmentListQuerySchema>;

/**
 * Instruments a nurse may not enter. The MADRS is a clinician-rated interview scored by the
 * psychiatrist; nurses enter self-report scales for the patient (DESIGN.md permission matrix)
 * and, in this clinic, also administer the CADSS and the C-SSRS screener at the chair.
 */
const PSYCHIATRIST_RATED: readonly InstrumentCode[] = ["MADRS"];

/**
 * May this role enter this instrument? The same predicate offers the instruments in the form
 * and refuses the entry on the server.
 */
export function canRecordInstrument(role: Role, code: InstrumentCode): boolean {
  if (!can(role, "assessments:record")) return false;
  switch (role) {
    case "psychiatrist":
      return true;
    case "nurse":
      return !PSYCHIATRIST_RATED.includes(code);
    case "admin":
      return false;
    default: {
      const unreachable: never = role;
      return unreachable;
    }
  }
}

/** The instruments a role may enter, in the clinic's usual order. */
export function instrumentsRecordableBy(role: Role): InstrumentCode[] {
  return INSTRUMENT_CODES.filter((code) => canRecordInstrument(role, code));
}
