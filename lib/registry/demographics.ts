/** Reading a patient's demographics as the registration form edits them, and the rules they share. */
import "server-only";
import { and, asc, eq, ne } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { patients, users, type Patient } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { clinicDateKey } from "@/lib/format";
import { diagnosisLabelFor } from "@/lib/registry/icd10";
import type { PatientDemographics } from "@/lib/registry/registration-schemas";
import { earliestDateOfBirth, MAX_AGE_YEARS } from "@/lib/registry/registry-constants";
import { uuidOrNull } from "@/lib/registry/ids";

/**
 * The schema keeps a diagnosis on every patient (NOT NULL); a patient registered before the
 * assessment has an empty code, which every view shows as "not yet recorded".
 */
export const NO_DIAGNOSIS_CODE = "";
export const NO_DIAGNOSIS_LABEL = "Diagnosis not yet recorded";

export type EmergencyContact = { name: string; phone: string | null };

/** A trailing phone number after a comma or semicolon ("Alex Whitfield, 207-555-0143"). */
const TRAILING_PHONE = /^(.*\S)\s*[,;]\s*(\+?(?:[\s().-]*\d){7,15}[\s().-]*)$/;

/** An emergency contact typed as one line, split into its name and phone when it ends with one. */
export function emergencyContactOf(
  input: string | { name: string; phone?: string | null },
): EmergencyContact {
  if (typeof input !== "string") return { name: input.name, phone: input.phone ?? null };
  const match = TRAILING_PHONE.exec(input.trim());
  if (match?.[1] && match[2]) return { name: match[1], phone: match[2].trim() };
  return { name: input.trim(), phone: null };
}

/**
 * Refuses a date of birth in the future or more than MAX_AGE_YEARS ago (in the clinic's
 * calendar): both are typing slips in the year.
 */
export function checkDateOfBirth(dateOfBirth: string, now: Date): void {
  const today = clinicDateKey(now, config().clinicTimeZone);
  if (dateOfBirth > today) {
    throw new AppError("unprocessable", "The date of birth is in the future: check the year.", [
      { field: "dateOfBirth", message: "Date of birth cannot be in the future." },
    ]);
  }
  if (dateOfBirth < earliestDateOfBirth(today)) {
    throw new AppError(
      "unprocessable",
      `The date of birth is more than ${MAX_AGE_YEARS} years ago: check the year.`,
      [{ field: "dateOfBirth", message: `Age must be ${MAX_AGE_YEARS} years or less.` }],
    );
  }
}

/** Refuses a psychiatrist id that is not an active psychiatrist's account. */
export async function checkPsychiatrist(tx: Tx, psychiatristId: string): Promise<void> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(users.id, psychiatristId), eq(users.role, "psychiatrist"), eq(users.active, true)),
    );
  if (!row) {
    throw new AppError(
      "unprocessable",
      "The assigned psychiatrist is not an active psychiatrist.",
      [{ field: "psychiatristId", message: "Choose an active psychiatrist." }],
    );
  }
}

/** The unique index on patients.mrn (db/schema.ts). */
export const MRN_INDEX = "patients_mrn_key";

export function mrnInUse(mrn: string | null): AppError {
  const which = mrn ? `MRN ${mrn} is` : "That MRN is";
  return new AppError("conflict", `${which} already in use by another patient.`, [
    { field: "mrn", message: "This MRN is already in use. Leave it empty to generate one." },
  ]);
}

/** Refuses an MRN another patient holds. */
export async function refuseTakenMrn(
  tx: Tx,
  mrn: string,
  exceptId: string | null = null,
): Promise<void> {
  const [taken] = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(
      exceptId ? and(eq(patients.mrn, mrn), ne(patients.id, exceptId)) : eq(patients.mrn, mrn),
    );
  if (taken) throw mrnInUse(mrn);
}

/** The label stored with a code: the one given, the table's, or "ICD-10 <code>". */
export function diagnosisOf(
  code: string | null | undefined,
  label: string | null | undefined,
): {
  diagnosisCode: string;
  diagnosisLabel: string;
} {
  if (!code) {
    if (label) {
      throw new AppError("bad_request", "A diagnosis label needs its ICD-10 code.", [
        { field: "diagnosisCode", message: "Enter the ICD-10 code of this diagnosis." },
      ]);
    }
    return { diagnosisCode: NO_DIAGNOSIS_CODE, diagnosisLabel: NO_DIAGNOSIS_LABEL };
  }
  return { diagnosisCode: code, diagnosisLabel: label ?? diagnosisLabelFor(code) };
}

/** The demographics after a write, in the same transaction. */
export async function demographicsOf(tx: Tx, id: string): Promise<PatientDemographics> {
  const view = await loadDemographics(tx, id);
  if (!view) throw new AppError("not_found", "No such patient.");
  return view;
}

export function demographicsView(p: Patient, psychiatristName: string | null): PatientDemographics {
  const diagnosed = p.diagnosisCode !== NO_DIAGNOSIS_CODE;
  return {
    id: p.id,
    mrn: p.mrn,
    firstName: p.givenName,
    lastName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
    weightKg: p.weightKg,
    diagnosisCode: diagnosed ? p.diagnosisCode : null,
    diagnosisLabel: diagnosed ? p.diagnosisLabel : null,
    psychiatristId: p.psychiatristId,
    psychiatristName,
    phone: p.phone,
    email: p.email,
    emergencyContact: p.emergencyContactName
      ? { name: p.emergencyContactName, phone: p.emergencyContactPhone }
      : null,
    status: p.status,
  };
}

/** The demographics of one patient, read in the caller's transaction (after a write). */
export async function loadDemographics(
  db: Db | Tx,
  patientId: string,
): Promise<PatientDemographics | null> {
  const [row] = await db
    .select({ patient: patients, psychiatristName: users.name })
    .from(patients)
    .leftJoin(users, eq(users.id, patients.psychiatristId))
    .where(eq(patients.id, patientId));
  return row ? demographicsView(row.patient, row.psychiatristName) : null;
}

/** A patient's demographics for the edit form: any role that may see the patient list. */
export async function getPatientDemographics(
  db: Db,
  actor: ActorContext,
  patientId: string,
): Promise<PatientDemographics> {
  await authorize(db, actor, "patients:read", {
    action: "patient.read",
    entityType: "patient",
    entityId: patientId,
  });
  const id = uuidOrNull(patientId);
  const view = id ? await loadDemographics(db, id) : null;
  await recordAudit(db, {
    actor,
    action: "patient.read",
    entityType: "patient",
    entityId: patientId,
    patientId: view ? view.id : null,
    outcome: view ? "success" : "failure",
    requestAddress: actor.requestAddress,
    detail: { view: "demographics" },
  });
  if (!view) throw new AppError("not_found", "No such patient.");
  return view;
}

export type PsychiatristOption = { id: string; name: string; title: string | null };

/** Active psychiatrists, to assign one at registration (a staff list, not patient data). */
export async function listActivePsychiatrists(
  db: Db,
  actor: ActorContext,
): Promise<PsychiatristOption[]> {
  await authorize(db, actor, "patients:read", {
    action: "staff.psychiatrists",
    entityType: "user",
  });
  return db
    .select({ id: users.id, name: users.name, title: users.title })
    .from(users)
    .where(and(eq(users.role, "psychiatrist"), eq(users.active, true)))
    .orderBy(asc(users.name));
}
