import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { resolveAdverseEvent } from "@/lib/sessions/session-events";

export const POST = apiRoute(ops.resolveAdverseEvent, ({ db, actor, params, body }) =>
  resolveAdverseEvent(db, actor, params.id, params.eventId, body),
);
