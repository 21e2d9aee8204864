import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { resetStaffPassword } from "@/lib/staff/manage-staff";

export const POST = apiRoute(ops.resetStaffPassword, ({ db, actor, params }) =>
  resetStaffPassword(db, actor, params.id),
);
