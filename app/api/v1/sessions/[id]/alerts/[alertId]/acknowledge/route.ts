import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { acknowledgeAlert } from "@/lib/sessions/session-events";

export const POST = apiRoute(ops.acknowledgeAlert, ({ db, actor, params }) =>
  acknowledgeAlert(db, actor, params.id, params.alertId),
);
