import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { getClinicHours, updateClinicHours } from "@/lib/registry/rooms";

export const GET = apiRoute(ops.getClinicHours, ({ db, actor, query }) =>
  getClinicHours(db, actor, query.locationId),
);

export const PUT = apiRoute(ops.updateClinicHours, ({ db, actor, body }) =>
  updateClinicHours(db, actor, body),
);
