/**
 * Correcting a patient's demographics after registration: `patients:write`, one transaction with
 * exactly one audit row naming the fields that changed (never their values).
 */
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
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
import { uuidOrNull } from "@/lib/registry/ids";
import {
  demographicsPatchSchema,
  type DemographicsUpdated,
} from "@/lib/registry/registration-schemas";
import { violatedUniqueIndex, withRegistryWrite } from "@/lib/registry/registry-write";
import { parseInput } from "@/lib/validation";

type PatientRow = typeof patients.$inferSelect;
type PatientChanges = Partial<Omit<PatientRow, "id" | "createdAt">>;

/** Which columns hold each API field, to name the changed fields in the audit row. */
const FIELD_COLUMNS = {
  firstName: ["givenName"],
  lastName: ["familyName"],
  dateOfBirth: ["dateOfBirth"],
  sex: ["sex"],
  mrn: ["mrn"],
  phone: ["phone"],
  email: ["email"],
  emergencyContact: ["emergencyContactName", "emergencyContactPhone"],
  diagnosisCode: ["diagnosisCode"],
  diagnosisLabel: ["diagnosisLabel"],
  psychiatristId: ["psychiatristId"],
  weightKg: ["weightKg"],
} as const satisfies Record<string, readonly (keyof PatientChanges)[]>;

/**
 * Corrects a patient's demographics (any subset of the registration fields; null clears an
 * optional one). The audit row names the fields that changed, never their values.
 */
export async function updatePatientDemographics(
  db: Db,
  actor: ActorContext,
  patientId: string,
  rawPatch: unknown,
  options: { now?: Date } = {},
): Promise<DemographicsUpdated> {
  const now = options.now ?? new Date();
  const id = uuidOrNull(patientId);
  return withRegistryWrite(
    db,
    actor,
    "patients:write",
    { action: "patient.update-demographics", entityType: "patient", entityId: patientId },
    async (tx) => {
      const patch = parseInput(demographicsPatchSchema, rawPatch);
      if (Object.keys(patch).length === 0) {
        throw new AppError("bad_request", "Change at least one field.");
      }
      // Locked so two desks correcting the same record cannot interleave.
      const [current] = id
        ? await tx.select().from(patients).where(eq(patients.id, id)).for("update")
        : [];
      if (!current) throw new AppError("not_found", "No such patient.");
      // Only a changed value is checked: a record keeps its psychiatrist after they leave.
      if (patch.dateOfBirth !== undefined && patch.dateOfBirth !== current.dateOfBirth) {
        checkDateOfBirth(patch.dateOfBirth, now);
      }
      if (patch.psychiatristId && patch.psychiatristId !== current.psychiatristId) {
        await checkPsychiatrist(tx, patch.psychiatristId);
      }
      if (patch.mrn !== undefined) await refuseTakenMrn(tx, patch.mrn, current.id);

      const next: PatientChanges = {};
      if (patch.firstName !== undefined) next.givenName = patch.firstName;
      if (patch.lastName !== undefined) next.familyName = patch.lastName;
      if (patch.dateOfBirth !== undefined) next.dateOfBirth = patch.dateOfBirth;
      if (patch.sex !== undefined) next.sex = patch.sex;
      if (patch.mrn !== undefined) next.mrn = patch.mrn;
      if (patch.phone !== undefined) next.phone = patch.phone;
      if (patch.email !== undefined) next.email = patch.email;
      if (patch.psychiatristId !== undefined) next.psychiatristId = patch.psychiatristId;
      if (patch.weightKg !== undefined) next.weightKg = patch.weightKg;
      if (patch.emergencyContact !== undefined) {
        const contact = patch.emergencyContact ? emergencyContactOf(patch.emergencyContact) : null;
        next.emergencyContactName = contact?.name ?? null;
        next.emergencyContactPhone = contact?.phone ?? null;
      }
      if (patch.diagnosisCode !== undefined || patch.diagnosisLabel !== undefined) {
        const code =
          patch.diagnosisCode === undefined ? current.diagnosisCode || null : patch.diagnosisCode;
        // A new code without a label takes the table's label, not the old code's.
        const label =
          patch.diagnosisLabel !== undefined
            ? patch.diagnosisLabel
            : code === current.diagnosisCode
              ? current.diagnosisLabel
              : null;
        Object.assign(next, diagnosisOf(code, label));
      }

      const changed = Object.entries(FIELD_COLUMNS)
        .filter(([, columns]) => columns.some((c) => c in next && next[c] !== current[c]))
        .map(([field]) => field);
      if (changed.length > 0) {
        await tx
          .update(patients)
          .set({ ...next, updatedAt: now })
          .where(eq(patients.id, current.id));
      }
      return {
        result: { ...(await demographicsOf(tx, current.id)), changed },
        entityId: current.id,
        patientId: current.id,
        detail: { fields: changed },
      };
    },
    {
      translate: (error) => (violatedUniqueIndex(error) === MRN_INDEX ? mrnInUse(null) : null),
    },
  );
}
