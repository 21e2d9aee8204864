import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { checkInSession } from "@/lib/sessions/transitions";

export const POST = apiRoute(ops.checkInSession, ({ db, actor, params, body }) =>
  checkInSession(db, actor, params.id, body),
);
