import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { startSession } from "@/lib/sessions/transitions";

export const POST = apiRoute(ops.startSession, ({ db, actor, params }) =>
  startSession(db, actor, params.id),
);
