import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { getPatientProgress } from "@/lib/patients/patient-record";

export const GET = apiRoute(ops.getProgress, ({ db, actor, params }) =>
  getPatientProgress(db, actor, params.id),
);
