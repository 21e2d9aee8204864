import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { getPatientHeader, patientSafety } from "@/lib/patients/patient-record";
import { updatePatientDemographics } from "@/lib/registry/update-demographics";

export const GET = apiRoute(ops.getPatient, async ({ db, actor, params }) => ({
  ...(await getPatientHeader(db, actor, params.id)),
  safetyFlags: await patientSafety(db, actor, params.id),
}));

export const PATCH = apiRoute(ops.updatePatientDemographics, ({ db, actor, params, body }) =>
  updatePatientDemographics(db, actor, params.id, body),
);
