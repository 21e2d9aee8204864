import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { cancelSession } from "@/lib/schedule/booking";

export const POST = apiRoute(ops.cancelSession, ({ db, actor, params, body }) =>
  cancelSession(db, actor, params.id, body),
);
