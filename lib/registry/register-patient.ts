/**
 * Registering a patient at intake: `patients:write` (psychiatrists and the front desk; nurses
 * read only), one transaction with exactly one audit row, refusals included.
 */
import "server-only";
import { randomInt } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { patients } from "@/db/schema";
import type { ActorContext } from "@/lib/auth/authorize";
import { AppError } from "@/lib/errors";
import {
  checkDateOfBirth,
  checkPsychiatrist,
  demographicsOf,
  diagnosisOf,
  emergencyContactOf,
  MRN_INDEX,
  mrnInUse,
  refuseTakenMrn,
} from "@/lib/registry/demographics";
import {
  registrationInputSchema,
  type PatientRegistered,
} from "@/lib/registry/registration-schemas";
import { violatedUniqueIndex, withRegistryWrite } from "@/lib/registry/registry-write";
import { parseInput } from "@/lib/validation";

/** Kapstone's own MRNs: "KP-" and six digits. */
const MRN_PREFIX = "KP-";
const MRN_DIGITS = 6;
const MRN_CANDIDATES_PER_TRY = 8;
/** Transactions to run again when two registrations draw the same MRN at the same moment. */
const MRN_RACE_ATTEMPTS = 3;

/** A "KP-" MRN no patient has yet; the unique index still guards against a concurrent insert. */
async function freshMrn(tx: Tx): Promise<string> {
  for (let round = 0; round < 4; round++) {
    const candidates = Array.from(
      { length: MRN_CANDIDATES_PER_TRY },
      () => `${MRN_PREFIX}${String(randomInt(0, 10 ** MRN_DIGITS)).padStart(MRN_DIGITS, "0")}`,
    );
    const taken = await tx
      .select({ mrn: patients.mrn })
      .from(patients)
      .where(inArray(patients.mrn, candidates));
    const free = candidates.find((c) => !taken.some((t) => t.mrn === c));
    if (free) return free;
  }
  throw new AppError("conflict", "No free MRN could be generated; enter one by hand.");
}

/** The first patient with the same name (either case) and date of birth, if any. */
async function likelyDuplicate(
  tx: Tx,
  person: { firstName: string; lastName: string; dateOfBirth: string },
): Promise<{ id: string; mrn: string } | null> {
  const [row] = await tx
    .select({ id: patients.id, mrn: patients.mrn })
    .from(patients)
    .where(
      and(
        eq(patients.dateOfBirth, person.dateOfBirth),
        sql`lower(${patients.givenName}) = lower(${person.firstName})`,
        sql`lower(${patients.familyName}) = lower(${person.lastName})`,
      ),
    )
    .orderBy(patients.createdAt)
    .limit(1);
  return row ?? null;
}

/**
 * Registers a patient at intake (status "intake"). A missing MRN is generated; a given one must
 * be free (409). A patient with the same name and date of birth is a likely duplicate (409 naming
 * the existing MRN) unless the caller confirms it is a different person.
 */
export async function registerPatient(
  db: Db,
  actor: ActorContext,
  rawInput: unknown,
  options: { confirmDuplicate?: boolean; now?: Date } = {},
): Promise<PatientRegistered> {
  const now = options.now ?? new Date();
  let generatedMrn = false;
  return withRegistryWrite(
    db,
    actor,
    "patients:write",
    { action: "patient.register", entityType: "patient" },
    async (tx) => {
      const input = parseInput(registrationInputSchema, rawInput);
      const diagnosis = diagnosisOf(input.diagnosisCode, input.diagnosisLabel);
      checkDateOfBirth(input.dateOfBirth, now);
      if (input.psychiatristId) await checkPsychiatrist(tx, input.psychiatristId);
      if (input.mrn) await refuseTakenMrn(tx, input.mrn);
      const duplicate = await likelyDuplicate(tx, input);
      if (duplicate && !options.confirmDuplicate) {
        throw new AppError(
          "conflict",
          `A patient named ${input.firstName} ${input.lastName} born ${input.dateOfBirth} already exists (MRN ${duplicate.mrn}). Confirm to register a different person anyway.`,
          [
            { field: "confirmDuplicate", message: `Likely duplicate of MRN ${duplicate.mrn}.` },
            { field: "existingMrn", message: duplicate.mrn },
            { field: "existingPatientId", message: duplicate.id },
          ],
        );
      }
      generatedMrn = !input.mrn;
      const mrn = input.mrn ?? (await freshMrn(tx));
      const contact = input.emergencyContact ? emergencyContactOf(input.emergencyContact) : null;
      const [row] = await tx
        .insert(patients)
        .values({
          mrn,
          givenName: input.firstName,
          familyName: input.lastName,
          dateOfBirth: input.dateOfBirth,
          sex: input.sex,
          weightKg: input.weightKg ?? null,
          ...diagnosis,
          psychiatristId: input.psychiatristId ?? null,
          status: "intake",
          phone: input.phone ?? null,
          email: input.email ?? null,
          emergencyContactName: contact?.name ?? null,
          emergencyContactPhone: contact?.phone ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: patients.id });
      if (!row) throw new AppError("conflict", "The patient could not be registered; try again.");
      return {
        result: { ...(await demographicsOf(tx, row.id)), mrnGenerated: generatedMrn },
        entityId: row.id,
        patientId: row.id,
        detail: { mrnGenerated: generatedMrn, confirmedDuplicate: duplicate !== null },
      };
    },
    {
      retry: (error, attempt) =>
        generatedMrn && violatedUniqueIndex(error) === MRN_INDEX && attempt < MRN_RACE_ATTEMPTS,
      translate: (error) => (violatedUniqueIndex(error) === MRN_INDEX ? mrnInUse(null) : null),
    },
  );
}
