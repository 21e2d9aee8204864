import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { updateStaff } from "@/lib/staff/manage-staff";

export const PATCH = apiRoute(ops.updateStaff, ({ db, actor, params, body }) =>
  updateStaff(db, actor, params.id, body),
);
