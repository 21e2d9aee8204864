import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { dischargeSession } from "@/lib/sessions/transitions";

export const POST = apiRoute(ops.dischargeSession, ({ db, actor, params, body }) =>
  dischargeSession(db, actor, params.id, body.overrideReason ?? null),
);
