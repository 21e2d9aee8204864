import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { markNoShow } from "@/lib/sessions/transitions";

export const POST = apiRoute(ops.markNoShow, ({ db, actor, params, body }) =>
  markNoShow(db, actor, params.id, body.reason ?? null),
);
