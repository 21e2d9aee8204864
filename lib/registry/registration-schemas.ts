/**
 * Zod schemas of patient registration and demographics. The API operations, the use cases and
 * the registration form share them; client components import only their types and constants.
 */
import { z } from "zod";
import { patientStatusEnum } from "@/db/schema";
import { ICD10_CODE_PATTERN, normalizeIcd10 } from "@/lib/registry/icd10";
import { SEXES, WEIGHT_MAX_KG, WEIGHT_MIN_KG } from "@/lib/registry/registry-constants";

/** Digits with the usual separators and an optional leading +, 7 to 15 digits in all. */
const PHONE_PATTERN = /^\+?(?:[\s().-]*\d){7,15}[\s().-]*$/;
/** A clinic's own medical record number: letters, digits and dashes. */
const MRN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{2,31}$/;

const personName = (what: string): z.ZodString =>
  z.string().trim().min(1, `Enter the ${what}.`).max(100, `The ${what} is at most 100 characters.`);

const phoneSchema = z
  .string()
  .trim()
  .regex(PHONE_PATTERN, "Enter a phone number such as 207-555-0143.");

const mrnSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(MRN_PATTERN, "An MRN is 3–32 letters, digits or dashes, such as KP-004512.");

const diagnosisCodeSchema = z
  .string()
  .transform(normalizeIcd10)
  .pipe(
    z
      .string()
      .regex(ICD10_CODE_PATTERN, "Enter an ICD-10 code such as F33.2 (letter, digits, dot)."),
  );

/** A contact as two fields, or as one line ("Alex Whitfield (spouse), 207-555-0143"). */
export const emergencyContactInputSchema = z.union(
  [
    z.string().trim().min(1).max(200),
    z
      .object({
        name: z.string().trim().min(1, "Enter the emergency contact's name.").max(120),
        phone: phoneSchema.nullable().optional(),
      })
      .strict(),
  ],
  { error: "Enter the emergency contact's name, and a phone number such as 207-555-0143." },
);

const demographicFields = {
  firstName: personName("first name"),
  lastName: personName("last name"),
  dateOfBirth: z.iso.date("Enter the date of birth as YYYY-MM-DD."),
  sex: z.enum(SEXES),
  mrn: mrnSchema,
  phone: phoneSchema.nullable(),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter an email address such as name@example.com.").max(254))
    .nullable(),
  emergencyContact: emergencyContactInputSchema.nullable(),
  diagnosisCode: diagnosisCodeSchema.nullable(),
  /** Optional: a code from the common table is labelled by it, others "ICD-10 <code>". */
  diagnosisLabel: z.string().trim().min(1).max(200).nullable(),
  psychiatristId: z.uuid("Choose a psychiatrist from the list.").nullable(),
  weightKg: z
    .number()
    .min(WEIGHT_MIN_KG, `Weight is at least ${WEIGHT_MIN_KG} kg.`)
    .max(WEIGHT_MAX_KG, `Weight is at most ${WEIGHT_MAX_KG} kg.`)
    .nullable(),
};

/** What registerPatient takes: the intake's demographics. */
export const registrationInputSchema = z
  .object({
    firstName: demographicFields.firstName,
    lastName: demographicFields.lastName,
    dateOfBirth: demographicFields.dateOfBirth,
    sex: demographicFields.sex,
    mrn: demographicFields.mrn.optional(),
    phone: demographicFields.phone.optional(),
    email: demographicFields.email.optional(),
    emergencyContact: demographicFields.emergencyContact.optional(),
    diagnosisCode: demographicFields.diagnosisCode.optional(),
    diagnosisLabel: demographicFields.diagnosisLabel.optional(),
    psychiatristId: demographicFields.psychiatristId.optional(),
    weightKg: demographicFields.weightKg.optional(),
  })
  .strict();
export type RegistrationInput = z.input<typeof registrationInputSchema>;

/** Body of POST /api/v1/patients: the registration, confirmed when it is a likely duplicate. */
export const registrationBodySchema = registrationInputSchema
  .extend({
    /** Register although a patient with the same name and date of birth exists. */
    confirmDuplicate: z.boolean().optional(),
  })
  .strict()
  .meta({ id: "PatientRegistration" });
export type RegistrationBody = z.input<typeof registrationBodySchema>;

/**
 * Body of PATCH /api/v1/patients/{id}: any demographic field; null clears an optional one.
 * Status, consent and screening are clinical steps with their own use cases, not edits here.
 */
export const demographicsPatchSchema = z
  .object({
    firstName: demographicFields.firstName.optional(),
    lastName: demographicFields.lastName.optional(),
    dateOfBirth: demographicFields.dateOfBirth.optional(),
    sex: demographicFields.sex.optional(),
    mrn: demographicFields.mrn.optional(),
    phone: demographicFields.phone.optional(),
    email: demographicFields.email.optional(),
    emergencyContact: demographicFields.emergencyContact.optional(),
    diagnosisCode: demographicFields.diagnosisCode.optional(),
    diagnosisLabel: demographicFields.diagnosisLabel.optional(),
    psychiatristId: demographicFields.psychiatristId.optional(),
    weightKg: demographicFields.weightKg.optional(),
  })
  .strict()
  .meta({ id: "PatientDemographicsPatch" });
export type DemographicsPatch = z.input<typeof demographicsPatchSchema>;

export const patientDemographicsSchema = z
  .object({
    id: z.uuid(),
    mrn: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    dateOfBirth: z.iso.date(),
    sex: z.enum(SEXES),
    weightKg: z.number().nullable(),
    /** Null until the diagnosis is recorded (a patient may be registered before assessment). */
    diagnosisCode: z.string().nullable(),
    diagnosisLabel: z.string().nullable(),
    psychiatristId: z.uuid().nullable(),
    psychiatristName: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    emergencyContact: z.object({ name: z.string(), phone: z.string().nullable() }).nullable(),
    status: z.enum(patientStatusEnum.enumValues),
  })
  .meta({ id: "PatientDemographics" });
export type PatientDemographics = z.infer<typeof patientDemographicsSchema>;

export const patientRegisteredSchema = patientDemographicsSchema
  .extend({ mrnGenerated: z.boolean() })
  .meta({ id: "PatientRegistered" });
export type PatientRegistered = z.infer<typeof patientRegisteredSchema>;

export const demographicsUpdatedSchema = patientDemographicsSchema
  .extend({ changed: z.array(z.string()) })
  .meta({ id: "PatientDemographicsUpdated" });
export type DemographicsUpdated = z.infer<typeof demographicsUpdatedSchema>;
